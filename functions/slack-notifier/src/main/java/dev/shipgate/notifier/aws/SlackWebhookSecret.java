package dev.shipgate.notifier.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.json.JsonTree;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.URI;

/**
 * Reads the Slack webhook URL from Secrets Manager. The secret string is either the URL itself
 * ({@code https://hooks.slack.com/services/T…/B…/…}) or JSON {@code {"url":"https://hooks.slack.com/…"}}.
 * Errors name the secret ARN, never its value.
 */
public final class SlackWebhookSecret {

    private SlackWebhookSecret() {
    }

    /** The secret string itself, or when it is a JSON object the text of its {@code field} ("" when absent). */
    static String plainOrField(String value, String field, String secretArn, String expectedJson) {
        String plain = value.strip();
        if (!plain.startsWith("{")) {
            return plain;
        }
        try {
            JsonNode node = JsonTree.parse(plain).path(field);
            return node.isTextual() ? node.asText().strip() : "";
        } catch (IOException e) {
            throw new Env.ConfigException("secret " + secretArn + " looks like JSON but does not parse; expected " + expectedJson);
        }
    }

    public static URI read(SecretsManagerClient secrets, String secretArn) {
        String value = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
        return parse(value, secretArn);
    }

    static URI parse(String value, String secretArn) {
        if (value == null || value.isBlank()) {
            throw new Env.ConfigException("secret " + secretArn + " has no string value; store the Slack webhook URL in it");
        }
        String url = plainOrField(value, "url", secretArn, "{\"url\":\"https://hooks.slack.com/...\"}");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("secret " + secretArn + " does not hold a valid URL");
        }
        boolean local = "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (!("https".equals(uri.getScheme()) || local) || uri.getHost() == null) {
            throw new Env.ConfigException("secret " + secretArn + " must hold an https Slack webhook URL (or JSON {\"url\":...})");
        }
        return uri;
    }
}
