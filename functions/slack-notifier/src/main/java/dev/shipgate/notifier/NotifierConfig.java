package dev.shipgate.notifier;

import dev.shipgate.notifier.policy.Mentions;
import dev.shipgate.notifier.policy.NotifyPolicy;
import dev.shipgate.shared.config.Env;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The slack-notifier's configuration, read once at init. Every environment variable name the
 * function reads is a constant here (the template checks compare them with template.yaml).
 */
public record NotifierConfig(
        SlackTarget slack,
        NotifyPolicy notifyOn,
        Mentions mentionOnFailure,
        String githubRepository,
        String projectName,
        String stateTableName,
        String region) {

    public static final String SLACK_WEBHOOK_SECRET_ARN = "SLACK_WEBHOOK_SECRET_ARN";
    public static final String SLACK_BOT_TOKEN_SECRET_ARN = "SLACK_BOT_TOKEN_SECRET_ARN";
    public static final String SLACK_CHANNEL = "SLACK_CHANNEL";
    public static final String SLACK_API_URL = "SLACK_API_URL";
    public static final String NOTIFY_ON = "NOTIFY_ON";
    public static final String SLACK_MENTION_ON_FAILURE = "SLACK_MENTION_ON_FAILURE";
    public static final String GITHUB_REPOSITORY = "GITHUB_REPOSITORY";
    public static final String PROJECT_NAME = "PROJECT_NAME";
    public static final String STATE_TABLE_NAME = "STATE_TABLE_NAME";
    public static final String AWS_REGION = "AWS_REGION";

    static final String DEFAULT_SLACK_API_URL = "https://slack.com/api";
    private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{8,20}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    public static NotifierConfig from(Env env) {
        String repository = env.require(GITHUB_REPOSITORY);
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new Env.ConfigException(GITHUB_REPOSITORY + " must look like owner/name, got '" + repository + "'");
        }
        return new NotifierConfig(
                slackTarget(env),
                NotifyPolicy.parse(NOTIFY_ON, env.optional(NOTIFY_ON).orElse(null)),
                Mentions.parse(SLACK_MENTION_ON_FAILURE, env.optional(SLACK_MENTION_ON_FAILURE).orElse(null)),
                repository,
                env.require(PROJECT_NAME),
                env.require(STATE_TABLE_NAME),
                env.require(AWS_REGION));
    }

    /**
     * The Web API when both the bot token secret and the channel are given, else the webhook. One of the two alone,
     * or the webhook as well, is a contradiction the stack's rules refuse at deploy time; here it fails init.
     */
    static SlackTarget slackTarget(Env env) {
        var token = env.optional(SLACK_BOT_TOKEN_SECRET_ARN);
        var channel = env.optional(SLACK_CHANNEL);
        if (token.isEmpty() && channel.isEmpty()) {
            return new SlackTarget.Webhook(env.require(SLACK_WEBHOOK_SECRET_ARN));
        }
        if (token.isEmpty() || channel.isEmpty()) {
            throw new Env.ConfigException("Slack Web API mode needs both " + SLACK_BOT_TOKEN_SECRET_ARN + " and " + SLACK_CHANNEL
                    + "; only " + (token.isPresent() ? SLACK_BOT_TOKEN_SECRET_ARN : SLACK_CHANNEL) + " is set");
        }
        if (env.optional(SLACK_WEBHOOK_SECRET_ARN).isPresent()) {
            throw new Env.ConfigException("give either " + SLACK_WEBHOOK_SECRET_ARN + " (incoming webhook) or "
                    + SLACK_BOT_TOKEN_SECRET_ARN + " and " + SLACK_CHANNEL + " (Web API), not both");
        }
        if (!CHANNEL.matcher(channel.get()).matches()) {
            throw new Env.ConfigException(SLACK_CHANNEL + " must be a channel id such as C0123ABCDEF (not a #name), got '"
                    + channel.get() + "'");
        }
        String api = env.optional(SLACK_API_URL, DEFAULT_SLACK_API_URL);
        URI uri;
        try {
            uri = URI.create(api);
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException(SLACK_API_URL + " is not a URL: '" + api + "'");
        }
        boolean loopback = "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (!("https".equals(uri.getScheme()) || loopback) || uri.getHost() == null) {
            throw new Env.ConfigException(SLACK_API_URL + " must be an https URL (http only on the loopback), got '" + api + "'");
        }
        return new SlackTarget.WebApi(token.get(), channel.get(), uri);
    }
}
