package dev.shipgate.notifier.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.shipgate.shared.aws.SdkDryRun;

import java.util.Map;

/**
 * Runs the notifier's DynamoDB and CodePipeline calls through throwaway SDK clients whose interceptor
 * stops every request right before it would be sent: client construction, endpoint rules,
 * marshalling and signing are loaded and exercised, nothing reaches the network (the clients have
 * dummy credentials and an HTTP client that refuses to send). It depends on nothing the real clients
 * need, so it runs on its own thread at init while the real clients are built, and again as
 * SnapStart priming.
 */
public final class OfflineDryRun {

    /** Never reached (the interceptor stops first); refuses to send should it ever be. */
    private static final class NoNetwork implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            throw new SdkDryRun.Stopped();
        }

        @Override
        public void close() {
        }
    }

    private OfflineDryRun() {
    }

    /** Returns how many calls were stopped before sending (all three, unless the SDK failed earlier). */
    public static int run(String region) {
        int stopped = 0;
        try (DynamoDbClient dynamo = offline(DynamoDbClient.builder(), region);
             CodePipelineClient codePipeline = offline(CodePipelineClient.builder(), region)) {
            Map<String, AttributeValue> key = Map.of(DynamoDbStateStore.KEY, AttributeValue.fromS("dry-run"));
            stopped += SdkDryRun.stopped(() -> dynamo.getItem(r -> r.tableName("dry-run").consistentRead(true).key(key)));
            stopped += SdkDryRun.stopped(() -> dynamo.putItem(r -> r.tableName("dry-run").item(key)
                    .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", DynamoDbStateStore.KEY))));
            stopped += SdkDryRun.stopped(() -> codePipeline.getPipelineExecution(r -> r.pipelineName("dry-run")
                    .pipelineExecutionId("00000000-0000-0000-0000-000000000000")));
        }
        return stopped;
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C offline(B builder, String region) {
        return builder
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dry-run", "dry-run")))
                .httpClient(new NoNetwork())
                .overrideConfiguration(c -> c.addExecutionInterceptor(SdkDryRun.STOP_ALL).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
