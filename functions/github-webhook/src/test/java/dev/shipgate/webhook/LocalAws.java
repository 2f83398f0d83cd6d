package dev.shipgate.webhook;

import dev.shipgate.shared.config.Env;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.HeldCalls;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.TestClients;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.HashMap;
import java.util.Map;

/**
 * The function's real SDK clients, configured as in production, aimed at moto_server (Secrets Manager,
 * DynamoDB) and the CodePipeline stand-in; plus the resources the template would create.
 */
final class LocalAws implements AutoCloseable {

    static final String PIPELINE = "shop-pipeline";
    static final String TABLE = "shipgate-test-deliveries";
    static final String REPOSITORY = "octo-org/hello-shipgate";
    /** The documented secret the sample events in events/github-webhook are signed with. */
    static final String SAMPLE_SECRET = "shipgate-local-webhook-secret";

    final MotoServer moto = MotoServer.shared();
    final CodePipelineStandIn codePipeline = new CodePipelineStandIn().withPipeline(PIPELINE).start();
    /** The tests' own Secrets Manager client (rotating, deleting); the function gets {@link #functionSecrets}. */
    final SecretsManagerClient secrets = TestClients.local(
            SecretsManagerClient.builder().overrideConfiguration(WebhookWiring.SECRETS_MANAGER_SETTINGS), moto.endpoint());
    /** The function's Secrets Manager calls: counted, and holdable while a test makes a request arrive. */
    final HeldCalls functionSecretCalls = new HeldCalls();
    final SecretsManagerClient functionSecrets = TestClients.local(SecretsManagerClient.builder().overrideConfiguration(
            WebhookWiring.SECRETS_MANAGER_SETTINGS.andThen(o -> o.addExecutionInterceptor(functionSecretCalls))), moto.endpoint());
    final DynamoDbClient dynamo = TestClients.local(
            DynamoDbClient.builder().overrideConfiguration(WebhookWiring.DYNAMODB_SETTINGS), moto.endpoint());
    final CodePipelineClient codePipelineClient = TestClients.local(
            CodePipelineClient.builder().overrideConfiguration(WebhookWiring.CODEPIPELINE_SETTINGS), codePipeline.endpoint());
    final String secretArn;

    LocalAws(String secretValue) {
        moto.reset();
        // Set up with SDK defaults: the function's tight timeouts would turn a slow create on a loaded machine into
        // a retried create that fails with "already exists".
        secretArn = TestClients.local(SecretsManagerClient.builder(), moto.endpoint())
                .createSecret(b -> b.name("shipgate/test/webhook").secretString(secretValue)).arn();
        DynamoDbClient admin = TestClients.local(DynamoDbClient.builder(), moto.endpoint());
        admin.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("deliveryId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("deliveryId").keyType(KeyType.HASH)));
        admin.updateTimeToLive(b -> b.tableName(TABLE).timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
    }

    WebhookConfig config() {
        Map<String, String> env = new HashMap<>();
        env.put(WebhookConfig.PIPELINE_NAME, PIPELINE);
        env.put(WebhookConfig.GITHUB_REPOSITORY, REPOSITORY);
        env.put(WebhookConfig.GITHUB_BRANCH, "main, release/**");
        env.put(WebhookConfig.GITHUB_TAG_PATTERN, "v*");
        env.put(WebhookConfig.WEBHOOK_SECRET_ARN, secretArn);
        env.put(WebhookConfig.DELIVERIES_TABLE_NAME, TABLE);
        return WebhookConfig.from(new Env(env));
    }

    WebhookHandler handler(long budgetMillis, long secretRereadMillis) {
        return new WebhookHandler(new WebhookWiring(config(), codePipelineClient, dynamo, functionSecrets, secretRereadMillis), budgetMillis);
    }

    WebhookHandler handler() {
        return handler(WebhookHandler.BUDGET_MILLIS, WebhookWiring.SECRET_REREAD_MILLIS);
    }

    Map<String, AttributeValue> delivery(String deliveryId) {
        return dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("deliveryId", AttributeValue.fromS(deliveryId))).consistentRead(true)).item();
    }

    @Override
    public void close() {
        codePipeline.close();
    }
}
