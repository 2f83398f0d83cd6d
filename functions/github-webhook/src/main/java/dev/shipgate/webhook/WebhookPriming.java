package dev.shipgate.webhook;

import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.init.BackgroundRefresh;
import dev.shipgate.shared.init.ClassPreloader;
import dev.shipgate.shared.init.PrimingContext;
import dev.shipgate.shared.init.PrimingLog;
import dev.shipgate.shared.init.RuntimeCall;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.webhook.aws.CodePipelineStarter;
import dev.shipgate.webhook.aws.DynamoDbDeliveryLedger;
import dev.shipgate.webhook.delivery.DeliveryLedger;
import dev.shipgate.webhook.delivery.DeliveryService;
import dev.shipgate.webhook.delivery.PipelineStart;
import dev.shipgate.webhook.delivery.StartRetry;
import dev.shipgate.webhook.github.InvalidPayloadException;
import dev.shipgate.webhook.github.Payloads;
import dev.shipgate.webhook.github.PushEvent;
import dev.shipgate.webhook.github.RefPatterns;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.webhook.signature.WebhookSecret;
import dev.shipgate.webhook.signature.SignatureVerifier;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * SnapStart priming, before the checkpoint: loads the recorded class list, runs a synthetic, signed push through
 * the real handler, called reflectively as the runtime calls it (event parse, HMAC, payload parse, decision,
 * StartPipelineExecution request build, response and log serialization) against in-memory stand-ins, then the
 * delivery's SDK calls as dry runs on the real clients. Nothing reaches AWS.
 * A step that primes nothing fails the checkpoint. After the restore, the secret read at init is expired before the
 * hook returns and read again at once on the after-restore thread ({@link BackgroundRefresh}), so neither the restore
 * nor, usually, the first delivery waits for Secrets Manager; a delivery that comes while that read is in flight
 * waits for it. If that read fails the first delivery reads again, and fails closed (500) if the secret is still
 * unreadable.
 */
final class WebhookPriming implements Resource {

    private static final String SECRET = "priming-only-not-a-secret";
    private static final String COMMIT = "1111111111111111111111111111111111111111";
    private static final String DRY_RUN_DELIVERY = "00000000-0000-0000-0000-000000000002";
    private static final String PAYLOAD = """
            {"ref":"refs/heads/main","before":"0000000000000000000000000000000000000000",
             "after":"1111111111111111111111111111111111111111","created":false,"deleted":false,"forced":false,
             "compare":"https://github.com/shipgate/priming/compare/000000000000...111111111111",
             "commits":[{"id":"1111111111111111111111111111111111111111","message":"Prime","author":{"name":"Priming"}}],
             "head_commit":{"id":"1111111111111111111111111111111111111111","message":"Prime\\n\\nbody",
               "author":{"name":"Priming","email":"priming@example.invalid","username":"priming"}},
             "repository":{"full_name":"shipgate/priming"},"pusher":{"name":"priming"}}""";

    /** DynamoDB claim (both conditional puts) and record, StartPipelineExecution. */
    static final int SDK_DRY_RUNS = 3;
    private static final SdkDryRun.Answer DYNAMODB_OK = SdkDryRun.Answer.ok("application/x-amz-json-1.0",
            "{}".getBytes(StandardCharsets.UTF_8));

    private final WebhookWiring wiring;

    WebhookPriming(WebhookWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = WebhookWiring.monotonicMillis();
        int preloaded = ClassPreloader.loadAll(WebhookPriming.class);
        if (preloaded == 0) {
            throw new IllegalStateException("priming loaded no class: " + ClassPreloader.LIST + " is missing or stale");
        }
        Primed primed = run();
        if (primed.status() != 202 || !primed.problems().isEmpty()) {
            throw new IllegalStateException("priming's synthetic push was not started: " + primed.status() + " " + primed.response()
                    + primed.problems());
        }
        int dryRuns = wiring.dryRunSdk();
        if (dryRuns != SDK_DRY_RUNS) {
            throw new IllegalStateException("priming: " + dryRuns + " of " + SDK_DRY_RUNS + " SDK dry runs went as intended");
        }
        new JsonLog("github-webhook").info("snapstart-priming", Map.of(
                "classesPreloaded", preloaded,
                "deliveriesPrimed", 1,
                "sdkDryRuns", dryRuns,
                "ms", WebhookWiring.monotonicMillis() - started));
    }

    /**
     * A secret read before the checkpoint is not trusted after it: expired now, so from here on no delivery can use it,
     * and read again on the after-restore thread, behind this copy's credentials (AwsClients' hooks run first). A
     * failed read leaves the cache expired, so the first delivery reads again and fails closed; the restore itself
     * never fails on it.
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        expireAndRereadInBackground();
    }

    /** The future is done when the background read is over, failed or not (for tests). */
    Future<?> expireAndRereadInBackground() {
        SecretCache<WebhookSecret> secrets = wiring.secrets();
        secrets.expire();
        return BackgroundRefresh.start(new JsonLog("github-webhook"),
                List.of(new BackgroundRefresh.Step("webhook secret", secrets::refreshIfExpired)));
    }

    /** The synthetic push's answer as the handler wrote it, and what it logged as a warning or error. */
    record Primed(int status, String response, String problems) {
    }

    /**
     * Runs a synthetic, signed push through the real handler, called reflectively as the runtime calls it (so the
     * method accessor the runtime's first call needs is made before the snapshot), over the real delivery code with
     * an in-memory ledger and a pipeline starter that builds the request and sends nothing.
     */
    static Primed run() {
        DeliveryService dry = new DeliveryService(
                new DeliveryService.Rules("shipgate/priming", RefPatterns.parse("main"), RefPatterns.parse("v*"), "priming", "Source"),
                new SecretCache<>(() -> WebhookSecret.of(SECRET), WebhookWiring::monotonicMillis, Long.MAX_VALUE, Long.MAX_VALUE),
                new InMemoryLedger(),
                new StartRetry((command, timeout) -> {
                    CodePipelineStarter.toRequest(command);
                    return "00000000-0000-0000-0000-000000000000";
                }, StartRetry.Policy.DEFAULT, WebhookWiring::monotonicMillis, millis -> { }, ceiling -> ceiling),
                () -> 0L);
        try {
            byte[] body = PAYLOAD.getBytes(StandardCharsets.UTF_8);
            String event = """
                    {"version":"2.0","routeKey":"POST /webhook","rawPath":"/webhook",
                     "headers":{"content-type":"application/json","x-github-event":"push",
                       "x-github-delivery":"00000000-0000-0000-0000-000000000001","x-hub-signature-256":"%s"},
                     "body":"%s","isBase64Encoded":true}"""
                    .formatted(SignatureVerifier.sign(SECRET, body), Base64.getEncoder().encodeToString(body));
            PrimingLog log = new PrimingLog();
            String answer = new String(RuntimeCall.handle(new WebhookHandler(dry, WebhookHandler.BUDGET_MILLIS, null),
                    event.getBytes(StandardCharsets.UTF_8),
                    new PrimingContext("00000000-0000-0000-0000-000000000001", "github-webhook", 60_000, log)), StandardCharsets.UTF_8);
            return new Primed(JsonTree.parse(answer).path("statusCode").asInt(), answer, log.describe());
        } catch (IOException | InvocationTargetException e) {
            throw new IllegalStateException("priming's synthetic push failed", e);
        }
    }

    /**
     * Runs the exact SDK calls a delivery makes (DynamoDB claim and record, StartPipelineExecution) as
     * dry runs on the real clients: resolved, marshalled and signed, then answered or stopped by
     * {@link SdkDryRun} instead of being sent. Returns how many went as intended ({@link #SDK_DRY_RUNS}).
     */
    static int dryRunSdk(CodePipelineClient codePipeline, DynamoDbClient dynamo, String table) {
        return dryRunLedger(dynamo, table) + dryRunStart(codePipeline);
    }

    /**
     * Answered rather than stopped: the claim is two conditional puts (the body's digest, then the delivery id), and
     * only an answered first put lets the second run; an empty answer is what DynamoDB gives a put that succeeded.
     */
    static int dryRunLedger(DynamoDbClient dynamo, String table) {
        DynamoDbDeliveryLedger ledger = new DynamoDbDeliveryLedger(dynamo, table, SdkDryRun.answer(DYNAMODB_OK));
        return SdkDryRun.answered(() -> ledger.claim(DRY_RUN_DELIVERY, "0".repeat(64), COMMIT, 0L).fresh())
                + SdkDryRun.answered(() -> {
                    ledger.recordStarted(DRY_RUN_DELIVERY, "00000000-0000-0000-0000-000000000000");
                    return true;
                });
    }

    static int dryRunStart(CodePipelineClient codePipeline) {
        PushEvent push;
        try {
            push = Payloads.push(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidPayloadException e) {
            throw new IllegalStateException("priming payload is invalid", e);
        }
        return SdkDryRun.stopped(() -> new CodePipelineStarter(codePipeline, SdkDryRun::mark)
                .start(PipelineStart.forPush("priming", "Source", push, DRY_RUN_DELIVERY), Duration.ofSeconds(2)));
    }

    /** Every delivery is new: priming and the warm-path benchmark exercise the start path without a table. */
    static final class InMemoryLedger implements DeliveryLedger {
        @Override
        public Claim claim(String deliveryId, String bodyDigest, String commitId, long expiresAtEpochSeconds) {
            return Claim.newClaim();
        }

        @Override
        public void recordStarted(String deliveryId, String executionId) {
        }
    }
}
