package dev.shipgate.notifier.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.json.JsonTree;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads an API token (a GitHub token, a Slack bot token) from Secrets Manager. The secret string is the token itself
 * or JSON {@code {"token":"…"}}. A token is 20 to 1000 visible ASCII characters without spaces: anything else would
 * be sent as a broken {@code Authorization} header, so it fails here. Errors name the secret ARN, never its value.
 */
public final class TokenSecret {

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{20,1000}");

    private TokenSecret() {
    }

    /** @param what what the token is for, in error messages ("GitHub status token") */
    public static String read(SecretsManagerClient secrets, String secretArn, String what) {
        String value = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
        return parse(value, secretArn, what);
    }

    static String parse(String value, String secretArn, String what) {
        if (value == null || value.isBlank()) {
            throw new Env.ConfigException("secret " + secretArn + " has no string value; store the " + what + " in it");
        }
        String token = value.strip();
        if (token.startsWith("{")) {
            try {
                JsonNode node = JsonTree.parse(token).path("token");
                token = node.isTextual() ? node.asText().strip() : "";
            } catch (IOException e) {
                throw new Env.ConfigException("secret " + secretArn + " looks like JSON but does not parse; expected {\"token\":\"...\"}");
            }
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new Env.ConfigException("secret " + secretArn + " does not hold a " + what
                    + " (the token itself, or JSON {\"token\":\"...\"}; 20-1000 visible characters, no spaces)");
        }
        return token;
    }
}
