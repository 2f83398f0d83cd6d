package dev.shipgate.notifier;

import dev.shipgate.notifier.aws.CodePipelineExecutions;
import dev.shipgate.notifier.aws.DryRun;
import dev.shipgate.notifier.aws.DynamoDbStateStore;
import dev.shipgate.notifier.aws.DynamoDbThreadStore;
import dev.shipgate.notifier.aws.SlackBotTokenSecret;
import dev.shipgate.notifier.aws.SlackWebhookSecret;
import dev.shipgate.notifier.aws.GitHubTokenSecret;
import dev.shipgate.notifier.event.EventReader;
import dev.shipgate.notifier.github.CommitStatuses;
import dev.shipgate.notifier.github.GitHubCommitStatuses;
import dev.shipgate.notifier.github.GitHubStatusConfig;
import dev.shipgate.notifier.github.RestGitHubStatusClient;
import dev.shipgate.notifier.output.SlackOutput;
import dev.shipgate.notifier.output.WebhookOutput;
import dev.shipgate.notifier.slack.WebApiSlackChat;
import dev.shipgate.notifier.slack.WebhookSlackClient;
import dev.shipgate.notifier.thread.SlackThreads;
import dev.shipgate.shared.aws.AwsClients;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.shared.secret.SecretCache;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The slack-notifier's composition root: configuration, SDK clients, the Slack output (incoming webhook, or the Web
 * API's thread per execution), the GitHub commit statuses (when a token is configured) and the service, built once at
 * init. Reads the Slack secret (webhook URL or bot token) and the GitHub token at once, so a missing or invalid secret
 * fails init (and publishing a version).
 */
final class NotifierWiring {

    /** A Slack webhook URL revoked in Secrets Manager stops being used within this time. */
    static final long SECRET_MAX_AGE_MILLIS = 5 * 60_000;

    private final NotifierConfig config;
    private final CodePipelineClient codePipeline;
    private final DynamoDbClient dynamo;
    /** The webhook URL or the bot token: read at init, re-read after a restore and when older than the maximum age. */
    private final SecretCache<?> slackSecret;
    private final SlackOutput output;
    private final GitHubStatusConfig github;
    /** Present when commit statuses are on; read at init like the Slack secret, with the same maximum age. */
    private final Optional<SecretCache<String>> githubToken;
    private final JsonLog log;
    private final EventReader reader = new EventReader();

    NotifierWiring(NotifierConfig config, SecretsManagerClient secrets, CodePipelineClient codePipeline, DynamoDbClient dynamo,
                   JsonLog log) {
        this(config, GitHubStatusConfig.OFF, secrets, codePipeline, dynamo, log);
    }

    NotifierWiring(NotifierConfig config, GitHubStatusConfig github, SecretsManagerClient secrets, CodePipelineClient codePipeline,
                   DynamoDbClient dynamo, JsonLog log) {
        this.config = config;
        this.github = github;
        this.codePipeline = codePipeline;
        this.dynamo = dynamo;
        this.log = log;
        switch (config.slack()) {
            case SlackTarget.Webhook webhook -> {
                SecretCache<URI> url = new SecretCache<>(() -> SlackWebhookSecret.read(secrets, webhook.secretArn()),
                        () -> System.nanoTime() / 1_000_000, 0, SECRET_MAX_AGE_MILLIS);
                this.slackSecret = url;
                this.output = new WebhookOutput(new WebhookSlackClient(url::current, Thread::sleep));
            }
            case SlackTarget.WebApi api -> {
                SecretCache<String> token = new SecretCache<>(() -> SlackBotTokenSecret.read(secrets, api.tokenSecretArn()),
                        () -> System.nanoTime() / 1_000_000, 0, SECRET_MAX_AGE_MILLIS);
                this.slackSecret = token;
                this.output = new SlackThreads(new DynamoDbThreadStore(dynamo, config.stateTableName(), Clock.systemUTC()),
                        new WebApiSlackChat(api.apiUrl(), api.channel(), token::current, Thread::sleep), log,
                        System::currentTimeMillis, Thread::sleep, () -> UUID.randomUUID().toString());
            }
        }
        this.githubToken = github.tokenSecretArn().map(arn -> new SecretCache<>(
                () -> GitHubTokenSecret.read(secrets, arn), () -> System.nanoTime() / 1_000_000, 0, SECRET_MAX_AGE_MILLIS));
        log.info("github-status", Map.of("enabled", github.enabled(), "apiUrl", github.apiUrl().toString()));
    }

    /**
     * Secrets are re-read inside afterRestore, which Lambda cuts off after 10 s: every read, retries included, ends
     * within 3 s (as the webhook's).
     */
    static final Consumer<ClientOverrideConfiguration.Builder> SECRETS_MANAGER_SETTINGS = o -> o
            .apiCallTimeout(Duration.ofSeconds(3));

    /** Lambda's wiring: configuration from the environment, real clients through {@link AwsClients}. */
    static NotifierWiring fromEnvironment() {
        NotifierConfig config = NotifierConfig.from(Env.system());
        return new NotifierWiring(config, GitHubStatusConfig.from(Env.system()), AwsClients.create(SecretsManagerClient.builder().overrideConfiguration(SECRETS_MANAGER_SETTINGS)),
                AwsClients.create(CodePipelineClient.builder()), AwsClients.create(DynamoDbClient.builder()),
                new JsonLog("slack-notifier"));
    }

    NotifierService service() {
        DynamoDbStateStore state = new DynamoDbStateStore(dynamo, config.stateTableName(), Clock.systemUTC());
        CommitStatuses statuses = githubToken.<CommitStatuses>map(token -> new GitHubCommitStatuses(
                new RestGitHubStatusClient(github.apiUrl(), token::current, Thread::sleep, System::currentTimeMillis),
                state, config.githubRepository(), config.region(), log)).orElseGet(CommitStatuses::off);
        return new NotifierService(config, new CodePipelineExecutions(codePipeline), state, output, statuses, log, Clock.systemUTC());
    }

    /** The priming: an invocation's SDK calls as dry runs; after a restore the Slack secret and the GitHub token are read again at once. */
    NotifierPriming priming() {
        return new NotifierPriming(reader, config, log,
                () -> DryRun.stateStore(dynamo, config.stateTableName()) + DryRun.executions(codePipeline), this::rereadAfterRestore);
    }

    /**
     * The secrets read before the checkpoint (the Slack webhook URL or bot token, the GitHub token) are not trusted after
     * it: read again now (AwsClients has already renewed the HTTP client and fetched this copy's credentials). A failed
     * read leaves a secret expired, so the first message reads it again and fails the invocation if it still cannot;
     * the restore itself does not fail.
     */
    private void rereadAfterRestore() {
        reread(slackSecret);
        githubToken.ifPresent(this::reread);
    }

    private void reread(SecretCache<?> secret) {
        secret.expire();
        try {
            secret.reload();
        } catch (RuntimeException e) {
            log.warn("after-restore", Map.of("secretReread", "failed", "exception", e.getClass().getName(),
                    "detail", String.valueOf(e.getMessage()), "then", "the first message reads it again"));
        }
    }

    EventReader reader() {
        return reader;
    }

    JsonLog log() {
        return log;
    }
}
