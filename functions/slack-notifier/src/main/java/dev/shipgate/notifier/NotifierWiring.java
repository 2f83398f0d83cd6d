package dev.shipgate.notifier;

import dev.shipgate.notifier.aws.CodePipelineExecutions;
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
import dev.shipgate.shared.init.BackgroundRefresh;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.shared.secret.SecretCache;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
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
     * Every secret read, retries included, ends within 3 s (as the webhook's): the re-read after a restore runs in the
     * background, but the first message may be waiting for it.
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

    /**
     * The priming: synthetic invocations on the real clients (SDK calls answered, not sent); after a restore the Slack
     * secret and the GitHub token are read again at once, in the background.
     */
    NotifierPriming priming() {
        return new NotifierPriming(new PrimingInvocations(config, reader, dynamo, codePipeline), log, this::rereadAfterRestore);
    }

    /**
     * The secrets read before the checkpoint (the Slack webhook URL or bot token, the GitHub token) are not trusted after
     * it: both are expired now, so from here on no message can use them, and read again on the after-restore thread,
     * behind this copy's credentials (AwsClients' hooks run first), Slack's first as a message uses it first. A message
     * that needs a secret while its read is in flight waits for it. A failed read leaves that secret expired, so the
     * first message reads it again and fails the invocation if it still cannot; the restore itself never fails on it.
     * The future is done when both reads are over, failed or not (for tests).
     */
    Future<?> rereadAfterRestore() {
        List<BackgroundRefresh.Step> reads = new ArrayList<>();
        slackSecret.expire();
        reads.add(new BackgroundRefresh.Step("slack secret", slackSecret::refreshIfExpired));
        githubToken.ifPresent(token -> {
            token.expire();
            reads.add(new BackgroundRefresh.Step("github token", token::refreshIfExpired));
        });
        return BackgroundRefresh.start(log, reads);
    }

    EventReader reader() {
        return reader;
    }

    JsonLog log() {
        return log;
    }
}
