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
