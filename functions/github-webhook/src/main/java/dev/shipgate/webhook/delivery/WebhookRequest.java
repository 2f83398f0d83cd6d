package dev.shipgate.webhook.delivery;

import java.util.Locale;
import java.util.Map;

/**
 * One HTTP delivery as received: headers (names lower-cased, as API Gateway payload 2.0 gives them)
 * and the exact body bytes, already base64-decoded when the gateway encoded them.
 */
public record WebhookRequest(Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        return value == null || value.isBlank() ? null : value.strip();
    }
}
