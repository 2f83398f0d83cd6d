package dev.shipgate.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shipgate.shared.aws.AwsClients;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.init.ClassPreloader;
import dev.shipgate.shared.init.InitThread;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.webhook.aws.CodePipelineStarter;
import dev.shipgate.webhook.aws.DynamoDbDeliveryLedger;
import dev.shipgate.webhook.aws.SecretsManagerSecretSource;
import dev.shipgate.webhook.delivery.DeliveryService;
import dev.shipgate.webhook.delivery.Outcome;
import dev.shipgate.webhook.delivery.StartRetry;
import dev.shipgate.webhook.delivery.WebhookRequest;
import dev.shipgate.webhook.http.HttpApiEvent;
import dev.shipgate.webhook.http.HttpApiResponse;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.webhook.signature.WebhookSecret;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * GitHub webhook endpoint behind an API Gateway HTTP API (payload format 2.0): reads the event, lets
 * {@link DeliveryService} decide and act, answers with a short JSON body and logs one line per delivery.
 */
public final class WebhookHandler implements RequestStreamHandler, Resource {

    /** GitHub gives up after 10 s; answer well before, leaving room for the gateway and a cold start. */
    static final long BUDGET_MILLIS = 7_000;
    /** Kept free of the function's own remaining time, to write the response and the log line. */
    static final long CONTEXT_MARGIN_MILLIS = 500;
    /** At most one secret re-read per minute after signature misses. */
    static final long SECRET_REREAD_MILLIS = 60_000;
    /** A secret value revoked in Secrets Manager (a rotation's "previous") stops verifying within this time. */
    static final long SECRET_MAX_AGE_MILLIS = 5 * 60_000;

    /** One attempt per call: DeliveryService retries with backoff inside the GitHub budget. */
    static final Consumer<ClientOverrideConfiguration.Builder> CODEPIPELINE_SETTINGS = o -> o
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(3));
    /** The SDK's standard retries (DynamoDB answers in milliseconds), bounded to fit the budget's record reserve. */
    static final Consumer<ClientOverrideConfiguration.Builder> DYNAMODB_SETTINGS = o -> o
            .apiCallAttemptTimeout(Duration.ofMillis(400))
            .apiCallTimeout(Duration.ofMillis(1_000));
    static final Consumer<ClientOverrideConfiguration.Builder> SECRETS_MANAGER_SETTINGS = o -> o
            .apiCallTimeout(Duration.ofSeconds(3));

    private final DeliveryService service;
    private final long budgetMillis;
    private final ColdStart wiring;

    public WebhookHandler() {
        this(ColdStart.run(), BUDGET_MILLIS);
        Core.getGlobalContext().register(this);
    }

    WebhookHandler(WebhookConfig config, CodePipelineClient codePipeline, DynamoDbClient dynamo,
                   SecretsManagerClient secretsManager, long budgetMillis, long secretRereadMillis) {
        this(new ColdStart(config, codePipeline, dynamo, secretCache(secretsManager, config, secretRereadMillis)), budgetMillis);
    }

    private WebhookHandler(ColdStart wiring, long budgetMillis) {
        this.service = wiring.service();
        this.wiring = wiring;
        this.budgetMillis = budgetMillis;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = monotonicMillis();
        long deadline = started + Math.min(budgetMillis, context.getRemainingTimeInMillis() - CONTEXT_MARGIN_MILLIS);
        JsonLog log = new JsonLog("github-webhook", context.getLogger());
        HttpApiEvent event;
        try {
            event = HttpApiEvent.read(input);
        } catch (HttpApiEvent.InvalidEventException e) {
            HttpApiResponse.write(output, 400, Map.of("error", e.getMessage()));
            log.warn("delivery", Map.of("decision", "bad-request", "status", 400, "detail", e.getMessage(),
                    "latencyMs", monotonicMillis() - started));
            return;
        }
        Outcome outcome;
        try {
            outcome = service.handle(new WebhookRequest(event.headers(), event.body()), deadline);
        } catch (RuntimeException e) {
            HttpApiResponse.write(output, 500, Map.of("error", "internal error; see the function's log for request " + context.getAwsRequestId()));
            log.error("delivery", Map.of("decision", "error", "status", 500, "exception", e.getClass().getName(),
                    "detail", String.valueOf(e.getMessage()), "latencyMs", monotonicMillis() - started));
            return;
        }
        HttpApiResponse.write(output, outcome.status(), outcome.body());
        logOutcome(log, outcome, monotonicMillis() - started);
    }

    private static void logOutcome(JsonLog log, Outcome outcome, long latencyMillis) {
        Map<String, Object> line = new LinkedHashMap<>();
        // Header values are logged before (or without) validation: keep them short.
        line.put("deliveryId", clip(outcome.deliveryId()));
        line.put("githubEvent", clip(outcome.event()));
        line.put("ref", outcome.ref());
        line.put("decision", outcome.decision().label());
        line.put("status", outcome.status());
        line.put("executionId", outcome.executionId());
        Object detail = outcome.body().containsKey("error") ? outcome.body().get("error") : outcome.body().get("reason");
        line.put("detail", detail);
        line.put("latencyMs", latencyMillis);
        if (!outcome.warnings().isEmpty()) {
            line.put("warnings", outcome.warnings());
        }
        if (outcome.status() >= 500 || !outcome.warnings().isEmpty()) {
            log.warn("delivery", line);
        } else {
            log.info("delivery", line);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long started = monotonicMillis();
        int preloaded = ClassPreloader.loadAll(WebhookHandler.class);
        if (preloaded == 0) {
            throw new IllegalStateException("priming loaded no class: " + ClassPreloader.LIST + " is missing or stale");
        }
        Outcome primed = Priming.run();
        if (primed.status() != 202) {
            throw new IllegalStateException("priming's synthetic push was not started: " + primed.status() + " " + primed.body());
        }
        int stopped = wiring.dryRunSdk();
        if (stopped != Priming.SDK_DRY_RUNS) {
            throw new IllegalStateException("priming stopped " + stopped + " of " + Priming.SDK_DRY_RUNS + " SDK dry runs before sending");
        }
        new JsonLog("github-webhook").info("snapstart-priming", Map.of(
                "classesPreloaded", preloaded,
                "deliveriesPrimed", 1,
                "sdkCallsStoppedBeforeSending", stopped,
                "ms", monotonicMillis() - started));
    }

    /** A secret read before the checkpoint is not trusted after it (AwsClients renews credentials and connections). */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        wiring.secrets().expire();
    }

    private static String clip(String value) {
        return value == null || value.length() <= 128 ? value : value.substring(0, 128) + "...";
    }

    static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * Between half and all of the ceiling, so retries from many instances spread out. A new SecureRandom per use:
     * a Random seeded before the SnapStart checkpoint would give every restored copy the same delays.
     */
    static long jitter(long ceiling) {
        return ceiling / 2 + new SecureRandom().nextLong(ceiling / 2 + 1);
    }

    private static SecretCache<WebhookSecret> secretCache(SecretsManagerClient secretsManager, WebhookConfig config, long rereadMillis) {
        SecretsManagerSecretSource source = new SecretsManagerSecretSource(secretsManager, config.secretArn());
        return new SecretCache<>(() -> WebhookSecret.parse(source.get()), WebhookHandler::monotonicMillis, rereadMillis, SECRET_MAX_AGE_MILLIS);
    }

    /**
     * The function's parts, and the production init: work that does not depend on each other runs side
     * by side (the domain and JSON priming, the secret read, the SDK client builds), so the JVM's class
     * loading is spread over the CPUs Lambda gives init, and the first delivery finds every path warm.
     */
    private record ColdStart(WebhookConfig config, CodePipelineClient codePipeline, DynamoDbClient dynamo, SecretCache<WebhookSecret> secrets) {

        static ColdStart run() {
            ClassPreloader.start(WebhookHandler.class);
            CompletableFuture<Outcome> domain = InitThread.start("webhook-priming", Priming::run);
            WebhookConfig config = WebhookConfig.from(Env.system());
            CompletableFuture<DynamoDbClient> ledger = InitThread.start("webhook-ledger", () -> {
                DynamoDbClient dynamo = AwsClients.create(DynamoDbClient.builder().overrideConfiguration(DYNAMODB_SETTINGS));
                Priming.dryRunLedger(dynamo, config.deliveriesTable());
                return dynamo;
            });
            SecretsManagerClient secretsManager = AwsClients.create(SecretsManagerClient.builder().overrideConfiguration(SECRETS_MANAGER_SETTINGS));
            CompletableFuture<SecretCache<WebhookSecret>> secret = InitThread.start("webhook-secret",
                    () -> secretCache(secretsManager, config, SECRET_REREAD_MILLIS));
            CodePipelineClient codePipeline = AwsClients.create(CodePipelineClient.builder().overrideConfiguration(CODEPIPELINE_SETTINGS));
            Priming.dryRunStart(codePipeline);
            InitThread.join(domain);
            return new ColdStart(config, codePipeline, InitThread.join(ledger), InitThread.join(secret));
        }

        DeliveryService service() {
            return new DeliveryService(
                    new DeliveryService.Rules(config.repository(), config.branches(), config.tags(),
                            config.pipelineName(), config.sourceActionName()),
                    secrets,
                    new DynamoDbDeliveryLedger(dynamo, config.deliveriesTable()),
                    new StartRetry(new CodePipelineStarter(codePipeline), StartRetry.Policy.DEFAULT,
                            WebhookHandler::monotonicMillis, Thread::sleep, WebhookHandler::jitter),
                    () -> System.currentTimeMillis() / 1000);
        }

        /** The delivery's SDK calls as dry runs on the real clients; returns how many were stopped before sending. */
        int dryRunSdk() {
            return Priming.dryRunSdk(codePipeline, dynamo, config.deliveriesTable());
        }
    }
}
