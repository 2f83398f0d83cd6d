package dev.shipgate.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.github.GitHubStatusConfig;
import dev.shipgate.notifier.github.GitHubStatusException;
import dev.shipgate.notifier.policy.Mentions;
import dev.shipgate.notifier.policy.NotifyPolicy;
import dev.shipgate.notifier.slack.SlackDeliveryException;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.GitHubStandIn;
import dev.shipgate.testing.Json;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.SlackReceiver;
import dev.shipgate.testing.TestClients;
import dev.shipgate.testing.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.shipgate.notifier.SlackNotifierHandlerTest.EXECUTION;
import static dev.shipgate.notifier.SlackNotifierHandlerTest.EXECUTION_JSON;
import static dev.shipgate.notifier.SlackNotifierHandlerTest.PIPELINE;
import static dev.shipgate.notifier.SlackNotifierHandlerTest.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Commit statuses end to end: the handler with real SDK clients (Secrets Manager and DynamoDB on moto_server,
 * GetPipelineExecution on the CodePipeline stand-in), Slack on the local receiver and GitHub on its stand-in.
 */
class GitHubStatusHandlerTest {

    private static final String TOKEN = "github_pat_11ACME0000_handlertesttoken0000000000000000000000000000000000000";
    private static final String PIPELINE_CONTEXT = "shipgate/pipeline";
    private static final String GATE_CONTEXT = "shipgate/security-gate";
    /** One execution's events, in the order CodePipeline emits them. */
    private static final List<String> ONE_EXECUTION = List.of("pipeline-started.json", "stage-started.json",
            "action-failed-codebuild.json", "sns-gate-verdict-fail.json", "pipeline-failed.json");
    private static final String NO_SHA_EXECUTION = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";

    private final TestContext context = new TestContext();
    private final SlackReceiver slack = new SlackReceiver().start();
    private final GitHubStandIn github = new GitHubStandIn(TOKEN, "acme/shop-api").start();
    private final CodePipelineStandIn codePipeline = new CodePipelineStandIn().withPipeline(PIPELINE)
            .withExecution(EXECUTION, EXECUTION_JSON.formatted(EXECUTION, SHA, SHA, SHA))
            .withExecution(NO_SHA_EXECUTION, EXECUTION_JSON.formatted(NO_SHA_EXECUTION, "3sGoE2ZzUvS0p0Q6xq2c9aQ7yLJ0kD5e", "x", "x")
                    .replace("{\"name\":\"COMMIT_SHA\",\"resolvedValue\":\"x\"},", "")).start();
    private final SecretsManagerClient secrets = TestClients.local(SecretsManagerClient.builder(), MotoServer.shared().endpoint());
    private final DynamoDbClient dynamo = TestClients.local(DynamoDbClient.builder(), MotoServer.shared().endpoint());
    private final CodePipelineClient codePipelineClient = TestClients.local(CodePipelineClient.builder(), codePipeline.endpoint());
    private final String table = StateTables.create(dynamo);
    private final String slackSecretArn = secrets.createSecret(r -> r.name("slack-webhook-" + System.nanoTime())
            .secretString(slack.webhookUrl().toString())).arn();
    private final String tokenSecretArn = secrets.createSecret(r -> r.name("github-status-" + System.nanoTime())
            .secretString("{\"token\":\"" + TOKEN + "\"}")).arn();

    @AfterEach
    void stop() {
        assertThat(context.allLogs()).as("logs never hold the GitHub token").doesNotContain(TOKEN).doesNotContain("github_pat_");
        slack.close();
        github.close();
        codePipeline.close();
        secrets.close();
        dynamo.close();
        codePipelineClient.close();
    }

    @Test
    void handle_oneExecutionsEvents_pendingThenFailureOnThePipelineAndFailureOnTheGate() throws Exception {
        SlackNotifierHandler handler = handler(null);

        for (String event : ONE_EXECUTION) {
            invoke(handler, Events.read("slack-notifier", event));
        }

        assertThat(github.states(SHA, PIPELINE_CONTEXT)).containsExactly("pending", "failure");
        assertThat(github.states(SHA, GATE_CONTEXT)).containsExactly("failure");
        assertThat(github.calls()).hasSize(3).allSatisfy(call -> {
            assertThat(call.created()).isTrue();
            assertThat(call.authorization()).isEqualTo("Bearer");
            assertThat(call.apiVersion()).isEqualTo("2022-11-28");
            assertThat(call.body().path("description").asText()).hasSizeLessThanOrEqualTo(140);
        });
        String console = "https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/" + PIPELINE + "/executions/"
                + EXECUTION + "/timeline?region=us-east-1";
        assertThat(github.created()).extracting(c -> c.body().path("target_url").asText())
                .as("the pipeline links the execution, the gate its findings report").containsExactly(console,
                        "https://us-east-1.console.aws.amazon.com/s3/object/shipgate-demo-artifactbucket-1x2y3z4w5v6u?region=us-east-1"
                                + "&bucketType=general&prefix=shipgate-reports/shipgate-demo-pipeline/" + EXECUTION
                                + "/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d.html",
                        console);
        JsonNode gate = github.created().get(1).body();
        assertThat(gate.path("description").asText())
                .isEqualTo("Blocked: 3 blocking findings (CRITICAL 2, HIGH 1, MEDIUM 7, LOW 12, INFORMATIONAL 3)");
        assertThat(github.created().get(2).body().path("description").asText())
                .isEqualTo("CodePipeline " + PIPELINE + ": failed");
        assertThat(slack.accepted()).as("Slack as before: started, action failed, gate, failed").hasSize(4);
    }

    static Stream<List<String>> shuffledExecutions() {
        Random random = new Random(17);
        return IntStream.range(0, 6).mapToObj(i -> {
            List<String> order = new ArrayList<>(ONE_EXECUTION);
            if (i == 0) {
                Collections.reverse(order);
            } else {
                Collections.shuffle(order, random);
            }
            return order;
        });
    }

    @ParameterizedTest
    @MethodSource("shuffledExecutions")
    void handle_sameEventsShuffled_endsFailureAndNeverTurnsPendingAfterIt(List<String> order) throws Exception {
        SlackNotifierHandler handler = handler(null);

        for (String event : order) {
            invoke(handler, Events.read("slack-notifier", event));
        }

        List<String> states = github.states(SHA, PIPELINE_CONTEXT);
        assertThat(states).as(order.toString()).endsWith("failure").containsOnlyOnce("failure");
        if (order.indexOf("pipeline-started.json") < order.indexOf("pipeline-failed.json")) {
            assertThat(states).containsExactly("pending", "failure");
        } else {
            assertThat(states).containsExactly("failure");
            assertThat(context.allLogs()).contains("a late pending would replace it");
        }
        assertThat(github.states(SHA, GATE_CONTEXT)).containsExactly("failure");
    }

    @Test
    void handle_gitHubRefusesTheToken_slackStillPosted_thenTheRetryPostsSlackOnceAndSetsTheStatus() throws Exception {
        SlackNotifierHandler handler = handler(null);
        github.answerNext(401, "Bad credentials", Map.of());

        GitHubStatusException e = catchThrowableOfType(GitHubStatusException.class,
                () -> invoke(handler, Events.read("slack-notifier", "pipeline-failed.json")));

        assertThat(e.permanent()).isTrue();
        assertThat(e.status()).isEqualTo(401);
        assertThat(slack.accepted()).as("the GitHub refusal does not suppress Slack").hasSize(1);
        assertThat(context.allLogs()).contains("github-status-failed").contains("Bad credentials");

        // Lambda retries the invocation: Slack already has it; GitHub gets it now.
        JsonNode retry = invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(retry.path("duplicates").asInt()).isEqualTo(1);
        assertThat(slack.accepted()).hasSize(1);
        assertThat(github.states(SHA, PIPELINE_CONTEXT)).containsExactly("failure");
    }

    @Test
    void handle_slackRefuses_statusStillSet_thenTheRetrySetsNoSecondStatus() throws Exception {
        SlackNotifierHandler handler = handler(null);
        slack.answerNext(500, "rollup_error").answerNext(404, "no_team");

        catchThrowableOfType(SlackDeliveryException.class, () -> invoke(handler, Events.read("slack-notifier", "sns-gate-verdict-fail.json")));
        assertThat(github.states(SHA, GATE_CONTEXT)).containsExactly("failure");

        JsonNode retry = invoke(handler, Events.read("slack-notifier", "sns-gate-verdict-fail.json"));

        assertThat(retry.path("sent").asInt()).isEqualTo(1);
        assertThat(github.calls()).as("no second status for the same event").hasSize(1);
        assertThat(context.allLogs()).contains("github-status-duplicate-skipped");
    }

    @Test
    void handle_secondaryRateLimit_waitsRetryAfterThenSetsTheStatus() throws Exception {
        SlackNotifierHandler handler = handler(null);
        github.secondaryRateLimitNext(1);

        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));

        assertThat(github.calls()).extracting(GitHubStandIn.Call::status).containsExactly(403, 201);
        assertThat(github.states(SHA, PIPELINE_CONTEXT)).containsExactly("pending");
    }

    @Test
    void handle_serverErrorsUntilTheInvocationRunsOut_failsForLambdasRetry() throws Exception {
        SlackNotifierHandler handler = handler(null);
        for (int i = 0; i < 20; i++) {
            github.answerNext(502, "Server Error", Map.of());
        }
        TestContext shortInvocation = new TestContext(6_000);

        GitHubStatusException e = catchThrowableOfType(GitHubStatusException.class,
                () -> invoke(handler, Events.read("slack-notifier", "pipeline-succeeded.json"), shortInvocation));

        assertThat(e.permanent()).isFalse();
        assertThat(github.created()).isEmpty();
        assertThat(slack.accepted()).hasSize(1);
    }

    @Test
    void handle_noNotificationForTheEvent_statusStillSet() throws Exception {
        SlackNotifierHandler handler = handler("pipeline:FAILED");

        invoke(handler, Events.read("slack-notifier", "sns-gate-verdict-pass.json"));
        invoke(handler, Events.read("slack-notifier", "pipeline-succeeded.json"));

        assertThat(slack.deliveries()).isEmpty();
        assertThat(github.states(SHA, GATE_CONTEXT)).containsExactly("success");
        assertThat(github.states(SHA, PIPELINE_CONTEXT)).containsExactly("success");
    }

    @Test
    void handle_executionWithoutACommitSha_noStatusAndTheReasonLogged() throws Exception {
        SlackNotifierHandler handler = handler(null);
        ObjectNode started = (ObjectNode) Json.MAPPER.readTree(Events.read("slack-notifier", "pipeline-started.json"));
        ((ObjectNode) started.path("detail")).put("execution-id", NO_SHA_EXECUTION);

        invoke(handler, started.toString());

        assertThat(github.calls()).isEmpty();
        assertThat(slack.accepted()).hasSize(1);
        assertThat(context.allLogs()).contains("github-status-skipped").contains("not a 40-hex commit sha");
    }

    @Test
    void afterRestore_tokenRotatedWhileTheSnapshotSatOnDisk_usesTheNewToken() throws Exception {
        SlackNotifierHandler handler = handler(null);
        String rotated = TOKEN.replace("handlertesttoken", "rotatedtoken0000");
        secrets.putSecretValue(r -> r.secretId(tokenSecretArn).secretString(rotated));
        github.rotateToken(rotated);

        handler.priming().afterRestore(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));

        assertThat(github.calls()).extracting(GitHubStandIn.Call::status).containsExactly(201);
    }

    @Test
    void init_tokenSecretHoldsNoToken_failsInit() {
        secrets.putSecretValue(r -> r.secretId(tokenSecretArn).secretString("{\"token\":\"\"}"));

        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> handler(null)))
                .hasMessageContaining(tokenSecretArn).hasMessageContaining("GitHub status token");
    }

    @Test
    void config_fromEnvironment_offWhenEmpty_apiUrlValidated() {
        assertThat(GitHubStatusConfig.from(new Env(Map.of())).enabled()).isFalse();
        GitHubStatusConfig ghes = GitHubStatusConfig.from(new Env(Map.of(GitHubStatusConfig.GITHUB_STATUS_TOKEN_SECRET_ARN, tokenSecretArn,
                GitHubStatusConfig.GITHUB_API_URL, "https://github.example.com/api/v3/")));
        assertThat(ghes.tokenSecretArn()).contains(tokenSecretArn);
        assertThat(ghes.apiUrl()).hasToString("https://github.example.com/api/v3");
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> GitHubStatusConfig.from(new Env(Map.of(
                GitHubStatusConfig.GITHUB_API_URL, "http://github.example.com/api/v3"))))).hasMessageContaining("GITHUB_API_URL");
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> GitHubStatusConfig.from(new Env(Map.of(
                GitHubStatusConfig.GITHUB_STATUS_TOKEN_SECRET_ARN, "github-token"))))).hasMessageContaining("secret ARN");
    }

    private SlackNotifierHandler handler(String notifyOn) {
        NotifierConfig config = new NotifierConfig(new SlackTarget.Webhook(slackSecretArn), NotifyPolicy.parse("NOTIFY_ON", notifyOn),
                Mentions.parse("SLACK_MENTION_ON_FAILURE", null), "acme/shop-api", "shop-api", table, "us-east-1");
        GitHubStatusConfig statuses = new GitHubStatusConfig(Optional.of(tokenSecretArn), github.endpoint());
        return new SlackNotifierHandler(new NotifierWiring(config, statuses, secrets, codePipelineClient, dynamo,
                new JsonLog("slack-notifier", context.logger())));
    }

    private JsonNode invoke(SlackNotifierHandler handler, String event) throws IOException {
        return invoke(handler, event, context);
    }

    private JsonNode invoke(SlackNotifierHandler handler, String event, TestContext invocation) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, invocation);
        return Json.MAPPER.readTree(out.toByteArray());
    }
}
