package dev.shipgate.local.emulators;

import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.GitHubStandIn;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.SlackReceiver;
import dev.shipgate.testing.SlackWebApiStandIn;
import dev.shipgate.testing.TestClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The local AWS a run talks to: the real {@code moto_server} for ECR, SNS, Secrets Manager, S3 and
 * DynamoDB; a STAND-IN for the four CodePipeline operations moto does not implement; a STAND-IN
 * Slack incoming webhook, a STAND-IN Slack Web API and a STAND-IN GitHub REST API for commit statuses. Functions
 * reach them only through the SDK's standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_CODEPIPELINE}
 * variables and the notifier's {@code SLACK_API_URL} and {@code GITHUB_API_URL}.
 */
public final class LocalAws implements AutoCloseable {

    /** The GitHub webhook secret seeded into the local Secrets Manager; sign local requests with it. */
    public static final String WEBHOOK_SECRET = "shipgate-local-webhook-secret";
    /** The GitHub token seeded into the secret GITHUB_STATUS_TOKEN_SECRET_ARN names; the GitHub stand-in accepts only it. */
    public static final String GITHUB_STATUS_TOKEN = "github_pat_11SHIPGATE0local_statustoken0000000000000000000000000000";

    private final MotoServer moto;
    private final CodePipelineStandIn codePipeline;
    private final SlackReceiver slack;
    private final SlackWebApiStandIn slackApi;
    private final GitHubStandIn github;
    private final SecretsManagerClient secrets;
    private final DynamoDbClient dynamo;
    private final SnsClient sns;
    private final EcrClient ecr;
    private final S3Client s3;
    private final AtomicInteger slackSeen = new AtomicInteger();
    private final AtomicInteger slackApiSeen = new AtomicInteger();
    private final AtomicInteger githubSeen = new AtomicInteger();

    private LocalAws(MotoServer moto, CodePipelineStandIn codePipeline, SlackReceiver slack, SlackWebApiStandIn slackApi,
                     GitHubStandIn github) {
        this.moto = moto;
        this.codePipeline = codePipeline;
        this.slack = slack;
        this.slackApi = slackApi;
        this.github = github;
        this.secrets = TestClients.local(SecretsManagerClient.builder(), moto.endpoint());
        this.dynamo = TestClients.local(DynamoDbClient.builder(), moto.endpoint());
        this.sns = TestClients.local(SnsClient.builder(), moto.endpoint());
        this.ecr = TestClients.local(EcrClient.builder(), moto.endpoint());
        this.s3 = TestClients.local(S3Client.builder().forcePathStyle(true), moto.endpoint());
    }

    public static LocalAws start() {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        return new LocalAws(moto, new CodePipelineStandIn().start(), new SlackReceiver().start(), new SlackWebApiStandIn().start(),
                new GitHubStandIn(GITHUB_STATUS_TOKEN, "unset/unset").start());
    }

    /** What the function's SDK clients (and the notifier's Slack Web API client) are pointed at. */
    public Map<String, String> endpointVariables(FunctionSpec function) {
        Map<String, String> variables = new LinkedHashMap<>(Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_CODEPIPELINE", codePipeline.endpoint().toString()));
        if (function.environment().containsKey("SLACK_API_URL")) {
            variables.put("SLACK_API_URL", slackApi.apiUrl().toString());
        }
        if (function.environment().containsKey("GITHUB_API_URL")) {
            variables.put("GITHUB_API_URL", github.endpoint().toString());
        }
        return variables;
    }

    public List<String> describe() {
        return List.of(
                "AWS (moto_server, real emulator)       " + moto.endpoint() + "  ECR, SNS, Secrets Manager, S3, DynamoDB",
                "CodePipeline (local STAND-IN)          " + codePipeline.endpoint()
                        + "  StartPipelineExecution, PutJobSuccess/FailureResult, GetPipelineExecution: moto lacks these",
                "Slack incoming webhook (local STAND-IN) " + slack.webhookUrl(),
                "Slack Web API (local STAND-IN)          " + slackApi.apiUrl() + "  chat.postMessage, chat.update",
                "GitHub REST API (local STAND-IN)        " + github.endpoint() + "  POST /repos/{owner}/{repo}/statuses/{sha}");
    }

    /**
     * Creates in the local account what the functions' environment names: secrets (the webhook
     * secret, the Slack webhook URL), DynamoDB tables, SNS topics, the report bucket, and the pipeline in the stand-in.
     */
    public void seed(FunctionSpec function) {
        function.environment().forEach((name, value) -> {
            switch (name) {
                case "WEBHOOK_SECRET_ARN" -> createSecret(value, WEBHOOK_SECRET);
                case "SLACK_WEBHOOK_SECRET_ARN" -> createSecret(value, slack.webhookUrl().toString());
                case "SLACK_BOT_TOKEN_SECRET_ARN" -> createSecret(value, SlackWebApiStandIn.BOT_TOKEN);
                case "GITHUB_STATUS_TOKEN_SECRET_ARN" -> createSecret(value, "{\"token\":\"" + GITHUB_STATUS_TOKEN + "\"}");
                case "GITHUB_REPOSITORY" -> github.withRepository(value);
                case "DELIVERIES_TABLE_NAME" -> createTable(value, "deliveryId");
                case "STATE_TABLE_NAME" -> createTable(value, "pipeline");
                case "NOTIFY_TOPIC_ARN" -> sns.createTopic(b -> b.name(value.substring(value.lastIndexOf(':') + 1)));
                case "REPORT_BUCKET" -> createBucket(value);
                case "PIPELINE_NAME" -> codePipeline.withPipeline(value);
                default -> {
                }
            }
        });
    }

    /** Creates an S3 bucket unless this account already has it (the report bucket is the artifact bucket). */
    public void createBucket(String name) {
        try {
            s3.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // the world's artifact bucket, created before the functions were seeded
        }
    }

    private void createSecret(String arnOrName, String value) {
        if (arnOrName.isBlank()) {
            return;
        }
        String name = arnOrName.contains(":secret:") ? arnOrName.substring(arnOrName.indexOf(":secret:") + 8) : arnOrName;
        try {
            secrets.createSecret(b -> b.name(name).secretString(value));
        } catch (ResourceExistsException alreadyThere) {
            secrets.putSecretValue(b -> b.secretId(name).secretString(value));
        }
    }

    private void createTable(String name, String partitionKey) {
        try {
            dynamo.createTable(b -> b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build()));
            if (partitionKey.equals("deliveryId")) {
                dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
            }
        } catch (ResourceInUseException alreadyThere) {
            // seeded by an earlier function
        }
    }

    /** Prints Slack messages (webhook posts and Web API calls) that arrived since the last call, the way a person would read them. */
    public void printNewSlackMessages(Consumer<String> out) {
        List<SlackReceiver.Delivery> all = slack.deliveries();
        for (int i = slackSeen.get(); i < all.size(); i++) {
            out.accept(SlackText.readable(all.get(i)));
        }
        slackSeen.set(all.size());
        List<SlackWebApiStandIn.Call> calls = slackApi.calls();
        for (int i = slackApiSeen.get(); i < calls.size(); i++) {
            out.accept(SlackText.readable(calls.get(i)));
        }
        slackApiSeen.set(calls.size());
    }

    /** Prints the commit statuses GitHub took since the last call, one line each. */
    public void printNewGitHubStatuses(Consumer<String> out) {
        List<GitHubStandIn.Call> created = github.created();
        for (int i = githubSeen.get(); i < created.size(); i++) {
            GitHubStandIn.Call call = created.get(i);
            out.accept("    GitHub commit " + call.sha().substring(0, 7) + "  " + call.context() + " = " + call.state() + "  \""
                    + call.body().path("description").asText("") + "\"");
        }
        githubSeen.set(created.size());
    }

    public MotoServer moto() {
        return moto;
    }

    public CodePipelineStandIn codePipeline() {
        return codePipeline;
    }

    public SlackReceiver slack() {
        return slack;
    }

    public SlackWebApiStandIn slackApi() {
        return slackApi;
    }

    public GitHubStandIn github() {
        return github;
    }

    public SecretsManagerClient secrets() {
        return secrets;
    }

    public SnsClient sns() {
        return sns;
    }

    public EcrClient ecr() {
        return ecr;
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public void close() {
        codePipeline.close();
        slack.close();
        github.close();
        slackApi.close();
        secrets.close();
        dynamo.close();
        sns.close();
        ecr.close();
        s3.close();
    }

}
