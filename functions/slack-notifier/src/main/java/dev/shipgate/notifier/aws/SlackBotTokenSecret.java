package dev.shipgate.notifier.aws;

import dev.shipgate.shared.config.Env;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.regex.Pattern;

/**
 * Reads the Slack bot token from Secrets Manager: the secret string is the token itself ({@code xoxb-…}) or JSON
 * {@code {"token":"xoxb-…"}}. Errors name the secret ARN, never its value.
 */
public final class SlackBotTokenSecret {

    private static final Pattern BOT_TOKEN = Pattern.compile("xoxb-[A-Za-z0-9-]{10,250}");

    private SlackBotTokenSecret() {
    }

    public static String read(SecretsManagerClient secrets, String secretArn) {
        return parse(secrets.getSecretValue(r -> r.secretId(secretArn)).secretString(), secretArn);
    }

    static String parse(String value, String secretArn) {
        if (value == null || value.isBlank()) {
            throw new Env.ConfigException("secret " + secretArn + " has no string value; store the Slack bot token (xoxb-...) in it");
        }
        String token = SlackWebhookSecret.plainOrField(value, "token", secretArn, "{\"token\":\"xoxb-...\"}");
        if (!BOT_TOKEN.matcher(token).matches()) {
            throw new Env.ConfigException("secret " + secretArn + " must hold a Slack bot token (xoxb-..., or JSON {\"token\":...});"
                    + " user (xoxp-) and app-level (xapp-) tokens are not used");
        }
        return token;
    }
}
