package dev.shipgate.webhook;

import dev.shipgate.shared.aws.AwsClients;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.webhook.aws.CodePipelineStarter;
import dev.shipgate.webhook.aws.DynamoDbDeliveryLedger;
import dev.shipgate.webhook.aws.SecretsManagerSecretSource;
import dev.shipgate.webhook.delivery.DeliveryService;
import dev.shipgate.webhook.delivery.StartRetry;
import dev.shipgate.webhook.signature.WebhookSecret;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The github-webhook function's composition root: its configuration, SDK clients, secret and delivery service,
 * built once at init. Reads the secret at once, so a missing or unusable one fails init (and publishing a version).
 */
final class WebhookWiring {

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

    private final WebhookConfig config;
    private final CodePipelineClient codePipeline;
    private final DynamoDbClient dynamo;
    private final SecretCache<WebhookSecret> secrets;

    WebhookWiring(WebhookConfig config, CodePipelineClient codePipeline, DynamoDbClient dynamo,
                  SecretsManagerClient secretsManager, long secretRereadMillis) {
        this.config = config;
        this.codePipeline = codePipeline;
        this.dynamo = dynamo;
        SecretsManagerSecretSource source = new SecretsManagerSecretSource(secretsManager, config.secretArn());
        this.secrets = new SecretCache<>(() -> WebhookSecret.parse(source.get()), WebhookWiring::monotonicMillis,
                secretRereadMillis, SECRET_MAX_AGE_MILLIS);
    }

    /** Lambda's wiring: configuration from the environment, real clients through {@link AwsClients}. */
    static WebhookWiring fromEnvironment() {
        WebhookConfig config = WebhookConfig.from(Env.system());
        return new WebhookWiring(config,
                AwsClients.create(CodePipelineClient.builder().overrideConfiguration(CODEPIPELINE_SETTINGS)),
                AwsClients.create(DynamoDbClient.builder().overrideConfiguration(DYNAMODB_SETTINGS)),
                AwsClients.create(SecretsManagerClient.builder().overrideConfiguration(SECRETS_MANAGER_SETTINGS)),
                SECRET_REREAD_MILLIS);
    }

    DeliveryService service() {
        return new DeliveryService(
                new DeliveryService.Rules(config.repository(), config.branches(), config.tags(),
                        config.pipelineName(), config.sourceActionName()),
                secrets,
                new DynamoDbDeliveryLedger(dynamo, config.deliveriesTable()),
                new StartRetry(new CodePipelineStarter(codePipeline), StartRetry.Policy.DEFAULT,
                        WebhookWiring::monotonicMillis, Thread::sleep, WebhookWiring::jitter),
                () -> System.currentTimeMillis() / 1000);
    }

    /** The delivery's SDK calls as dry runs on the real clients; returns how many were stopped before sending. */
    int dryRunSdk() {
        return WebhookPriming.dryRunSdk(codePipeline, dynamo, config.deliveriesTable());
    }

    SecretCache<WebhookSecret> secrets() {
        return secrets;
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
}
