package dev.shipgate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.shared.init.BackgroundRefresh;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.HeldCalls;
import dev.shipgate.testing.SnapshotUniqueness;
import dev.shipgate.webhook.signature.SignatureVerifier;
import dev.shipgate.testing.TestContext;
import dev.shipgate.webhook.delivery.Decision;
import dev.shipgate.webhook.delivery.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.shipgate.testing.Latches.await;
import static dev.shipgate.webhook.LocalAws.SAMPLE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler with its real SDK clients: Secrets Manager and DynamoDB on moto_server, CodePipeline's
 * StartPipelineExecution on the local stand-in that validates and records the exact request.
 */
class WebhookHandlerTest {

    private static final String START = "StartPipelineExecution";
    private static final String MAIN_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String PUSH_MAIN_DELIVERY = "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c01";

    private LocalAws aws;

    private LocalAws aws(String secret) {
        aws = new LocalAws(secret);
        return aws;
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private static String event(String scenario) {
        return Events.read("github-webhook", scenario + ".json");
    }

    @Test
    void handle_pushMain_startsPipelineWithExactRequestAndRecordsDelivery() {
        LocalAws aws = aws(SAMPLE_SECRET);

        Invocation result = Invocation.of(aws.handler(), event("push-main"));

        assertThat(result.status()).isEqualTo(202);
        assertThat(result.response().path("headers").path("content-type").asText()).isEqualTo("application/json");
        assertThat(result.body().path("status").asText()).isEqualTo("started");
        String executionId = result.body().path("executionId").asText();
        assertThat(executionId).isNotBlank();

        List<JsonNode> accepted = aws.codePipeline.accepted(START);
        assertThat(accepted).hasSize(1);
        JsonNode request = accepted.get(0);
        assertThat(request.path("name").asText()).isEqualTo(LocalAws.PIPELINE);
        assertThat(request.path("clientRequestToken").asText()).isEqualTo(PUSH_MAIN_DELIVERY);
        assertThat(request.path("sourceRevisions").toString()).isEqualTo(
                "[{\"actionName\":\"Source\",\"revisionType\":\"COMMIT_ID\",\"revisionValue\":\"" + MAIN_SHA + "\"}]");
        assertThat(request.path("variables").toString()).isEqualTo("["
                + "{\"name\":\"COMMIT_SHA\",\"value\":\"" + MAIN_SHA + "\"},"
                + "{\"name\":\"GIT_REF\",\"value\":\"refs/heads/main\"},"
                + "{\"name\":\"BRANCH\",\"value\":\"main\"},"
                + "{\"name\":\"COMMIT_MESSAGE\",\"value\":\"Fix the login redirect\"},"
                + "{\"name\":\"COMMIT_AUTHOR\",\"value\":\"Mona Lisa Octocat\"},"
                + "{\"name\":\"DELIVERY_ID\",\"value\":\"" + PUSH_MAIN_DELIVERY + "\"},"
                + "{\"name\":\"COMPARE_URL\",\"value\":\"https://github.com/octo-org/hello-shipgate/compare/e3a7c7f1a1c2...6dcb09b5b578\"}]");

        var item = aws.delivery(PUSH_MAIN_DELIVERY);
        assertThat(item.get("executionId").s()).isEqualTo(executionId);
        assertThat(item.get("state").s()).isEqualTo("STARTED");
        assertThat(item.get("commitId").s()).isEqualTo(MAIN_SHA);
        long ttl = Long.parseLong(item.get("expiresAt").n());
        assertThat(ttl - System.currentTimeMillis() / 1000).isBetween(7 * 24 * 3600L - 60, 7 * 24 * 3600L + 60);
    }

    @Test
    void handle_pushMain_logsOneJsonLineWithoutBodyOrSecret() throws Exception {
        LocalAws aws = aws(SAMPLE_SECRET);
        TestContext context = new TestContext();

        Invocation.of(aws.handler(), event("push-main"), context);

        assertThat(context.logLines()).hasSize(1);
        JsonNode line = Invocation.MAPPER.readTree(context.logLines().get(0));
        assertThat(line.path("event").asText()).isEqualTo("delivery");
        assertThat(line.path("deliveryId").asText()).isEqualTo(PUSH_MAIN_DELIVERY);
        assertThat(line.path("githubEvent").asText()).isEqualTo("push");
        assertThat(line.path("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(line.path("decision").asText()).isEqualTo("started");
        assertThat(line.path("executionId").asText()).isNotBlank();
        assertThat(line.path("latencyMs").isIntegralNumber()).isTrue();
        assertThat(context.allLogs()).doesNotContain(SAMPLE_SECRET).doesNotContain("Fix the login redirect").doesNotContain("mona@example.com");
    }

    @Test
    void handle_throttledTwice_retriesWithSameTokenThenStarts() {
        LocalAws aws = aws(SAMPLE_SECRET);
        aws.codePipeline.failNext(START, 2, 400, "ThrottlingException");

        Invocation result = Invocation.of(aws.handler(), event("push-main"));

        assertThat(result.status()).isEqualTo(202);
        assertThat(aws.codePipeline.calls(START)).hasSize(3)
                .extracting(call -> call.request().path("clientRequestToken").asText()).containsOnly(PUSH_MAIN_DELIVERY);
        assertThat(aws.codePipeline.calls(START)).extracting(call -> call.errorType())
                .containsExactly("ThrottlingException", "ThrottlingException", null);
    }

    @Test
    void handle_persistent5xx_503WithinTheRemainingTime() {
        LocalAws aws = aws(SAMPLE_SECRET);
        aws.codePipeline.failNext(START, 1_000, 500, "InternalFailure");
        TestContext context = new TestContext(3_000);

        long started = System.nanoTime();
        Invocation result = Invocation.of(aws.handler(), event("push-main"), context);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.body().path("error").asText()).contains("InternalFailure").contains("redeliver");
        assertThat(elapsedMillis).isLessThan(3_000);
        assertThat(aws.codePipeline.calls(START).size()).isGreaterThan(2);
        assertThat(aws.codePipeline.accepted(START)).isEmpty();
    }

    @Test
    void handle_persistent5xxWithFullBudget_answersBeforeGitHubsTenSeconds() {
        LocalAws aws = aws(SAMPLE_SECRET);
        aws.codePipeline.failNext(START, 1_000, 503, "ServiceUnavailableException");

        long started = System.nanoTime();
        Invocation result = Invocation.of(aws.handler(), event("push-main"), new TestContext(60_000));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.status()).isEqualTo(503);
        // Retries use the budget minus the reserve for recording, and the answer comes well before GitHub's 10 s.
        assertThat(elapsedMillis).isBetween(4_000L, WebhookHandler.BUDGET_MILLIS);
    }

    @Test
    void handle_pipelineMissing_500NamingTheError() {
        LocalAws aws = aws(SAMPLE_SECRET);
        WebhookConfig config = aws.config();
        WebhookConfig wrongPipeline = new WebhookConfig("no-such-pipeline", config.sourceActionName(), config.repository(),
                config.branches(), config.tags(), config.secretArn(), config.deliveriesTable());
        WebhookHandler handler = new WebhookHandler(new WebhookWiring(wrongPipeline, aws.codePipelineClient, aws.dynamo, aws.secrets, 60_000), 7_000);

        Invocation result = Invocation.of(handler, event("push-main"));

        assertThat(result.status()).isEqualTo(500);
        assertThat(result.body().path("error").asText()).contains("PipelineNotFoundException").contains("no-such-pipeline");
        assertThat(aws.codePipeline.calls(START)).hasSize(1);
    }

    @Test
    void handle_redelivery_answersTheFirstExecutionAndDoesNotStartAgain() {
        LocalAws aws = aws(SAMPLE_SECRET);
        WebhookHandler handler = aws.handler();
        Invocation first = Invocation.of(handler, event("push-main"));

        Invocation again = Invocation.of(handler, event("push-main"));
        Invocation coldInstance = Invocation.of(aws.handler(), event("push-main"));

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("status").asText()).isEqualTo("already-started");
        assertThat(again.body().path("executionId").asText()).isEqualTo(first.body().path("executionId").asText());
        assertThat(coldInstance.body().path("executionId").asText()).isEqualTo(first.body().path("executionId").asText());
        assertThat(aws.codePipeline.calls(START)).hasSize(1);
    }

    @Test
    void handle_sameSignedBodyUnderNewDeliveryId_answeredLikeARedeliveryAndNotStarted() {
        LocalAws aws = aws(SAMPLE_SECRET);
        Invocation first = Invocation.of(aws.handler(), event("push-main"));

        Invocation replay = Invocation.of(aws.handler(), Invocation.withDelivery(event("push-main"), "7a2e5f62-edf2-11f0-8c3a-8f4d6b3c1e23"));

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.body().path("status").asText()).isEqualTo("already-started");
        assertThat(replay.body().path("executionId").asText()).isEqualTo(first.body().path("executionId").asText());
        assertThat(replay.body().path("message").asText()).contains(PUSH_MAIN_DELIVERY);
        assertThat(aws.codePipeline.accepted(START)).hasSize(1);
        assertThat(aws.delivery("7a2e5f62-edf2-11f0-8c3a-8f4d6b3c1e23")).isEmpty();
    }

    @Test
    void handle_newPushOfTheSameCommitUnderNewDeliveryId_starts() {
        LocalAws aws = aws(SAMPLE_SECRET);
        Invocation.of(aws.handler(), event("push-main"));
        String forcePush = Invocation.resigned(event("push-main"), SAMPLE_SECRET, "7a2e5f62-edf2-11f0-8c3a-8f4d6b3c1e23",
                body -> body.replace("\"forced\":false", "\"forced\":true"));

        Invocation rollback = Invocation.of(aws.handler(), forcePush);

        assertThat(rollback.body().path("status").asText()).isEqualTo("started");
        assertThat(aws.codePipeline.accepted(START)).hasSize(2)
                .extracting(r -> r.path("sourceRevisions").get(0).path("revisionValue").asText()).containsOnly(MAIN_SHA);
    }

    @Test
    void handle_sameDeliveryTwiceAtOnce_oneExecution() throws Exception {
        LocalAws aws = aws(SAMPLE_SECRET);
        WebhookHandler a = aws.handler();
        WebhookHandler b = aws.handler();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Invocation>> tasks = new ArrayList<>();
            for (WebhookHandler handler : List.of(a, b)) {
                tasks.add(() -> {
                    go.await();
                    return Invocation.of(handler, event("push-main"));
                });
            }
            List<Future<Invocation>> futures = new ArrayList<>();
            for (Callable<Invocation> task : tasks) {
                futures.add(pool.submit(task));
            }
            go.countDown();
            Invocation one = futures.get(0).get();
            Invocation two = futures.get(1).get();

            assertThat(List.of(one.status(), two.status())).containsOnly(202);
            assertThat(one.body().path("executionId").asText()).isEqualTo(two.body().path("executionId").asText());
            // At most the loser of the claim race re-sends the same token, which CodePipeline maps to the same execution.
            assertThat(aws.codePipeline.accepted(START)).isNotEmpty()
                    .extracting(r -> r.path("clientRequestToken").asText()).containsOnly(PUSH_MAIN_DELIVERY);
            assertThat(aws.delivery(PUSH_MAIN_DELIVERY).get("executionId").s()).isEqualTo(one.body().path("executionId").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void handle_crashAfterStartBeforeRecord_redeliveryGetsTheSameExecution() {
        LocalAws aws = aws(SAMPLE_SECRET);
        // The first attempt claimed the delivery and started the run, then died before recording the execution id.
        aws.dynamo.putItem(b -> b.tableName(LocalAws.TABLE).item(java.util.Map.of(
                "deliveryId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(PUSH_MAIN_DELIVERY),
                "state", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STARTING"),
                "expiresAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("4102444800"))));
        String firstExecution = aws.codePipelineClient.startPipelineExecution(b -> b.name(LocalAws.PIPELINE)
                .clientRequestToken(PUSH_MAIN_DELIVERY)).pipelineExecutionId();

        Invocation redelivery = Invocation.of(aws.handler(), event("push-main"));

        assertThat(redelivery.status()).isEqualTo(202);
        assertThat(redelivery.body().path("executionId").asText()).isEqualTo(firstExecution);
        assertThat(aws.delivery(PUSH_MAIN_DELIVERY).get("executionId").s()).isEqualTo(firstExecution);
    }

    @Test
    void handle_rotationJson_previousSecretStillVerifies() {
        LocalAws aws = aws("{\"current\":\"the-new-secret\",\"previous\":\"" + SAMPLE_SECRET + "\"}");

        assertThat(Invocation.of(aws.handler(), event("push-main")).status()).isEqualTo(202);
    }

    @Test
    void handle_secretRotatedAfterInit_rereadOnMissPicksUpNewSecret() {
        LocalAws aws = aws("the-old-secret");
        WebhookHandler handler = aws.handler(7_000, 0);
        aws.secrets.putSecretValue(b -> b.secretId(aws.secretArn).secretString(SAMPLE_SECRET));

        Invocation result = Invocation.of(handler, event("push-main"));

        assertThat(result.status()).isEqualTo(202);
    }

    @Test
    void afterRestore_secretRevokedWhileTheSnapshotSatOnDisk_isRefused_andTheCurrentOneWorks() {
        // At init (before the checkpoint) the rotation is under way: both values verify.
        LocalAws aws = aws("{\"current\":\"the-new-secret\",\"previous\":\"" + SAMPLE_SECRET + "\"}");
        WebhookHandler handler = aws.handler(7_000, 60_000);
        assertThat(Invocation.of(handler, event("push-tag")).status()).isEqualTo(202);
        // While the snapshot sits on disk the rotation finishes: the previous value is revoked.
        aws.secrets.putSecretValue(b -> b.secretId(aws.secretArn).secretString("the-new-secret"));

        handler.priming().afterRestore(null);

        Invocation revoked = Invocation.of(handler, event("push-main"));
        Invocation current = Invocation.of(handler, signedWith(event("push-main"), "the-new-secret"));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(current.status()).isEqualTo(202);
    }

    @Test
    void afterRestore_secretDeletedWhileTheSnapshotSatOnDisk_restoreCompletes_andTheDeliveryFailsClosed() {
        LocalAws aws = aws(SAMPLE_SECRET);
        WebhookHandler handler = aws.handler(7_000, 60_000);
        assertThat(Invocation.of(handler, event("push-tag")).status()).isEqualTo(202);
        aws.secrets.deleteSecret(b -> b.secretId(aws.secretArn).forceDeleteWithoutRecovery(true));

        handler.priming().afterRestore(null);

        Invocation afterRestore = Invocation.of(handler, event("push-main"));
        assertThat(afterRestore.status()).isEqualTo(500);
        assertThat(aws.codePipeline.calls()).hasSize(1); // the tag push before the checkpoint only
    }

    @Test
    void afterRestore_returnsWhileTheSecretReadIsInFlight_aDeliveryMeanwhileWaitsForIt_andVerifiesWithTheNewSecretOnly() throws Exception {
        LocalAws aws = aws("{\"current\":\"the-new-secret\",\"previous\":\"" + SAMPLE_SECRET + "\"}");
        WebhookHandler handler = aws.handler(7_000, 60_000);
        aws.secrets.putSecretValue(b -> b.secretId(aws.secretArn).secretString("the-new-secret"));
        HeldCalls.Hold read = aws.functionSecretCalls.holdNext();

        Future<?> reread = handler.priming().expireAndRereadInBackground();
        read.awaitArrival();
        assertThat(reread).as("the hook returned while its read waits to be sent").isNotDone();
        ExecutorService deliveries = Executors.newFixedThreadPool(2);
        try {
            Future<Invocation> revoked = deliveries.submit(() -> Invocation.of(handler, event("push-main")));
            Future<Invocation> current = deliveries.submit(() -> Invocation.of(handler, signedWith(event("push-main"), "the-new-secret")));
            read.release();

            assertThat(revoked.get(30, TimeUnit.SECONDS).status()).as("the value from before the checkpoint").isEqualTo(401);
            assertThat(current.get(30, TimeUnit.SECONDS).status()).isEqualTo(202);
        } finally {
            deliveries.shutdownNow();
        }
        reread.get(30, TimeUnit.SECONDS);
        assertThat(aws.functionSecretCalls.calls("GetSecretValue")).as("init and the background read; the deliveries waited for it")
                .isEqualTo(2);
    }

    @Test
    void afterRestore_backgroundReadFails_theFirstDeliveryReadsAgain_andFailsClosed() throws Exception {
        LocalAws aws = aws(SAMPLE_SECRET);
        WebhookHandler handler = aws.handler(7_000, 60_000);
        aws.secrets.deleteSecret(b -> b.secretId(aws.secretArn).forceDeleteWithoutRecovery(true));

        handler.priming().expireAndRereadInBackground().get(30, TimeUnit.SECONDS);
        Invocation first = Invocation.of(handler, event("push-main"));

        assertThat(first.status()).isEqualTo(500);
        assertThat(aws.functionSecretCalls.calls("GetSecretValue")).as("init, the failed background read, the delivery's own")
                .isEqualTo(3);
        assertThat(aws.codePipeline.calls()).isEmpty();
    }

    @Test
    void afterRestore_theFirstDeliveryReadTheSecretBeforeTheBackgroundReadRan_whichThenReadsNothing() throws Exception {
        LocalAws aws = aws(SAMPLE_SECRET);
        WebhookHandler handler = aws.handler(7_000, 60_000);
        CountDownLatch laneBusy = new CountDownLatch(1);
        CountDownLatch laneFree = new CountDownLatch(1);
        // Another hook's step still runs on the after-restore thread, so the webhook's read waits behind it.
        BackgroundRefresh.start(new JsonLog("test", new TestContext().logger()), List.of(new BackgroundRefresh.Step("earlier step", () -> {
            laneBusy.countDown();
            await(laneFree);
        })));
        await(laneBusy);

        Future<?> reread = handler.priming().expireAndRereadInBackground();
        Invocation first = Invocation.of(handler, event("push-main"));
        laneFree.countDown();
        reread.get(30, TimeUnit.SECONDS);

        assertThat(first.status()).isEqualTo(202);
        assertThat(aws.functionSecretCalls.calls("GetSecretValue")).as("init and the delivery's own read, not a third").isEqualTo(2);
    }

    @Test
    void withoutARestore_theSecretReadAtInitIsKeptWithinItsMaximumAge() {
        LocalAws aws = aws("{\"current\":\"the-new-secret\",\"previous\":\"" + SAMPLE_SECRET + "\"}");
        WebhookHandler handler = aws.handler(7_000, 60_000);
        aws.secrets.putSecretValue(b -> b.secretId(aws.secretArn).secretString("the-new-secret"));

        Invocation result = Invocation.of(handler, event("push-main"));

        assertThat(result.status()).as("the control for the test above: only the restore made the difference").isEqualTo(202);
    }

    /** The event re-signed with another secret, as GitHub would sign it after the hook's secret changed. */
    private static String signedWith(String eventJson, String secret) {
        try {
            ObjectNode event = (ObjectNode) Invocation.MAPPER.readTree(eventJson);
            byte[] body = event.path("body").asText().getBytes(StandardCharsets.UTF_8);
            ((ObjectNode) event.path("headers")).put("x-hub-signature-256", SignatureVerifier.sign(secret, body));
            return Invocation.MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void jitter_staysBetweenHalfAndAllOfTheCeiling() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(WebhookWiring.jitter(1_000)).isBetween(500L, 1_000L);
        }
    }

    @Test
    void functionCode_usesNoRandomSourceASnapshotWouldShare() {
        assertThat(SnapshotUniqueness.seededRandomUses(SnapshotUniqueness.classesOf(WebhookHandler.class))).isEmpty();
    }

    @Test
    void handle_secretRotatedAfterInit_rereadIsRateLimited() {
        LocalAws aws = aws("the-old-secret");
        WebhookHandler handler = aws.handler(7_000, 60_000);
        aws.secrets.putSecretValue(b -> b.secretId(aws.secretArn).secretString(SAMPLE_SECRET));

        Invocation result = Invocation.of(handler, event("push-main"));

        assertThat(result.status()).isEqualTo(401);
        assertThat(aws.codePipeline.calls()).isEmpty();
    }

    @Test
    void handle_secretStoreDownOnReread_401AndWarns() {
        LocalAws aws = aws("the-old-secret");
        WebhookHandler handler = aws.handler(7_000, 0);
        aws.secrets.deleteSecret(b -> b.secretId(aws.secretArn).forceDeleteWithoutRecovery(true));
        TestContext context = new TestContext();

        Invocation result = Invocation.of(handler, event("push-main"), context);

        assertThat(result.status()).isEqualTo(401);
        assertThat(context.allLogs()).contains("re-reading the webhook secret failed").doesNotContain("the-old-secret");
    }

    @Test
    void handle_hugeUnverifiedHeaders_areClippedInTheLog() throws Exception {
        LocalAws aws = aws(SAMPLE_SECRET);
        TestContext context = new TestContext();
        String event = Invocation.withDelivery(event("bad-signature"), "d".repeat(5_000));

        Invocation result = Invocation.of(aws.handler(), event, context);

        assertThat(result.status()).isEqualTo(401);
        JsonNode line = Invocation.MAPPER.readTree(context.logLines().get(0));
        assertThat(line.path("decision").asText()).isEqualTo("rejected");
        assertThat(line.path("deliveryId").asText()).hasSize(131);
    }

    @Test
    void handle_notAnHttpApiEvent_400() {
        LocalAws aws = aws(SAMPLE_SECRET);

        Invocation result = Invocation.of(aws.handler(), "[1,2,3]");

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body().path("error").asText()).contains("not an API Gateway HTTP API event");
    }

    @Test
    void handle_base64FlagWithoutBody_401NeverA5xx() {
        LocalAws aws = aws(SAMPLE_SECRET);

        Invocation result = Invocation.of(aws.handler(), "{\"headers\":{\"x-github-event\":\"push\",\"x-hub-signature-256\":\"sha256="
                + "0".repeat(64) + "\"},\"isBase64Encoded\":true}");

        assertThat(result.status()).isEqualTo(401);
        assertThat(aws.codePipeline.calls()).isEmpty();
    }

    @Test
    void handle_signatureHeaderInTwoSpellings_400AndNothingStarts() throws Exception {
        LocalAws aws = aws(SAMPLE_SECRET);
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode) Invocation.MAPPER.readTree(event("push-main"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("headers")).put("X-Hub-Signature-256", "sha256=" + "0".repeat(64));

        Invocation result = Invocation.of(aws.handler(), event.toString());

        assertThat(result.status()).isEqualTo(400);
        assertThat(aws.codePipeline.calls()).isEmpty();
    }

    @Test
    void handle_invalidBase64Body_400() {
        LocalAws aws = aws(SAMPLE_SECRET);

        Invocation result = Invocation.of(aws.handler(), "{\"headers\":{},\"body\":\"%%%\",\"isBase64Encoded\":true}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body().path("error").asText()).contains("base64");
    }

    @Test
    void beforeCheckpoint_primesTheWholePathWithoutCallingAws() {
        LocalAws aws = aws(SAMPLE_SECRET);
        WebhookHandler handler = aws.handler();

        handler.priming().beforeCheckpoint(null);
        WebhookPriming.Primed primed = WebhookPriming.run();

        // through the real handler: its HTTP API answer, with the (dry) start's execution id, and nothing logged as a problem
        assertThat(primed.status()).isEqualTo(202);
        assertThat(primed.response()).contains("00000000-0000-0000-0000-000000000000");
        assertThat(primed.problems()).isEmpty();
        assertThat(aws.codePipeline.calls()).isEmpty();
        assertThat(aws.dynamo.scan(b -> b.tableName(LocalAws.TABLE)).count()).isZero();
    }

    @Test
    void dryRunSdk_signsEachCallOnceAndSendsNothing() {
        LocalAws aws = aws(SAMPLE_SECRET);
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor counter = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                           software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                assertThat(context.httpRequest().firstMatchingHeader("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("AWS4-HMAC-SHA256"));
                built.incrementAndGet();
            }
        };
        var dynamo = dev.shipgate.testing.TestClients.local(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .overrideConfiguration(o -> WebhookWiring.DYNAMODB_SETTINGS.accept(o.addExecutionInterceptor(counter))), aws.moto.endpoint());
        var codePipeline = dev.shipgate.testing.TestClients.local(software.amazon.awssdk.services.codepipeline.CodePipelineClient.builder()
                .overrideConfiguration(o -> WebhookWiring.CODEPIPELINE_SETTINGS.accept(o.addExecutionInterceptor(counter))), aws.codePipeline.endpoint());

        assertThat(WebhookPriming.dryRunSdk(codePipeline, dynamo, LocalAws.TABLE)).isEqualTo(WebhookPriming.SDK_DRY_RUNS);

        assertThat(built).hasValue(4); // the claim's two puts, record update, start: each signed once, none retried
        assertThat(aws.codePipeline.calls()).isEmpty();
        assertThat(aws.dynamo.scan(b -> b.tableName(LocalAws.TABLE)).count()).isZero();
    }
}
