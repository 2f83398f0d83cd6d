package dev.shipgate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.testing.TestContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** Invokes the handler the way the Lambda runtime does (bytes in, bytes out) and reads the HTTP API response. */
record Invocation(int status, JsonNode body, JsonNode response, TestContext context) {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static Invocation of(WebhookHandler handler, String eventJson) {
        return of(handler, eventJson, new TestContext());
    }

    static Invocation of(WebhookHandler handler, String eventJson, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
            JsonNode response = MAPPER.readTree(out.toByteArray());
            return new Invocation(response.path("statusCode").asInt(), MAPPER.readTree(response.path("body").asText()), response, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a sample event whose body is changed, signed again with {@code secret}, under another delivery id. */
    static String resigned(String eventJson, String secret, String deliveryId, UnaryOperator<String> change) {
        try {
            ObjectNode event = (ObjectNode) MAPPER.readTree(eventJson);
            String body = event.path("body").asText();
            byte[] original = event.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
            String changed = change.apply(new String(original, StandardCharsets.UTF_8));
            if (changed.equals(new String(original, StandardCharsets.UTF_8))) {
                throw new IllegalArgumentException("the change left the body as it was");
            }
            byte[] bytes = changed.getBytes(StandardCharsets.UTF_8);
            event.put("body", Base64.getEncoder().encodeToString(bytes));
            event.put("isBase64Encoded", true);
            ObjectNode headers = (ObjectNode) event.path("headers");
            headers.put("x-github-delivery", deliveryId);
            headers.put("x-hub-signature-256", dev.shipgate.webhook.signature.SignatureVerifier.sign(secret, bytes));
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a sample event with another delivery id (so tests can deliver "new" events). */
    static String withDelivery(String eventJson, String deliveryId) {
        try {
            ObjectNode event = (ObjectNode) MAPPER.readTree(eventJson);
            ((ObjectNode) event.path("headers")).put("x-github-delivery", deliveryId);
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
