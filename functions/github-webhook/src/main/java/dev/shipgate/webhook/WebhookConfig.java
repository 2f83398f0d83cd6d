package dev.shipgate.webhook;

import dev.shipgate.shared.config.Env;
import dev.shipgate.webhook.github.RefPatterns;

import java.util.regex.Pattern;

/**
 * The github-webhook function's configuration. Every environment variable it reads is named here,
 * once; template.yaml and the template checks use the same names.
 */
public record WebhookConfig(
        String pipelineName,
        String sourceActionName,
        String repository,
        RefPatterns branches,
        RefPatterns tags,
        String secretArn,
        String deliveriesTable) {

    public static final String PIPELINE_NAME = "PIPELINE_NAME";
    public static final String SOURCE_ACTION_NAME = "SOURCE_ACTION_NAME";
    public static final String GITHUB_REPOSITORY = "GITHUB_REPOSITORY";
    public static final String GITHUB_BRANCH = "GITHUB_BRANCH";
    public static final String GITHUB_TAG_PATTERN = "GITHUB_TAG_PATTERN";
    public static final String WEBHOOK_SECRET_ARN = "WEBHOOK_SECRET_ARN";
    public static final String DELIVERIES_TABLE_NAME = "DELIVERIES_TABLE_NAME";

    static final String DEFAULT_SOURCE_ACTION = "Source";

    private static final Pattern PIPELINE = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
    private static final Pattern ACTION = PIPELINE;
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    public static WebhookConfig from(Env env) {
        String pipeline = env.require(PIPELINE_NAME);
        if (!PIPELINE.matcher(pipeline).matches()) {
            throw new Env.ConfigException(PIPELINE_NAME + " must match [A-Za-z0-9.@-_]{1,100}, got '" + pipeline + "'");
        }
        String sourceAction = env.optional(SOURCE_ACTION_NAME, DEFAULT_SOURCE_ACTION);
        if (!ACTION.matcher(sourceAction).matches()) {
            throw new Env.ConfigException(SOURCE_ACTION_NAME + " must match [A-Za-z0-9.@-_]{1,100} (CodePipeline's action names), got '" + sourceAction + "'");
        }
        String repository = env.require(GITHUB_REPOSITORY);
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new Env.ConfigException(GITHUB_REPOSITORY + " must look like owner/repo, got '" + repository + "'");
        }
        RefPatterns branches = RefPatterns.parse(env.require(GITHUB_BRANCH));
        if (branches.isEmpty()) {
            throw new Env.ConfigException(GITHUB_BRANCH + " holds no branch pattern");
        }
        RefPatterns tags = RefPatterns.parse(env.optional(GITHUB_TAG_PATTERN, ""));
        return new WebhookConfig(pipeline, sourceAction, repository, branches, tags,
                env.require(WEBHOOK_SECRET_ARN), env.require(DELIVERIES_TABLE_NAME));
    }
}
