package dev.shipgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * STAND-IN, NOT SLACK: a local receiver for Slack incoming webhooks. It speaks the real protocol
 * (JSON POST to {@code /services/T…/B…/…}, {@code 200 ok} as text) and rejects what Slack rejects:
 * a body that is not JSON ({@code 400 invalid_payload}), no {@code text} and no {@code blocks}
 * ({@code 400 no_text}), blocks over Block Kit's limits ({@code 400 invalid_blocks}). Tests can
 * script the next answers (429 with {@code Retry-After}, 5xx, each 4xx error code).
 */
public final class SlackReceiver extends LocalHttpServer {

    public static final String WEBHOOK_PATH = "/services/T0000SHIP/B0000GATE/localtestwebhooktoken00";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Deque<Reply> scripted = new ArrayDeque<>();

    /** A message Slack would have posted (accepted) or refused, in the order received. */
    public record Delivery(JsonNode message, int status, String answer) {
        public boolean accepted() {
            return status == 200;
        }
    }

    public URI webhookUrl() {
        return endpoint().resolve(WEBHOOK_PATH);
    }

    /** The next request gets this answer instead of being checked and accepted. */
    public synchronized SlackReceiver answerNext(int status, String body, Map<String, String> headers) {
        scripted.add(new Reply(status, "text/plain", body, headers));
        return this;
    }

    public SlackReceiver answerNext(int status, String body) {
        return answerNext(status, body, Map.of());
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<JsonNode> accepted() {
        return deliveries.stream().filter(Delivery::accepted).map(Delivery::message).toList();
    }

    @Override
    protected synchronized Reply handle(HttpExchange exchange, byte[] body) {
        JsonNode message;
        try {
            message = MAPPER.readTree(body);
        } catch (IOException e) {
            message = null;
        }
        Reply reply = scripted.isEmpty() ? check(exchange, message) : scripted.poll();
        deliveries.add(new Delivery(message, reply.status(), reply.text()));
        return reply;
    }

    private static Reply check(HttpExchange exchange, JsonNode message) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return answer(405, "invalid_method");
        }
        if (!exchange.getRequestURI().getPath().equals(WEBHOOK_PATH)) {
            return answer(404, "no_service");
        }
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (message == null || !message.isObject() || !contentType.startsWith("application/json")) {
            return answer(400, "invalid_payload");
        }
        boolean hasText = message.path("text").isTextual() && !message.path("text").asText().isBlank();
        if (!hasText && !message.path("blocks").isArray()) {
            return answer(400, "no_text");
        }
        String blockProblem = BlockKitLimits.check(message);
        return blockProblem == null ? answer(200, "ok") : answer(400, "invalid_blocks");
    }

    private static Reply answer(int status, String body) {
        return new Reply(status, "text/html", body, Map.of());
    }
}
