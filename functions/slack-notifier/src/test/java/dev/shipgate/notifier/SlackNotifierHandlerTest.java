package dev.shipgate.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.policy.Mentions;
import dev.shipgate.notifier.policy.NotifyPolicy;
import dev.shipgate.notifier.slack.SlackDeliveryException;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.BlockKitLimits;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.Json;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.SlackReceiver;
import dev.shipgate.testing.SnapshotUniqueness;
import dev.shipgate.testing.TestClients;
import dev.shipgate.testing.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The handler end to end with real SDK clients: Secrets Manager and DynamoDB on moto_server,
 * GetPipelineExecution on the CodePipeline stand-in, messages to the local Slack receiver.
 */
class SlackNotifierHandlerTest {

    static final String PIPELINE = "shipgate-demo-pipeline";
    static final String EXECUTION = "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11";
    static final String OLDER_EXECUTION = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
    static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    static final String EXECUTION_JSON = """
            {"pipelineName":"shipgate-demo-pipeline","pipelineVersion":3,"pipelineExecutionId":"%s","status":"InProgress",
             "artifactRevisions":[{"name":"SourceArtifact","revisionId":"%s",
               "revisionSummary":"{\\"ProviderType\\":\\"GitHub\\",\\"CommitMessage\\":\\"From the revision summary\\"}",
               "revisionUrl":"https://us-east-1.console.aws.amazon.com/codesuite/settings/connections/redirect?referenceType=COMMIT&FullRepositoryId=acme/shop-api&Commit=%s"}],
             "variables":[{"name":"COMMIT_SHA","resolvedValue":"%s"},{"name":"GIT_REF","resolvedValue":"refs/heads/main"},
               {"name":"BRANCH","resolvedValue":"main"},{"name":"COMMIT_MESSAGE","resolvedValue":"Fix checkout rounding for amounts < 1 & > 1000\\n\\nbody"},
               {"name":"COMMIT_AUTHOR","resolvedValue":"dana-dev"},{"name":"DELIVERY_ID","resolvedValue":"72d3162e-cc78-11e3-81ab-4c9367dc0958"},
               {"name":"COMPARE_URL","resolvedValue":"https://github.com/acme/shop-api/compare/1a2b3c4d5e6f...9fceb02d0ae5"}],
             "trigger":{"triggerType":"StartPipelineExecution","triggerDetail":"arn:aws:sts::123456789012:assumed-role/webhook/fn"},
             "executionMode":"QUEUED","executionType":"STANDARD"}""";

    private final TestContext context = new TestContext();
    private final SlackReceiver slack = new SlackReceiver().start();
    private final CodePipelineStandIn codePipeline = new CodePipelineStandIn().withPipeline(PIPELINE)
            .withExecution(EXECUTION, EXECUTION_JSON.formatted(EXECUTION, SHA, SHA, SHA))
            .withExecution(OLDER_EXECUTION, EXECUTION_JSON.formatted(OLDER_EXECUTION, SHA, SHA, SHA)).start();
    private final SecretsManagerClient secrets = TestClients.local(SecretsManagerClient.builder(), MotoServer.shared().endpoint());
    private final DynamoDbClient dynamo = TestClients.local(DynamoDbClient.builder(), MotoServer.shared().endpoint());
    private final CodePipelineClient codePipelineClient = TestClients.local(CodePipelineClient.builder(), codePipeline.endpoint());
    private final String table = StateTables.create(dynamo);
    private final String secretArn = secrets.createSecret(r -> r.name("slack-webhook-" + System.nanoTime())
            .secretString("{\"url\":\"" + slack.webhookUrl() + "\"}")).arn();

    @AfterEach
    void stop() {
        assertThat(context.allLogs()).as("logs never hold the webhook URL").doesNotContain(SlackReceiver.WEBHOOK_PATH);
        slack.close();
        codePipeline.close();
        secrets.close();
        dynamo.close();
        codePipelineClient.close();
    }

    static Stream<String> everySampleEvent() throws IOException {
        try (Stream<Path> files = Files.list(Events.root().resolve("events/slack-notifier"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("everySampleEvent")
    void handle_everySampleEvent_rendersWithinBlockKitLimitsAndSlackAccepts(String scenario) throws Exception {
        SlackNotifierHandler handler = handler("all", "S0123ABCD");
        JsonNode event = Json.MAPPER.readTree(Events.read("slack-notifier", scenario));
        boolean skipped = scenario.startsWith("unknown-") || scenario.startsWith("malformed-") || scenario.contains("not-json");
        int records = event.has("Records") ? event.path("Records").size() : 1;

        JsonNode summary = invoke(handler, Events.read("slack-notifier", scenario));

        if (skipped) {
            assertThat(summary.path("skipped").asInt()).isEqualTo(records);
            assertThat(slack.deliveries()).isEmpty();
            assertThat(context.allLogs()).contains("event-skipped");
            return;
        }
        assertThat(summary.path("sent").asInt()).isEqualTo(records);
        assertThat(slack.deliveries()).hasSize(records).allMatch(SlackReceiver.Delivery::accepted);
        for (JsonNode message : slack.accepted()) {
            assertThat(BlockKitLimits.check(message)).isNull();
            assertThat(message.path("text").asText()).isNotBlank().contains("shop-api");
            assertThat(message.path("blocks").get(0).path("type").asText()).isEqualTo("header");
            assertThat(message.toString()).contains(scenario.startsWith("sns-alarm-")
                    ? "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/shipgate-demo-"
                    : "https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/" + PIPELINE);
        }
    }

    @Test
    void handle_alarmWhenNotifyOnSelectsOnlyFailures_postedRedWithReasonMentionAndConsoleLink() throws Exception {
        SlackNotifierHandler handler = handler("FAILED", "S0123ABCD");

        JsonNode summary = invoke(handler, Events.read("slack-notifier", "sns-alarm-notifier-failure-queue.json"));

        assertThat(summary.path("sent").asInt()).isEqualTo(1);
        JsonNode message = slack.accepted().get(0);
        assertThat(BlockKitLimits.check(message)).isNull();
        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("🔴 ALARM · shipgate-demo-NotifierFailureQueueAlarm-1A2B3C4D5E6F");
        assertThat(message.toString()).contains("<!subteam^S0123ABCD> CloudWatch alarm")
                .contains("*Reason:* Threshold Crossed: 1 out of the last 1 datapoints [2.0")
                .contains("QueueName=shipgate-demo-NotifierFailureQueue-9Z8Y7X6W5V4U")
                .contains("Maximum ≥ 1 for 1 period of 5 min")
                .contains("<https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/"
                        + "shipgate-demo-NotifierFailureQueueAlarm-1A2B3C4D5E6F|Open the alarm in the CloudWatch console>");
        assertThat(context.allLogs()).contains("slack-sent").doesNotContain("Threshold Crossed");
    }

    @Test
    void handle_alarmRecovered_postedGreen_butFirstEvaluationAndInsufficientDataAreNot() throws Exception {
        SlackNotifierHandler handler = handler("all", "S0123ABCD");

        JsonNode recovered = invoke(handler, alarmEvent("OK", "ALARM", "m-ok"));
        JsonNode firstEvaluation = invoke(handler, alarmEvent("OK", "INSUFFICIENT_DATA", "m-first"));
        JsonNode noData = invoke(handler, alarmEvent("INSUFFICIENT_DATA", "OK", "m-nodata"));

        assertThat(recovered.path("sent").asInt()).isEqualTo(1);
        assertThat(firstEvaluation.path("filtered").asInt()).isEqualTo(1);
        assertThat(noData.path("filtered").asInt()).isEqualTo(1);
        assertThat(slack.accepted()).singleElement().satisfies(m -> {
            assertThat(m.at("/blocks/0/text/text").asText()).startsWith("🟢 OK · ");
            assertThat(m.toString()).contains("is *back to OK* (was ALARM)").doesNotContain("subteam");
        });
        assertThat(context.allLogs()).contains("alarm-filtered");
    }

    @Test
    void handle_malformedAlarmBesideAGoodOne_skippedWithWarningWithoutPayload_andTheOtherPosted() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(alarmEvent("ALARM", "OK", "m-good"));
        ObjectNode bad = ((ArrayNode) event.path("Records")).addObject();
        bad.put("EventSource", "aws:sns").putObject("Sns").put("MessageId", "m-bad")
                .put("Message", "{\"AlarmName\":\"x\",\"NewStateValue\":\"ON_FIRE\",\"NewStateReason\":\"private-detail\"}");

        JsonNode summary = invoke(handler, event.toString());

        assertThat(summary.path("sent").asInt()).isEqualTo(1);
        assertThat(summary.path("skipped").asInt()).isEqualTo(1);
        assertThat(context.allLogs()).contains("event-skipped").contains("cloudwatch-alarm").doesNotContain("private-detail");
    }

    /** The sample ALARM notification with another state, previous state and SNS message id. */
    private static String alarmEvent(String state, String previous, String messageId) throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Events.read("slack-notifier", "sns-alarm-notifier-failure-queue.json"));
        ObjectNode sns = (ObjectNode) event.at("/Records/0/Sns");
        ObjectNode message = (ObjectNode) Json.MAPPER.readTree(sns.path("Message").asText());
        message.put("NewStateValue", state).put("OldStateValue", previous);
        sns.put("MessageId", messageId).put("Message", message.toString());
        return event.toString();
    }

    @Test
    void handle_pipelineFailedAfterCodeBuildActionFailed_namesFailedActionWithBuildLinksCommitAndMention() throws Exception {
        SlackNotifierHandler handler = handler(null, "S0123ABCD");
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        invoke(handler, Events.read("slack-notifier", "action-failed-codebuild.json"));

        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(slack.accepted()).hasSize(3);
        JsonNode message = slack.accepted().get(2);
        String all = message.toString();
        assertThat(message.path("text").asText()).startsWith("<!subteam^S0123ABCD> ❌ FAILED shipgate-demo-pipeline");
        assertThat(all).contains("❌ FAILED · shipgate-demo-pipeline")
                .contains("*Failed in* stage `Build`, action `BuildImage` (CodeBuild) — JobFailed")
                .contains("<https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/shipgate-demo-build/build/"
                        + "shipgate-demo-build%3A5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b/?region=us-east-1|CodeBuild build>")
                .contains("shipgate-demo-build%3A5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b/log?region=us-east-1|build logs>")
                .contains("<https://github.com/acme/shop-api/commit/" + SHA + "|9fceb02>")
                .contains("Fix checkout rounding for amounts &lt; 1 &amp; &gt; 1000")
                .contains("*Author*\\ndana-dev").contains("*Branch*\\n`main`").contains("*Duration*\\n4m 26s")
                .contains("/executions/" + EXECUTION + "/timeline?region=us-east-1");
        assertThat(BlockKitLimits.check(message)).isNull();
        Golden.assertMatches("pipeline-failed-codebuild", message);
    }

    @Test
    void handle_gateVerdictFail_showsCountsWorstFindingsAndMention() throws Exception {
        SlackNotifierHandler handler = handler(null, "U0123ABCD");

        invoke(handler, Events.read("slack-notifier", "sns-gate-verdict-fail.json"));

        JsonNode message = slack.accepted().get(0);
        assertThat(message.toString()).contains("⛔ BLOCKED · security gate · shipgate-demo-pipeline")
                .contains("<@U0123ABCD>")
                .contains("*Findings by severity:* CRITICAL 2 · HIGH 1 · MEDIUM 7 · LOW 12 · INFORMATIONAL 3 · UNDEFINED 0")
                .contains("<https://security-tracker.debian.org/tracker/CVE-2024-5535|CVE-2024-5535> CRITICAL (CVSS 9.1) in `openssl 3.0.13-1~deb12u1`, fixed in `3.0.14-1~deb12u1`")
                .contains("CVE-2023-45853").contains("no fix yet")
                .contains("Expired exceptions: `CVE-2023-4911`")
                .contains("<https://github.com/acme/shop-api/commit/" + SHA + "|9fceb02>")
                .contains("📄 <https://us-east-1.console.aws.amazon.com/s3/object/shipgate-demo-artifactbucket-1x2y3z4w5v6u"
                        + "?region=us-east-1&bucketType=general&prefix=shipgate-reports/shipgate-demo-pipeline/"
                        + "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d.html|Full report>");
        Golden.assertMatches("gate-verdict-fail", message);
    }

    @Test
    void handle_successAfterFailure_markedRecoveredOnceOnly() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-failed.json"), OLDER_EXECUTION, "2026-11-27T09:40:00.000Z"));

        invoke(handler, Events.read("slack-notifier", "pipeline-succeeded.json"));
        ObjectNode sameStateOtherEvent = (ObjectNode) Json.MAPPER.readTree(Events.read("slack-notifier", "pipeline-succeeded.json"));
        sameStateOtherEvent.put("id", "d0d0d0d0-1111-4222-8333-444455556666");
        invoke(handler, sameStateOtherEvent.toString());
        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-succeeded.json"),
                "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "2026-11-27T11:00:00.000Z"));

        List<JsonNode> sent = slack.accepted();
        assertThat(sent).hasSize(4);
        JsonNode recovered = sent.get(1);
        assertThat(recovered.path("text").asText()).startsWith("💚 RECOVERED shipgate-demo-pipeline");
        assertThat(recovered.toString()).contains("back to green after the previous execution failed").contains("*Duration*\\n7m 41s");
        assertThat(sent.get(2).path("text").asText()).as("the same state change in another event").startsWith("💚 RECOVERED");
        assertThat(sent.get(3).path("text").asText()).startsWith("✅ SUCCEEDED");
        Golden.assertMatches("pipeline-succeeded-recovered", recovered);
    }

    @Test
    void handle_sameExecutionSucceedingAfterARetriedStage_markedRecovered() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        String execution = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-failed.json"), execution, "2026-11-27T11:00:00.000Z"));

        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-succeeded.json"), execution, "2026-11-27T11:00:00.000Z"));

        assertThat(slack.accepted()).hasSize(2);
        assertThat(slack.accepted().get(1).path("text").asText()).startsWith("💚 RECOVERED");
    }

    @Test
    void handle_stateCodePipelineAddsLater_postedUnderAllAndLoggedAsAWarning() throws Exception {
        SlackNotifierHandler handler = handler("all", null);
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Events.read("slack-notifier", "stage-started.json"));
        ((ObjectNode) event.path("detail")).put("state", "PAUSED");

        JsonNode result = invoke(handler, event.toString());

        assertThat(result.path("sent").asInt()).isEqualTo(1);
        assertThat(context.allLogs()).contains("\"level\":\"WARN\"").contains("unknown-state").contains("PAUSED");
    }

    @Test
    void handle_olderFailureArrivingLate_doesNotMakeNextSuccessRecovered() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        invoke(handler, Events.read("slack-notifier", "pipeline-succeeded.json"));
        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-failed.json"), OLDER_EXECUTION, "2026-11-27T09:40:00.000Z"));

        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-succeeded.json"),
                "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "2026-11-27T11:00:00.000Z"));

        assertThat(slack.accepted().get(2).path("text").asText()).startsWith("✅ SUCCEEDED");
    }

    @Test
    void handle_startedArrivingAfterTheExecutionFailed_notAnnounced() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        JsonNode late = invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        JsonNode next = invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-started.json"),
                "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "2026-11-27T11:00:00.000Z"));

        assertThat(late.path("sent").asInt()).isZero();
        assertThat(late.path("filtered").asInt()).isEqualTo(1);
        assertThat(context.allLogs()).contains("event-out-of-order");
        assertThat(next.path("sent").asInt()).as("the next execution's start").isEqualTo(1);
        assertThat(slack.accepted()).hasSize(2);
    }

    @Test
    void handle_recoveredOnlyPolicy_sendsSuccessOnlyAfterFailure() throws Exception {
        SlackNotifierHandler handler = handler("pipeline:RECOVERED", null);

        JsonNode first = invoke(handler, Events.read("slack-notifier", "pipeline-succeeded.json"));
        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-failed.json"),
                "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "2026-11-27T11:00:00.000Z"));
        JsonNode third = invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-succeeded.json"),
                "6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c", "2026-11-27T12:00:00.000Z"));

        assertThat(first.path("filtered").asInt()).isEqualTo(1);
        assertThat(third.path("sent").asInt()).isEqualTo(1);
        assertThat(slack.accepted()).hasSize(1);
        assertThat(slack.accepted().get(0).path("text").asText()).startsWith("💚 RECOVERED");
    }

    @Test
    void handle_defaultPolicy_filtersStageStartedAndGatePass() throws Exception {
        SlackNotifierHandler handler = handler(null, null);

        JsonNode stage = invoke(handler, Events.read("slack-notifier", "stage-started.json"));
        JsonNode pass = invoke(handler, Events.read("slack-notifier", "sns-gate-verdict-pass.json"));

        assertThat(stage.path("filtered").asInt()).isEqualTo(1);
        assertThat(pass.path("filtered").asInt()).isEqualTo(1);
        assertThat(slack.deliveries()).isEmpty();
    }

    @Test
    void handle_getPipelineExecutionFails_messageStillSentWithEventsOwnCommit() throws Exception {
        codePipeline.failNext("GetPipelineExecution", 10, 500, "InternalFailure");
        SlackNotifierHandler handler = handler(null, null);

        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(slack.accepted()).hasSize(1);
        String message = slack.accepted().get(0).toString();
        assertThat(message).contains("|9fceb02>").contains("*Author*\\nDana Developer").doesNotContain("dana-dev");
        assertThat(context.allLogs()).contains("execution-lookup-failed");
    }

    @Test
    void handle_unknownExecution_degradesToEventData() throws Exception {
        SlackNotifierHandler handler = handler(null, null);

        invoke(handler, withExecution(Events.read("slack-notifier", "pipeline-started.json"),
                "00000000-0000-4000-8000-000000000000", "2026-11-27T10:00:00.000Z"));

        assertThat(slack.accepted()).hasSize(1);
        assertThat(slack.accepted().get(0).toString()).contains("🚀 STARTED").doesNotContain("*Commit*");
        assertThat(context.allLogs()).contains("execution-lookup-failed").contains("PipelineExecutionNotFoundException");
    }

    @Test
    void handle_stateTableMissing_messageStillSent() throws Exception {
        dynamo.deleteTable(r -> r.tableName(table));
        SlackNotifierHandler handler = handler(null, null);

        invoke(handler, Events.read("slack-notifier", "pipeline-succeeded.json"));

        assertThat(slack.accepted()).hasSize(1);
        assertThat(context.allLogs()).contains("state-unavailable");
    }

    @Test
    void handle_slackRefuses_invocationFailsWithSlacksErrorLogged() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        slack.answerNext(404, "channel_not_found");

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                () -> invoke(handler, Events.read("slack-notifier", "pipeline-failed.json")));

        assertThat(e.slackError()).isEqualTo("channel_not_found");
        assertThat(context.allLogs()).contains("slack-failed").contains("channel_not_found");
    }

    @Test
    void handle_firstOfTwoRecordsRefused_secondStillDeliveredThenInvocationFails() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        slack.answerNext(410, "channel_is_archived");

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                () -> invoke(handler, Events.read("slack-notifier", "sns-multiple-records.json")));

        assertThat(e.slackError()).isEqualTo("channel_is_archived");
        assertThat(slack.deliveries()).extracting(SlackReceiver.Delivery::status).containsExactly(410, 200);

        // Lambda retries the invocation: the refused record is sent again, the delivered one is not.
        JsonNode retry = invoke(handler, Events.read("slack-notifier", "sns-multiple-records.json"));

        assertThat(retry.path("sent").asInt()).isEqualTo(1);
        assertThat(retry.path("duplicates").asInt()).isEqualTo(1);
        assertThat(slack.accepted()).hasSize(2);
        assertThat(slack.accepted().get(1).path("text").asText()).contains("security gate");
    }

    /** A pipeline event (EventBridge event id) and an alarm notification (SNS message id). */
    @ParameterizedTest
    @ValueSource(strings = {"action-failed-codebuild.json", "sns-alarm-notifier-failure-queue.json"})
    void handle_sameEventDeliveredTwice_postedOnce(String scenario) throws Exception {
        SlackNotifierHandler handler = handler(null, null);

        invoke(handler, Events.read("slack-notifier", scenario));
        JsonNode again = invoke(handler, Events.read("slack-notifier", scenario));

        assertThat(again.path("duplicates").asInt()).isEqualTo(1);
        assertThat(slack.deliveries()).hasSize(1);
        assertThat(context.allLogs()).contains("duplicate-skipped");
    }

    @Test
    void handle_rateLimitedThenOk_delivered() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        slack.answerNext(429, "rate_limited", Map.of("Retry-After", "1"));

        JsonNode summary = invoke(handler, Events.read("slack-notifier", "sns-gate-verdict-error.json"));

        assertThat(summary.path("sent").asInt()).isEqualTo(1);
        assertThat(slack.deliveries()).extracting(SlackReceiver.Delivery::status).containsExactly(429, 200);
        assertThat(slack.accepted().get(0).toString()).contains("⚠️ GATE ERROR").contains("did not complete within 30 minutes");
    }

    @Test
    void handle_unknownEventOrNotJson_loggedByTypeWithoutPayloadAndReturns() throws Exception {
        SlackNotifierHandler handler = handler(null, null);

        JsonNode s3 = invoke(handler, Events.read("slack-notifier", "unknown-s3-event.json"));
        JsonNode garbage = invoke(handler, "this is { not json");

        assertThat(s3.path("skipped").asInt()).isEqualTo(1);
        assertThat(garbage.path("skipped").asInt()).isEqualTo(1);
        assertThat(slack.deliveries()).isEmpty();
        assertThat(context.allLogs()).contains("event-skipped").contains("unparseable")
                .doesNotContain("secret-looking-key").doesNotContain("not json\"");
    }

    @Test
    void handle_hugeCommitMessageAndErrorSummary_truncatedAndEscaped() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        codePipeline.failNext("GetPipelineExecution", 10, 500, "InternalFailure");
        String huge = "<script>alert(1)</script>&" + "x".repeat(10_000);
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Events.read("slack-notifier", "action-failed-codebuild.json"));
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.putObject("execution-trigger").put("trigger-type", "WebhookV2").put("commit-id", SHA)
                .put("commit-message", huge).put("author-display-name", "<b>mallory</b> & co");
        ((ObjectNode) detail.path("execution-result")).put("external-execution-summary", huge);

        invoke(handler, event.toString());

        JsonNode message = slack.accepted().get(0);
        String all = message.toString();
        assertThat(BlockKitLimits.check(message)).isNull();
        assertThat(all).doesNotContain("<script>").doesNotContain("<b>mallory")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;xxx").contains("&lt;b&gt;mallory&lt;/b&gt; &amp; co")
                .contains("x…").doesNotContain("x".repeat(2_000));
        assertThat(message.path("text").asText().length()).isLessThanOrEqualTo(3_000);
    }

    @Test
    void handle_verdictWith500BlockingFindings_staysWithin50BlocksAndSaysHowManyMore() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        ObjectNode sns = (ObjectNode) Json.MAPPER.readTree(Events.read("slack-notifier", "sns-gate-verdict-fail.json"));
        ObjectNode snsBody = (ObjectNode) sns.path("Records").get(0).path("Sns");
        ObjectNode verdict = (ObjectNode) Json.MAPPER.readTree(snsBody.path("Message").asText());
        ArrayNode blocking = verdict.putArray("blocking");
        ArrayNode unused = verdict.putArray("unusedExceptions");
        for (int i = 0; i < 500; i++) {
            blocking.addObject().put("id", "CVE-2026-" + (10000 + i)).put("severity", "CRITICAL").put("package", "pkg<" + i + ">")
                    .put("version", "1.0").put("cvss", 9.8).put("uri", "https://nvd.nist.gov/vuln/detail/CVE-2026-" + (10000 + i));
            unused.add("CVE-2020-" + (10000 + i));
        }
        verdict.put("blockingCount", 500);
        snsBody.put("Message", verdict.toString());

        invoke(handler, sns.toString());

        JsonNode message = slack.accepted().get(0);
        assertThat(message.path("blocks").size()).isLessThanOrEqualTo(50);
        assertThat(BlockKitLimits.check(message)).isNull();
        assertThat(message.toString()).contains("… and 490 more blocking findings").contains("pkg&lt;0&gt;")
                .contains("and 480 more").contains("*Blocking findings*\\n500");
    }

    @Test
    void priming_runsEachSyntheticEventThroughTheService_toTheStandInsOnly_nothingReachesSlackGitHubOrAws() throws Exception {
        PrimingInvocations.StandInSlack standInSlack = new PrimingInvocations.StandInSlack();
        PrimingInvocations.StandInGitHub standInGitHub = new PrimingInvocations.StandInGitHub();
        PrimingInvocations invocations = new PrimingInvocations(config("FAILED", null), new dev.shipgate.notifier.event.EventReader(),
                dynamo, codePipelineClient);

        PrimingInvocations.Primed primed = invocations.run(new NotifierPriming(invocations, new JsonLog("slack-notifier", context.logger()),
                () -> { }), standInSlack, standInGitHub);

        // The action failure, the pipeline failure, the gate verdict and the alarm were posted, whatever the stack's own
        // NOTIFY_ON says; the resume is not in the default NOTIFY_ON, and the failure delivered again is a duplicate.
        assertThat(primed).isEqualTo(new PrimingInvocations.Primed(6, 4, 3, primed.dynamoDbCalls(), 5));
        assertThat(standInSlack.posts()).hasSize(4).allSatisfy(p -> assertThat(BlockKitLimits.check(Json.MAPPER.readTree(p))).isNull());
        assertThat(standInSlack.posts().get(0)).contains("Build").contains("<@U000PRIMING>");
        assertThat(standInSlack.posts().get(1)).as("the commit comes from the answered GetPipelineExecution")
                .contains(PrimingInvocations.COMMIT.substring(0, 7));
        assertThat(standInSlack.posts().get(3)).as("the alarm path is primed too").contains("🔴 ALARM · priming");
        assertThat(standInGitHub.statuses()).containsExactly(
                "shipgate/pipeline failure " + PrimingInvocations.COMMIT,
                "shipgate/pipeline pending " + PrimingInvocations.COMMIT,
                "shipgate/security-gate failure " + PrimingInvocations.COMMIT);
        // state reads, the failed action, the outcome, the sent marks (Slack's and GitHub's) and the final status mark
        assertThat(primed.dynamoDbCalls()).isGreaterThanOrEqualTo(15);
        assertThat(slack.deliveries()).isEmpty();
        assertThat(codePipeline.calls()).isEmpty();
        assertThat(dynamo.scan(r -> r.tableName(table)).count()).as("nothing written to the state table").isZero();
    }

    @Test
    void beforeCheckpoint_primesThroughTheService_andLogsWhatItPrimed() throws Exception {
        SlackNotifierHandler handler = handler(null, null);

        handler.priming().beforeCheckpoint(null);

        JsonNode line = Json.MAPPER.readTree(context.logLines().get(context.logLines().size() - 1));
        assertThat(line.path("event").asText()).isEqualTo("snapstart-priming");
        assertThat(line.path("classesPreloaded").asInt()).isGreaterThan(1000);
        assertThat(line.path("invocationsPrimed").asInt()).isEqualTo(6);
        assertThat(line.path("slackPostsToStandIn").asInt()).isEqualTo(4);
        assertThat(line.path("commitStatusesToStandIn").asInt()).isEqualTo(3);
        assertThat(line.path("sdkCallsAnswered").asInt()).isGreaterThanOrEqualTo(19);
        assertThat(context.allLogs()).as("the synthetic events' own log lines stay out of the function's log")
                .doesNotContain("slack-sent").doesNotContain("github-status-set");
        assertThat(slack.deliveries()).isEmpty();
        assertThat(codePipeline.calls()).isEmpty();
        assertThat(dynamo.scan(r -> r.tableName(table)).count()).isZero();
    }

    @Test
    void beforeCheckpoint_aStateTableThatRefusesWrites_failsTheCheckpointNamingTheEventAndTheDegradedStep() {
        // The synthetic action failure would still be posted, but its failed action not remembered: not how a real one ends.
        try (DynamoDbClient refusesWrites = TestClients.local(DynamoDbClient.builder().overrideConfiguration(o -> o
                .addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution request,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        if (request.request() instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest) {
                            throw new IllegalStateException("the table refuses writes");
                        }
                    }
                })), MotoServer.shared().endpoint())) {
            NotifierPriming priming = priming(refusesWrites, codePipelineClient);

            IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> priming.beforeCheckpoint(null));

            assertThat(e).hasMessageContaining("priming's synthetic action failure logged a degraded step")
                    .hasMessageContaining("state-unavailable");
            assertThat(context.allLogs()).doesNotContain("snapstart-priming");
        }
    }

    @Test
    void beforeCheckpoint_aClientThatCannotDryRun_failsBeforeAnySyntheticEventCouldReachAws() {
        try (DynamoDbClient plain = DynamoDbClient.builder().endpointOverride(MotoServer.shared().endpoint()).region(TestClients.REGION)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            NotifierPriming priming = priming(plain, codePipelineClient);

            IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> priming.beforeCheckpoint(null));

            assertThat(e).hasMessageContaining("not both dry-run capable");
            assertThat(dynamo.scan(r -> r.tableName(table)).count()).isZero();
        }
    }

    private NotifierPriming priming(DynamoDbClient dynamoClient, CodePipelineClient codePipelineClient) {
        return new NotifierPriming(new PrimingInvocations(config(null, null), new dev.shipgate.notifier.event.EventReader(),
                dynamoClient, codePipelineClient), new JsonLog("slack-notifier", context.logger()), () -> { });
    }

    @Test
    void afterRestore_slackUrlRotatedWhileTheSnapshotSatOnDisk_postsToTheNewUrlOnly() throws Exception {
        SlackNotifierHandler handler = handler(null, null);
        try (SlackReceiver rotated = new SlackReceiver().start()) {
            secrets.putSecretValue(r -> r.secretId(secretArn).secretString("{\"url\":\"" + rotated.webhookUrl() + "\"}"));

            handler.priming().afterRestore(null);
            invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

            assertThat(rotated.accepted()).hasSize(1);
            assertThat(slack.deliveries()).isEmpty();
        }
    }

    @Test
    void functionCode_usesNoRandomSourceASnapshotWouldShare() {
        assertThat(SnapshotUniqueness.seededRandomUses(SnapshotUniqueness.classesOf(SlackNotifierHandler.class))).isEmpty();
    }

    @Test
    void config_fromEnvironment_readsEveryVariableAndFailsOnMissingOrMalformed() {
        Map<String, String> env = new HashMap<>(Map.of(
                NotifierConfig.SLACK_WEBHOOK_SECRET_ARN, secretArn, NotifierConfig.GITHUB_REPOSITORY, "acme/shop-api",
                NotifierConfig.PROJECT_NAME, "shop-api", NotifierConfig.STATE_TABLE_NAME, table, NotifierConfig.AWS_REGION, "eu-west-1",
                NotifierConfig.NOTIFY_ON, "FAILED", NotifierConfig.SLACK_MENTION_ON_FAILURE, "<!subteam^S0123ABCD>"));

        NotifierConfig config = NotifierConfig.from(new Env(env));

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.mentionOnFailure().text()).isEqualTo("<!subteam^S0123ABCD>");
        env.put(NotifierConfig.GITHUB_REPOSITORY, "https://github.com/acme/shop-api");
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> NotifierConfig.from(new Env(env))))
                .hasMessageContaining("GITHUB_REPOSITORY");
        env.put(NotifierConfig.GITHUB_REPOSITORY, "acme/shop-api");
        env.remove(NotifierConfig.STATE_TABLE_NAME);
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> NotifierConfig.from(new Env(env))))
                .hasMessageContaining("STATE_TABLE_NAME");
    }

    private NotifierConfig config(String notifyOn, String mention) {
        return new NotifierConfig(new SlackTarget.Webhook(secretArn), NotifyPolicy.parse("NOTIFY_ON", notifyOn),
                Mentions.parse("SLACK_MENTION_ON_FAILURE", mention), "acme/shop-api", "shop-api", table, "us-east-1");
    }

    private SlackNotifierHandler handler(String notifyOn, String mention) {
        return new SlackNotifierHandler(new NotifierWiring(config(notifyOn, mention), secrets, codePipelineClient, dynamo,
                new JsonLog("slack-notifier", context.logger())));
    }

    private JsonNode invoke(SlackNotifierHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static String withExecution(String event, String executionId, String startTime) throws IOException {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(event);
        ((ObjectNode) node.path("detail")).put("execution-id", executionId).put("start-time", startTime);
        // Another execution's event is another event: EventBridge gives it its own id.
        node.put("id", UUID.nameUUIDFromBytes((executionId + node.path("id").asText()).getBytes(StandardCharsets.UTF_8)).toString());
        return node.toString();
    }
}
