package dev.shipgate.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.notifier.policy.Mentions;
import dev.shipgate.notifier.policy.NotifyPolicy;
import dev.shipgate.notifier.slack.SlackDeliveryException;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.HeldCalls;
import dev.shipgate.testing.Json;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.SlackWebApiStandIn;
import dev.shipgate.testing.TestClients;
import dev.shipgate.testing.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Web API mode end to end with real SDK clients: the thread state in DynamoDB on moto_server, the bot token in
 * Secrets Manager on moto_server, GetPipelineExecution on the CodePipeline stand-in, and chat.postMessage /
 * chat.update on the Slack Web API stand-in.
 */
class SlackThreadTest {

    static final List<String> EXECUTION_EVENTS = List.of("pipeline-started.json", "stage-started.json",
            "action-failed-scan-gate.json", "sns-gate-verdict-fail.json", "pipeline-failed.json");

    private final List<TestContext> contexts = Collections.synchronizedList(new ArrayList<>());
    private final SlackWebApiStandIn slack = new SlackWebApiStandIn().start();
    private final CodePipelineStandIn codePipeline = new CodePipelineStandIn().withPipeline(SlackNotifierHandlerTest.PIPELINE)
            .withExecution(SlackNotifierHandlerTest.EXECUTION, SlackNotifierHandlerTest.EXECUTION_JSON.formatted(
                    SlackNotifierHandlerTest.EXECUTION, SlackNotifierHandlerTest.SHA, SlackNotifierHandlerTest.SHA,
                    SlackNotifierHandlerTest.SHA)).start();
    private final SecretsManagerClient secrets = TestClients.local(SecretsManagerClient.builder(), MotoServer.shared().endpoint());
    /** The function's own Secrets Manager client, set as in production: its calls are counted and can be held. */
    private final HeldCalls functionSecretCalls = new HeldCalls();
    private final SecretsManagerClient functionSecrets = TestClients.local(SecretsManagerClient.builder().overrideConfiguration(
            NotifierWiring.SECRETS_MANAGER_SETTINGS.andThen(o -> o.addExecutionInterceptor(functionSecretCalls))),
            MotoServer.shared().endpoint());
    private final DynamoDbClient dynamo = TestClients.local(DynamoDbClient.builder(), MotoServer.shared().endpoint());
    private final CodePipelineClient codePipelineClient = TestClients.local(CodePipelineClient.builder(), codePipeline.endpoint());
    private final String table = StateTables.create(dynamo);
    private final String tokenArn = secrets.createSecret(r -> r.name("slack-bot-" + System.nanoTime())
            .secretString("{\"token\":\"" + SlackWebApiStandIn.BOT_TOKEN + "\"}")).arn();

    @AfterEach
    void stop() {
        for (TestContext context : contexts) {
            assertThat(context.allLogs()).as("logs never hold the bot token").doesNotContain(SlackWebApiStandIn.BOT_TOKEN)
                    .doesNotContain("000000000-shipgate-local");
        }
        slack.close();
        codePipeline.close();
        secrets.close();
        functionSecrets.close();
        dynamo.close();
        codePipelineClient.close();
    }

    @Test
    void handle_executionEventsInOrder_oneParentUpdatedInPlace_repliesInItsThread_failuresBroadcast() throws Exception {
        SlackNotifierHandler handler = handler(null);

        for (String event : EXECUTION_EVENTS) {
            invoke(handler, Events.read("slack-notifier", event));
        }

        String ts = assertOneThread(3);
        JsonNode parent = slack.message(ts);
        String shown = parent.toString();
        assertThat(parent.path("text").asText()).startsWith("❌ FAILED shipgate-demo-pipeline");
        assertThat(shown).contains("❌ FAILED · shipgate-demo-pipeline")
                .contains("Build ⏳").contains("SecurityGate (ScanGate) ⛔")
                .contains("<https://github.com/acme/shop-api/commit/" + SlackNotifierHandlerTest.SHA + "|9fceb02>")
                .contains("*Author*\\ndana-dev").contains("*Branch*\\n`main`").contains("*Duration*\\n")
                .contains("⛔ BLOCKED (3 blocking)").contains("Fix checkout rounding for amounts &lt; 1 &amp; &gt; 1000");
        assertThat(slack.accepted("chat.update")).hasSizeGreaterThanOrEqualTo(EXECUTION_EVENTS.size() - 1);
    }

    @Test
    void handle_executionEventsShuffled_stillOneParentWithTheSameFinalView() throws Exception {
        Random random = new Random(17);
        String finalView = null;
        for (int round = 0; round < 3; round++) {
            List<String> order = new ArrayList<>(EXECUTION_EVENTS);
            Collections.shuffle(order, random);
            try (SlackWebApiStandIn roundSlack = new SlackWebApiStandIn().start()) {
                String roundTable = StateTables.create(dynamo);
                SlackNotifierHandler handler = handler(null, roundSlack.apiUrl(), roundTable);
                for (String event : order) {
                    invoke(handler, Events.read("slack-notifier", event));
                }

                String ts = assertOneThread(roundSlack, 3);
                String view = roundSlack.message(ts).path("blocks").toString();
                assertThat(view).as(order.toString()).contains("❌ FAILED").contains("SecurityGate (ScanGate) ⛔");
                if (finalView != null) {
                    assertThat(view).as("the parent ends the same whatever the order: " + order).isEqualTo(finalView);
                }
                finalView = view;
            }
        }
    }

    @Test
    void handle_executionEventsConcurrentlyOnSeparateInstances_exactlyOneParent() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (SlackWebApiStandIn roundSlack = new SlackWebApiStandIn().start()) {
                String roundTable = StateTables.create(dynamo);
                List<SlackNotifierHandler> instances = new ArrayList<>();
                for (int i = 0; i < EXECUTION_EVENTS.size(); i++) {
                    instances.add(handler(null, roundSlack.apiUrl(), roundTable));
                }
                ExecutorService pool = Executors.newFixedThreadPool(EXECUTION_EVENTS.size());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<JsonNode>> results = new ArrayList<>();
                for (int i = 0; i < EXECUTION_EVENTS.size(); i++) {
                    SlackNotifierHandler instance = instances.get(i);
                    String event = Events.read("slack-notifier", EXECUTION_EVENTS.get(i));
                    results.add(pool.submit(() -> {
                        start.await();
                        return invoke(instance, event);
                    }));
                }

                start.countDown();
                for (Future<JsonNode> result : results) {
                    result.get();
                }
                pool.shutdown();

                String ts = assertOneThread(roundSlack, 3);
                assertThat(roundSlack.message(ts).toString()).as("round " + round).contains("❌ FAILED")
                        .contains("SecurityGate (ScanGate) ⛔").contains("⛔ BLOCKED");
            }
        }
    }

    @Test
    void handle_threadItemMissing_newParentPostedAndTheEventNotLost() throws Exception {
        SlackNotifierHandler handler = handler(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        String first = slack.accepted("chat.postMessage").get(0).ts();
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pipeline", AttributeValue.fromS(
                SlackNotifierHandlerTest.PIPELINE + "#execution#" + SlackNotifierHandlerTest.EXECUTION + "#thread"))));

        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        List<SlackWebApiStandIn.Call> posts = slack.accepted("chat.postMessage");
        assertThat(posts).hasSize(3);
        String second = posts.get(1).ts();
        assertThat(posts.get(1).threadTs()).as("a new parent").isNull();
        assertThat(second).isNotEqualTo(first);
        assertThat(posts.get(2).threadTs()).isEqualTo(second);
        assertThat(posts.get(2).broadcast()).isTrue();
        assertThat(posts.get(2).body().toString()).contains("❌ FAILED");
    }

    @Test
    void handle_parentDeletedInSlack_failureReachesTheChannelNow_andTheNextEventPostsANewParent() throws Exception {
        SlackNotifierHandler handler = handler(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        String deleted = slack.accepted("chat.postMessage").get(0).ts();
        slack.delete(deleted);

        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(slack.calls()).extracting(SlackWebApiStandIn.Call::error).contains("message_not_found");
        assertThat(slack.accepted("chat.postMessage")).hasSize(2).last().satisfies(post -> {
            assertThat(post.threadTs()).as("no thread left to reply in").isNull();
            assertThat(post.body().path("text").asText()).contains("❌ FAILED");
        });
        assertThat(lastContext().allLogs()).contains("thread-parent-gone");

        invoke(handler, Events.read("slack-notifier", "sns-gate-verdict-fail.json"));

        List<SlackWebApiStandIn.Call> posts = slack.accepted("chat.postMessage");
        assertThat(posts).hasSize(4);
        String parent = posts.get(2).ts();
        assertThat(posts.get(2).threadTs()).as("a new parent").isNull();
        assertThat(parent).isNotEqualTo(deleted);
        assertThat(slack.message(parent).toString()).contains("❌ FAILED");
        assertThat(posts.get(3).threadTs()).isEqualTo(parent);
        assertThat(posts.get(3).broadcast()).isTrue();
    }

    @Test
    void handle_parentUpdateRefused_theReplyAndItsBroadcastAreStillPosted() throws Exception {
        SlackNotifierHandler handler = handler(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        String ts = slack.accepted("chat.postMessage").get(0).ts();
        slack.failNext("cant_update_message");

        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(slack.calls()).extracting(SlackWebApiStandIn.Call::error).contains("cant_update_message");
        assertThat(slack.accepted("chat.postMessage")).hasSize(2).last().satisfies(post -> {
            assertThat(post.threadTs()).isEqualTo(ts);
            assertThat(post.broadcast()).isTrue();
            assertThat(post.body().path("text").asText()).contains("❌ FAILED");
        });
        assertThat(lastContext().allLogs()).contains("thread-parent-update-failed").contains("cant_update_message");
    }

    @Test
    void standIn_replyToADeletedParent_threadNotFound() throws Exception {
        SlackNotifierHandler handler = handler(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        String ts = slack.accepted("chat.postMessage").get(0).ts();
        slack.delete(ts);
        dev.shipgate.notifier.slack.WebApiSlackChat chat = new dev.shipgate.notifier.slack.WebApiSlackChat(slack.apiUrl(),
                SlackWebApiStandIn.CHANNEL, () -> SlackWebApiStandIn.BOT_TOKEN, millis -> { });

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class, () -> chat.post(
                Json.MAPPER.createObjectNode().put("text", "reply"), ts, false, () -> 30_000));

        assertThat(e.slackError()).isEqualTo("thread_not_found");
    }

    @Test
    void handle_parentTsWriteThrottledOnce_retried_oneParentAndTheNextEventRepliesInItsThread() throws Exception {
        SlackNotifierHandler handler = handlerOver(dynamoFailingParentWrites(1));

        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        List<SlackWebApiStandIn.Call> posts = slack.accepted("chat.postMessage");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).threadTs()).as("the failure replies in the one thread").isEqualTo(posts.get(0).ts());
        assertThat(lastContext().allLogs()).doesNotContain("thread-state-unavailable");
    }

    @Test
    void handle_parentTsWriteKeepsFailing_eventFailsForRetry_neverAnUnthreadedCopyNorASecondParent() throws Exception {
        SlackNotifierHandler handler = handlerOver(dynamoFailingParentWrites(Integer.MAX_VALUE));

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                () -> invoke(handler, Events.read("slack-notifier", "pipeline-failed.json")));

        assertThat(e.permanent()).as("retried by Lambda").isFalse();
        assertThat(e.slackError()).isEqualTo("thread_state_unavailable");
        assertThat(slack.accepted("chat.postMessage")).as("the parent only").singleElement()
                .satisfies(post -> assertThat(post.threadTs()).isNull());
        assertThat(lastContext().allLogs()).contains("thread-parent-not-recorded").doesNotContain("thread-state-unavailable");
    }

    /** The state table over moto_server, except that the first {@code failures} writes of a parent's ts are throttled. */
    private DynamoDbClient dynamoFailingParentWrites(int failures) {
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(failures);
        return TestClients.local(DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(
                new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest u
                                && u.updateExpression().equals("SET #ts = :ts") && left.getAndDecrement() > 0) {
                            throw software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException
                                    .builder().message("throttled").build();
                        }
                    }
                })), MotoServer.shared().endpoint());
    }

    private SlackNotifierHandler handlerOver(DynamoDbClient stateTable) {
        TestContext context = new TestContext();
        contexts.add(context);
        return new SlackNotifierHandler(new NotifierWiring(config(null, slack.apiUrl(), table), secrets, codePipelineClient,
                stateTable, new JsonLog("slack-notifier", context.logger())));
    }

    @Test
    void handle_verdictNamingNoExecution_plainChannelMessageNoThread() throws Exception {
        SlackNotifierHandler handler = handler(null);
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(Events.read("slack-notifier", "sns-gate-verdict-fail.json"));
        com.fasterxml.jackson.databind.node.ObjectNode sns = (com.fasterxml.jackson.databind.node.ObjectNode) event.at("/Records/0/Sns");
        com.fasterxml.jackson.databind.node.ObjectNode verdict = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(sns.path("Message").asText());
        verdict.remove("pipelineExecutionId");
        sns.put("Message", verdict.toString());

        invoke(handler, event.toString());

        assertThat(slack.accepted("chat.postMessage")).singleElement().satisfies(post -> {
            assertThat(post.threadTs()).isNull();
            assertThat(post.body().path("text").asText()).contains("⛔ BLOCKED");
        });
        assertThat(slack.accepted("chat.update")).isEmpty();
    }

    @Test
    void handle_stateTableUnavailable_selectedEventsStillReachTheChannelUnthreaded() throws Exception {
        SlackNotifierHandler handler = handler(null, slack.apiUrl(), "no-such-table-" + System.nanoTime());

        invoke(handler, Events.read("slack-notifier", "stage-started.json"));
        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(slack.accepted("chat.postMessage")).as("the filtered stage event posts nothing, the failure is not lost")
                .singleElement().satisfies(post -> {
                    assertThat(post.threadTs()).isNull();
                    assertThat(post.body().path("text").asText()).contains("❌ FAILED");
                });
        assertThat(lastContext().allLogs()).contains("thread-state-unavailable");
    }

    @Test
    void handle_sameEventDeliveredTwice_oneReply() throws Exception {
        SlackNotifierHandler handler = handler(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));

        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));
        JsonNode again = invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(again.path("duplicates").asInt()).isEqualTo(1);
        assertThat(slack.accepted("chat.postMessage")).hasSize(2);
    }

    @Test
    void handle_alarmNotification_channelMessageOfItsOwn_noThreadStateAndPostedOnce() throws Exception {
        SlackNotifierHandler handler = handler("FAILED");
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));

        JsonNode summary = invoke(handler, Events.read("slack-notifier", "sns-alarm-notifier-failure-queue.json"));
        JsonNode again = invoke(handler, Events.read("slack-notifier", "sns-alarm-notifier-failure-queue.json"));

        assertThat(summary.path("sent").asInt()).isEqualTo(1);
        assertThat(again.path("duplicates").asInt()).isEqualTo(1);
        assertThat(slack.accepted("chat.postMessage")).filteredOn(p -> p.body().toString().contains("🔴 ALARM"))
                .singleElement().satisfies(alarm -> {
                    assertThat(alarm.threadTs()).as("not in the execution's thread").isNull();
                    assertThat(alarm.broadcast()).isFalse();
                    assertThat(alarm.body().path("channel").asText()).isEqualTo(SlackWebApiStandIn.CHANNEL);
                    assertThat(alarm.body().toString()).contains("#alarmsV2:alarm/shipgate-demo-NotifierFailureQueueAlarm-1A2B3C4D5E6F");
                });
    }

    @Test
    void handle_ratelimited_waitsRetryAfterThenPosts() throws Exception {
        SlackNotifierHandler handler = handler(null);
        slack.rateLimitNext(1, 1);

        long started = System.nanoTime();
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));

        assertThat((System.nanoTime() - started) / 1_000_000).as("waited Retry-After: 1").isGreaterThanOrEqualTo(1000);
        assertThat(slack.calls()).extracting(SlackWebApiStandIn.Call::error).containsExactly("ratelimited", null);
        assertThat(slack.accepted("chat.postMessage")).hasSize(1);
    }

    @Test
    void handle_slackRefuses_invocationFailsWithTheErrorCodeLoggedAndTheNextEventPostsTheParent() throws Exception {
        for (String error : List.of("not_in_channel", "invalid_auth", "channel_not_found", "msg_too_long", "invalid_blocks",
                "some_new_error")) {
            SlackNotifierHandler handler = handler(null);
            slack.failNext(error);

            SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                    () -> invoke(handler, Events.read("slack-notifier", "pipeline-started.json")));

            assertThat(e.permanent()).as(error).isTrue();
            assertThat(e.slackError()).isEqualTo(error);
            assertThat(lastContext().allLogs()).contains("slack-failed").contains(error);
        }
        invoke(handler(null), Events.read("slack-notifier", "pipeline-started.json"));
        assertThat(slack.accepted("chat.postMessage")).as("the refused claim was released").hasSize(1);
    }

    @Test
    void handle_wrongTokenInTheSecret_invalidAuthWithoutTheTokenInTheMessage() {
        secrets.putSecretValue(r -> r.secretId(tokenArn).secretString("xoxb-1111111111-wrong-token-for-this-test"));
        SlackNotifierHandler handler = handler(null);

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                () -> invoke(handler, Events.read("slack-notifier", "pipeline-started.json")));

        assertThat(e.slackError()).isEqualTo("invalid_auth");
        assertThat(e.getMessage()).doesNotContain("wrong-token");
        assertThat(lastContext().allLogs()).doesNotContain("wrong-token");
    }

    @Test
    void handle_parentClaimedByALiveInvocation_waitsThenFailsForRetry_staleClaimTakenOver() throws Exception {
        String key = SlackNotifierHandlerTest.PIPELINE + "#execution#" + SlackNotifierHandlerTest.EXECUTION + "#thread";
        SlackNotifierHandler handler = handler(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));
        String view = dynamo.getItem(r -> r.tableName(table).key(Map.of("pipeline", AttributeValue.fromS(key)))).item().get("view").s();
        Map<String, AttributeValue> claimed = new HashMap<>(Map.of("pipeline", AttributeValue.fromS(key),
                "view", AttributeValue.fromS(view), "version", AttributeValue.fromN("1"),
                "claimId", AttributeValue.fromS("another-invocation"),
                "claimedAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis()))));
        dynamo.putItem(r -> r.tableName(table).item(claimed));

        SlackDeliveryException pending = catchThrowableOfType(SlackDeliveryException.class,
                () -> invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"), 6_000));

        assertThat(pending.slackError()).isEqualTo("thread_parent_pending");
        assertThat(pending.permanent()).isFalse();
        assertThat(slack.accepted("chat.postMessage")).hasSize(1);

        claimed.put("claimedAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis() - 61_000)));
        dynamo.putItem(r -> r.tableName(table).item(claimed));
        invoke(handler, Events.read("slack-notifier", "pipeline-failed.json"));

        assertThat(lastContext().allLogs()).contains("thread-claim-taken-over");
        List<SlackWebApiStandIn.Call> posts = slack.accepted("chat.postMessage");
        assertThat(posts).hasSize(3);
        assertThat(posts.get(2).threadTs()).isEqualTo(posts.get(1).ts());
    }

    @Test
    void config_webApiNeedsTokenAndChannelTogether_andNoWebhook() {
        Map<String, String> env = new HashMap<>(Map.of(
                NotifierConfig.SLACK_BOT_TOKEN_SECRET_ARN, tokenArn, NotifierConfig.SLACK_CHANNEL, SlackWebApiStandIn.CHANNEL,
                NotifierConfig.GITHUB_REPOSITORY, "acme/shop-api", NotifierConfig.PROJECT_NAME, "shop-api",
                NotifierConfig.STATE_TABLE_NAME, table, NotifierConfig.AWS_REGION, "eu-west-1"));

        assertThat(NotifierConfig.from(new Env(env)).slack()).isEqualTo(new SlackTarget.WebApi(tokenArn,
                SlackWebApiStandIn.CHANNEL, URI.create("https://slack.com/api")));
        env.put(NotifierConfig.SLACK_CHANNEL, "#deploys");
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> NotifierConfig.from(new Env(env))))
                .hasMessageContaining("channel id");
        env.put(NotifierConfig.SLACK_CHANNEL, "");
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> NotifierConfig.from(new Env(env))))
                .hasMessageContaining("needs both");
        env.put(NotifierConfig.SLACK_CHANNEL, SlackWebApiStandIn.CHANNEL);
        env.put(NotifierConfig.SLACK_WEBHOOK_SECRET_ARN, "arn:aws:secretsmanager:us-east-1:123456789012:secret:hook-AbCdEf");
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> NotifierConfig.from(new Env(env))))
                .hasMessageContaining("not both");
        env.put(NotifierConfig.SLACK_BOT_TOKEN_SECRET_ARN, "");
        env.put(NotifierConfig.SLACK_CHANNEL, "");
        assertThat(NotifierConfig.from(new Env(env)).slack()).isInstanceOf(SlackTarget.Webhook.class);
        env.put(NotifierConfig.SLACK_WEBHOOK_SECRET_ARN, "");
        env.put(NotifierConfig.SLACK_CHANNEL, SlackWebApiStandIn.CHANNEL);
        env.put(NotifierConfig.SLACK_BOT_TOKEN_SECRET_ARN, tokenArn);
        env.put(NotifierConfig.SLACK_API_URL, "http://slack.example.com/api");
        assertThat(catchThrowableOfType(Env.ConfigException.class, () -> NotifierConfig.from(new Env(env))))
                .hasMessageContaining("https");
    }

    @Test
    void wiring_tokenSecretHoldingAWebhookUrl_failsInitNamingTheArnOnly() {
        secrets.putSecretValue(r -> r.secretId(tokenArn).secretString("https://hooks.slack.com/services/T0/B0/secretpart"));

        Env.ConfigException e = catchThrowableOfType(Env.ConfigException.class, () -> handler(null));

        assertThat(e).hasMessageContaining(tokenArn).hasMessageContaining("xoxb-");
        assertThat(e.getMessage()).doesNotContain("secretpart");
    }

    @Test
    void beforeCheckpoint_webApiMode_primesTheThreadParentWithoutCallingSlack() {
        SlackNotifierHandler handler = handler(null);

        handler.priming().beforeCheckpoint(null);

        assertThat(lastContext().allLogs()).contains("snapstart-priming").contains("\"invocationsPrimed\":6");
        assertThat(slack.calls()).isEmpty();
        assertThat(codePipeline.calls()).isEmpty();
    }

    @Test
    void priming_webApiMode_eachExecutionEventPostsAThreadParentAndItsReplyToTheStandIn_theThreadTableStaysEmpty() {
        PrimingInvocations.StandInSlack standInSlack = new PrimingInvocations.StandInSlack();
        PrimingInvocations.StandInGitHub standInGitHub = new PrimingInvocations.StandInGitHub();
        PrimingInvocations invocations = new PrimingInvocations(config(null, slack.apiUrl(), table),
                new dev.shipgate.notifier.event.EventReader(), dynamo, codePipelineClient);

        PrimingInvocations.Primed primed = invocations.run(new NotifierPriming(invocations, new JsonLog("slack-notifier",
                new TestContext().logger()), () -> { }), standInSlack, standInGitHub);

        // Every answered thread lookup finds no thread: each execution event posts a parent (the resume only that, as
        // NOTIFY_ON does not select it), the selected ones a reply too; the alarm is a channel message.
        assertThat(primed.slackPosts()).isEqualTo(8);
        assertThat(standInSlack.posts().get(0)).as("the thread parent").contains("priming");
        assertThat(standInGitHub.statuses()).hasSize(3);
        assertThat(slack.calls()).isEmpty();
        assertThat(codePipeline.calls()).isEmpty();
        assertThat(dynamo.scan(r -> r.tableName(table)).count()).isZero();
    }

    @Test
    void afterRestore_secretsManagerThatNeverAnswers_theHookReturnsAtOnce_andTheFirstMessageFailsAtTheApiCallTimeout() throws Exception {
        SlackNotifierHandler handler = handler(null);
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            functionSecretCalls.redirectTo(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
            HeldCalls.Hold read = functionSecretCalls.holdNext();

            handler.priming().afterRestore(null);
            // The hook has returned; its read is only now about to go to a Secrets Manager that never answers.
            read.awaitArrival();
            read.release();

            SlackDeliveryException failed = catchThrowableOfType(SlackDeliveryException.class,
                    () -> invoke(handler, Events.read("slack-notifier", "pipeline-started.json")));
            assertThat(failed).as("the first message reads the token again and fails the invocation for a retry").isNotNull()
                    .hasMessageContaining("could not be read (ApiCallTimeoutException)");
            assertThat(functionSecretCalls.calls("GetSecretValue")).as("init, the background read, the message's own").isEqualTo(3);
            assertThat(slack.calls()).isEmpty();
        }
    }

    @Test
    void afterRestore_returnsWhileTheTokenReadIsInFlight_aMessageMeanwhileWaitsForIt_andUsesTheNewTokenOnly() throws Exception {
        secrets.putSecretValue(r -> r.secretId(tokenArn).secretString("xoxb-1111111111-revoked-before-the-restore"));
        SlackNotifierHandler handler = handler(null);
        secrets.putSecretValue(r -> r.secretId(tokenArn).secretString(SlackWebApiStandIn.BOT_TOKEN));
        HeldCalls.Hold read = functionSecretCalls.holdNext();

        handler.priming().afterRestore(null);
        read.awaitArrival();
        ExecutorService messages = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> first = messages.submit(() -> invoke(handler, Events.read("slack-notifier", "pipeline-started.json")));
            read.release();

            assertThat(first.get(30, TimeUnit.SECONDS).path("sent").asInt()).isEqualTo(1);
        } finally {
            messages.shutdownNow();
        }
        assertThat(slack.calls()).extracting(SlackWebApiStandIn.Call::error).as("never the revoked token").containsExactly((String) null);
        assertThat(functionSecretCalls.calls("GetSecretValue")).as("init and the background read; the message waited for it")
                .isEqualTo(2);
    }

    @Test
    void afterRestore_backgroundReadFails_theFirstMessageReadsAgain_andFailsTheInvocationForARetry() throws Exception {
        NotifierWiring wiring = wiring(null, slack.apiUrl(), table);
        SlackNotifierHandler handler = new SlackNotifierHandler(wiring);
        secrets.deleteSecret(r -> r.secretId(tokenArn).forceDeleteWithoutRecovery(true));

        wiring.rereadAfterRestore().get(30, TimeUnit.SECONDS);
        SlackDeliveryException failed = catchThrowableOfType(SlackDeliveryException.class,
                () -> invoke(handler, Events.read("slack-notifier", "pipeline-started.json")));

        assertThat(failed).isNotNull().hasMessageContaining("could not be read (ResourceNotFoundException)");
        assertThat(lastContext().allLogs()).contains("\"event\":\"after-restore\"").contains("\"refresh\":\"slack secret\"");
        assertThat(functionSecretCalls.calls("GetSecretValue")).as("init, the failed background read, the message's own").isEqualTo(3);
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void afterRestore_botTokenRotatedWhileTheSnapshotSatOnDisk_theNewTokenIsUsed() throws Exception {
        secrets.putSecretValue(r -> r.secretId(tokenArn).secretString("xoxb-1111111111-revoked-before-the-restore"));
        SlackNotifierHandler handler = handler(null);
        secrets.putSecretValue(r -> r.secretId(tokenArn).secretString(SlackWebApiStandIn.BOT_TOKEN));

        handler.priming().afterRestore(null);
        invoke(handler, Events.read("slack-notifier", "pipeline-started.json"));

        assertThat(slack.calls()).extracting(SlackWebApiStandIn.Call::error).containsExactly((String) null);
    }

    /** The single parent's ts, after checking every reply is in its thread and the failures are broadcast. */
    private String assertOneThread(int replies) {
        return assertOneThread(slack, replies);
    }

    private static String assertOneThread(SlackWebApiStandIn slack, int replies) {
        List<SlackWebApiStandIn.Call> posts = slack.accepted("chat.postMessage");
        List<SlackWebApiStandIn.Call> parents = posts.stream().filter(p -> p.threadTs() == null).toList();
        assertThat(parents).as("exactly one parent chat.postMessage").hasSize(1);
        String ts = parents.get(0).ts();
        List<SlackWebApiStandIn.Call> threadReplies = posts.stream().filter(p -> p.threadTs() != null).toList();
        assertThat(threadReplies).hasSize(replies).allSatisfy(r -> assertThat(r.threadTs()).isEqualTo(ts));
        assertThat(threadReplies).filteredOn(SlackWebApiStandIn.Call::broadcast).extracting(r -> r.body().path("text").asText())
                .as("the pipeline failure and the gate FAIL are broadcast").hasSize(2)
                .anySatisfy(text -> assertThat(text).contains("❌ FAILED"))
                .anySatisfy(text -> assertThat(text).contains("⛔ BLOCKED"));
        assertThat(slack.accepted("chat.update")).allSatisfy(u -> assertThat(u.ts()).isEqualTo(ts));
        return ts;
    }

    private NotifierConfig config(String notifyOn, URI apiUrl, String stateTable) {
        return new NotifierConfig(new SlackTarget.WebApi(tokenArn, SlackWebApiStandIn.CHANNEL, apiUrl),
                NotifyPolicy.parse("NOTIFY_ON", notifyOn), Mentions.parse("SLACK_MENTION_ON_FAILURE", null), "acme/shop-api",
                "shop-api", stateTable, "us-east-1");
    }

    private SlackNotifierHandler handler(String notifyOn) {
        return handler(notifyOn, slack.apiUrl(), table);
    }

    private SlackNotifierHandler handler(String notifyOn, URI apiUrl, String stateTable) {
        return new SlackNotifierHandler(wiring(notifyOn, apiUrl, stateTable));
    }

    private NotifierWiring wiring(String notifyOn, URI apiUrl, String stateTable) {
        TestContext context = new TestContext();
        contexts.add(context);
        return new NotifierWiring(config(notifyOn, apiUrl, stateTable), functionSecrets, codePipelineClient,
                dynamo, new JsonLog("slack-notifier", context.logger()));
    }

    private TestContext lastContext() {
        return contexts.get(contexts.size() - 1);
    }

    private JsonNode invoke(SlackNotifierHandler handler, String event) throws IOException {
        return invoke(handler, event, 30_000);
    }

    private JsonNode invoke(SlackNotifierHandler handler, String event, int remainingMillis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new TestContext(remainingMillis));
        return Json.MAPPER.readTree(out.toByteArray());
    }
}
