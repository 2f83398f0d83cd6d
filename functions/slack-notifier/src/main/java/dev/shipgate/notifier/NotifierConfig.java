package dev.shipgate.notifier;

import dev.shipgate.notifier.policy.Mentions;
import dev.shipgate.notifier.policy.NotifyPolicy;
import dev.shipgate.shared.config.Env;

import java.util.regex.Pattern;

/**
 * The slack-notifier's configuration, read once at init. Every environment variable name the
 * function reads is a constant here (the template checks compare them with template.yaml).
 */
public record NotifierConfig(
        String slackWebhookSecretArn,
        NotifyPolicy notifyOn,
        Mentions mentionOnFailure,
        String githubRepository,
        String projectName,
        String stateTableName,
        String region) {

    public static final String SLACK_WEBHOOK_SECRET_ARN = "SLACK_WEBHOOK_SECRET_ARN";
    public static final String NOTIFY_ON = "NOTIFY_ON";
    public static final String SLACK_MENTION_ON_FAILURE = "SLACK_MENTION_ON_FAILURE";
    public static final String GITHUB_REPOSITORY = "GITHUB_REPOSITORY";
    public static final String PROJECT_NAME = "PROJECT_NAME";
    public static final String STATE_TABLE_NAME = "STATE_TABLE_NAME";
    public static final String AWS_REGION = "AWS_REGION";

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    public static NotifierConfig from(Env env) {
        String repository = env.require(GITHUB_REPOSITORY);
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new Env.ConfigException(GITHUB_REPOSITORY + " must look like owner/name, got '" + repository + "'");
        }
        return new NotifierConfig(
                env.require(SLACK_WEBHOOK_SECRET_ARN),
                NotifyPolicy.parse(NOTIFY_ON, env.optional(NOTIFY_ON).orElse(null)),
                Mentions.parse(SLACK_MENTION_ON_FAILURE, env.optional(SLACK_MENTION_ON_FAILURE).orElse(null)),
                repository,
                env.require(PROJECT_NAME),
                env.require(STATE_TABLE_NAME),
                env.require(AWS_REGION));
    }
}
