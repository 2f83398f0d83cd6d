package dev.shipgate.notifier.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.json.JsonTree;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
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
        String token = value.strip();
        if (token.startsWith("{")) {
            try {
                JsonNode node = JsonTree.parse(token).path("token");
                token = node.isTextual() ? node.asText().strip() : "";
            } catch (IOException e) {
                throw new Env.ConfigException("secret " + secretArn + " looks like JSON but does not parse; expected {\"token\":\"xoxb-...\"}");
            }
        }
        if (!BOT_TOKEN.matcher(token).matches()) {
            throw new Env.ConfigException("secret " + secretArn + " must hold a Slack bot token (xoxb-..., or JSON {\"token\":...});"
                    + " user (xoxp-) and app-level (xapp-) tokens are not used");
        }
        return token;
    }
}
