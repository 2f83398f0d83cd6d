package dev.shipgate.notifier.aws;

import dev.shipgate.shared.config.Env;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.regex.Pattern;

/**
 * Reads the GitHub token for commit statuses from Secrets Manager: the token itself or JSON {@code {"token":"…"}}, the
 * convention of the Slack bot token. Any GitHub token format is taken (fine-grained {@code github_pat_…}, classic
 * {@code ghp_…}, an installation token {@code ghs_…}, a GitHub Enterprise Server token): 20 to 1000 visible ASCII
 * characters without spaces, anything else would be sent as a broken {@code Authorization} header. Errors name the
 * secret ARN, never its value.
 */
public final class GitHubTokenSecret {

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{20,1000}");

    private GitHubTokenSecret() {
    }

    public static String read(SecretsManagerClient secrets, String secretArn) {
        return parse(secrets.getSecretValue(r -> r.secretId(secretArn)).secretString(), secretArn);
    }

    static String parse(String value, String secretArn) {
        if (value == null || value.isBlank()) {
            throw new Env.ConfigException("secret " + secretArn + " has no string value; store the GitHub status token in it");
        }
        String token = SlackWebhookSecret.plainOrField(value, "token", secretArn, "{\"token\":\"github_pat_...\"}");
        if (!TOKEN.matcher(token).matches()) {
            throw new Env.ConfigException("secret " + secretArn + " does not hold a GitHub status token (the token itself, or JSON "
                    + "{\"token\":\"...\"}; 20-1000 visible characters, no spaces)");
        }
        return token;
    }
}
