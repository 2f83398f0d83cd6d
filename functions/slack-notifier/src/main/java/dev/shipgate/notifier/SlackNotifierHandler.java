package dev.shipgate.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shipgate.notifier.aws.CodePipelineExecutions;
import dev.shipgate.notifier.aws.DynamoDbStateStore;
import dev.shipgate.notifier.aws.DryRun;
import dev.shipgate.notifier.aws.SlackWebhookSecret;
import dev.shipgate.notifier.event.EventReader;
import dev.shipgate.notifier.execution.ExecutionLookup;
import dev.shipgate.notifier.slack.SlackClient;
import dev.shipgate.notifier.slack.WebhookSlackClient;
import dev.shipgate.notifier.state.StateStore;
import dev.shipgate.shared.aws.AwsClients;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.init.ClassPreloader;
import dev.shipgate.shared.init.InitThread;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Core;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.Map;

import javax.net.ssl.SSLContext;

/**
 * Entry point: EventBridge CodePipeline events, or SNS records carrying scan-gate verdicts and
 * CodeStar notifications, posted to Slack. Unknown or malformed events are logged by type and
 * skipped; a message Slack refuses fails the invocation (the event goes to the dead-letter queue).
 */
public final class SlackNotifierHandler implements RequestStreamHandler {

    private final EventReader reader = new EventReader();
    private final NotifierService service;
    private final JsonLog log;
    private final NotifierPriming priming;

    /** Lambda's constructor: configuration from the environment, real clients, the webhook URL read once. */
    public SlackNotifierHandler() {
        this(Wiring.fromEnvironment());
        Core.getGlobalContext().register(priming);
    }

    private SlackNotifierHandler(Wiring w) {
        this(w.config(), w.codePipeline(), w.dynamo(), w.slackUrl(), new JsonLog("slack-notifier"));
    }

    SlackNotifierHandler(NotifierConfig config, SecretsManagerClient secrets, CodePipelineClient codePipeline,
                         DynamoDbClient dynamo, JsonLog log) {
        this(config, codePipeline, dynamo, readSlackUrl(secrets, config), log);
    }

    private SlackNotifierHandler(NotifierConfig config, CodePipelineClient codePipeline, DynamoDbClient dynamo,
                                 SecretCache<URI> slackUrl, JsonLog log) {
        this(config, new CodePipelineExecutions(codePipeline),
                new DynamoDbStateStore(dynamo, config.stateTableName(), Clock.systemUTC()),
                new WebhookSlackClient(slackUrl::current, Thread::sleep), log,
                () -> DryRun.stateStore(dynamo, config.stateTableName()) + DryRun.executions(codePipeline), slackUrl::expire);
    }

    SlackNotifierHandler(NotifierConfig config, ExecutionLookup executions, StateStore state, SlackClient slack, JsonLog log,
                         IntSupplier sdkDryRuns, Runnable afterRestore) {
        this.log = log;
        this.service = new NotifierService(config, executions, state, slack, log, Clock.systemUTC());
        this.priming = new NotifierPriming(reader, config, log, sdkDryRuns, afterRestore);
    }

    /** A Slack webhook URL revoked in Secrets Manager stops being used within this time. */
    static final long SECRET_MAX_AGE_MILLIS = 5 * 60_000;

    /** The webhook URL, read now (a missing or invalid secret fails init) and again once it is older than the maximum age. */
    static SecretCache<URI> readSlackUrl(SecretsManagerClient secrets, NotifierConfig config) {
        return new SecretCache<>(() -> SlackWebhookSecret.read(secrets, config.slackWebhookSecretArn()),
                () -> System.nanoTime() / 1_000_000, 0, SECRET_MAX_AGE_MILLIS);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode root;
        try {
            root = JsonTree.parse(input);
        } catch (JsonProcessingException e) {
            log.warn("event-skipped", Map.of("type", "unparseable", "reason", "input is not JSON"));
            root = null;
        }
        NotifierService.Summary summary = root == null
                ? new NotifierService.Summary(0, 0, 1, 0)
                : service.handle(reader.read(root), () -> context.getRemainingTimeInMillis());
        JsonTree.write(JsonNodeFactory.instance.objectNode().put("sent", summary.sent()).put("filtered", summary.filtered())
                .put("skipped", summary.skipped()).put("duplicates", summary.duplicates()), output);
    }

    /**
     * The real clients, built once. Init is mostly class loading, split over threads: this one reads the secret
     * (its HTTP client sets up TLS first) and builds the CodePipeline client, another builds the DynamoDB client,
     * and a warm-up thread renders synthetic messages (JSON, renderer). Each client then runs its calls as dry runs
     * ({@link DryRun}: endpoint rules, marshalling, signing; nothing sent), so the first event finds them warm.
     */
    private record Wiring(NotifierConfig config, CodePipelineClient codePipeline, DynamoDbClient dynamo, SecretCache<URI> slackUrl) {

        static Wiring fromEnvironment() {
            ClassPreloader.start(SlackNotifierHandler.class);
            NotifierConfig config = NotifierConfig.from(Env.system());
            CompletableFuture<Void> warmUp = InitThread.start("notifier-warm-up", () -> {
                new NotifierPriming(new EventReader(), config, new JsonLog("slack-notifier"), () -> 0, () -> { }).prime();
                return null;
            });
            CompletableFuture<DynamoDbClient> dynamo = InitThread.start("notifier-state", () -> {
                DynamoDbClient client = AwsClients.create(DynamoDbClient.builder());
                DryRun.stateStore(client, config.stateTableName());
                return client;
            });
            SecretCache<URI> slackUrl = readSlackUrl(AwsClients.create(SecretsManagerClient.builder()), config);
            // The SDK trusts only AWS's roots (AwsClients); Slack needs the JDK's store, loaded here, not in the first post.
            CompletableFuture<Void> slackTls = !"https".equalsIgnoreCase(slackUrl.current().getScheme())
                    ? CompletableFuture.completedFuture(null) : InitThread.start("notifier-tls", () -> {
                try {
                    SSLContext.getDefault();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("no default TLS context for Slack", e);
                }
                return null;
            });
            CodePipelineClient codePipeline = AwsClients.create(CodePipelineClient.builder());
            DryRun.executions(codePipeline);
            Wiring wiring = new Wiring(config, codePipeline, InitThread.join(dynamo), slackUrl);
            InitThread.join(warmUp);
            InitThread.join(slackTls);
            return wiring;
        }
    }

    NotifierPriming priming() {
        return priming;
    }

}
