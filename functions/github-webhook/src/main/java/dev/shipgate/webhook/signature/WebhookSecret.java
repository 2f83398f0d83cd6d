package dev.shipgate.webhook.signature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook's HMAC secret(s) as stored in Secrets Manager: either the secret itself as a plain
 * string, or during a rotation {@code {"current":"...","previous":"..."}} (previous optional), in
 * which case either value verifies. Never printed.
 */
public final class WebhookSecret {

    private static final JsonFactory JSON = new JsonFactory();

    private final List<byte[]> keys;

    private WebhookSecret(List<byte[]> keys) {
        this.keys = List.copyOf(keys);
    }

    public static WebhookSecret of(String current) {
        return parse(current);
    }

    /** Parses the stored secret string; a message naming the problem (never the value) when unusable. */
    public static WebhookSecret parse(String stored) {
        if (stored == null || stored.isBlank()) {
            throw new InvalidSecretException("the webhook secret is empty");
        }
        String trimmed = stored.strip();
        if (!trimmed.startsWith("{")) {
            requireNoSurroundingWhitespace(stored, "the webhook secret");
            return new WebhookSecret(List.of(stored.getBytes(StandardCharsets.UTF_8)));
        }
        String current = null;
        String previous = null;
        try (JsonParser parser = JSON.createParser(trimmed)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && "current".equals(field)) {
                    current = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && "previous".equals(field)) {
                    previous = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new InvalidSecretException("the webhook secret starts with '{' but is not one JSON object");
            }
        } catch (IOException e) {
            throw new InvalidSecretException("the webhook secret starts with '{' but is not valid JSON {\"current\":\"...\",\"previous\":\"...\"}");
        }
        if (current == null || current.isBlank()) {
            throw new InvalidSecretException("the webhook secret JSON has no non-blank \"current\" string");
        }
        requireNoSurroundingWhitespace(current, "the webhook secret's \"current\" value");
        List<byte[]> keys = new ArrayList<>();
        keys.add(current.getBytes(StandardCharsets.UTF_8));
        if (previous != null && !previous.isEmpty()) {
            if (previous.isBlank()) {
                throw new InvalidSecretException("the webhook secret's \"previous\" value is only whitespace: remove it or give the old secret");
            }
            requireNoSurroundingWhitespace(previous, "the webhook secret's \"previous\" value");
            keys.add(previous.getBytes(StandardCharsets.UTF_8));
        }
        return new WebhookSecret(keys);
    }

    /**
     * A secret with a trailing newline or padding does not reach GitHub as stored (the stack's
     * RegisterWebhookCommand passes it through the shell's $(...), which drops trailing newlines, and
     * pasted values lose it too), so it would never verify a delivery: refuse it once, here, instead of
     * answering every delivery with a 401.
     */
    private static void requireNoSurroundingWhitespace(String value, String what) {
        if (!value.equals(value.strip())) {
            throw new InvalidSecretException(what + " has leading or trailing whitespace (often a newline left by echo or a copy):"
                    + " store it without, and give GitHub's hook the same value");
        }
    }

    /** Current first, then previous. */
    List<byte[]> keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + keys.size() + " value(s), redacted]";
    }

    /** The stored secret cannot be used; the message never contains the value. */
    public static final class InvalidSecretException extends RuntimeException {
        public InvalidSecretException(String message) {
            super(message);
        }
    }
}
