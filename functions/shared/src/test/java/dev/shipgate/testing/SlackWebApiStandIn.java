package dev.shipgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * STAND-IN, NOT SLACK: a local Slack Web API for {@code chat.postMessage} and {@code chat.update} under
 * {@code /api/}. It answers as Slack does, HTTP 200 with {@code {"ok":true,…}} or {@code {"ok":false,"error":…}},
 * and refuses what Slack refuses: no {@code Authorization: Bearer} ({@code not_authed}), another token
 * ({@code invalid_auth}), a body that is not JSON ({@code invalid_json}), an unknown or missing channel
 * ({@code channel_not_found}), neither {@code text} nor {@code blocks} ({@code no_text}), top-level text over
 * 40,000 characters ({@code msg_too_long}), blocks over Block Kit's limits ({@code invalid_blocks}), and for
 * {@code chat.update} a {@code ts} it did not post or that was deleted ({@code message_not_found}), and a reply whose
 * {@code thread_ts} names no message in the channel ({@code thread_not_found}). Tests can delete a message (as a
 * person in the channel can) and make the next calls answer {@code ratelimited} (HTTP 429 with {@code Retry-After})
 * or any other error. It records every call.
 */
public final class SlackWebApiStandIn extends LocalHttpServer {

    /** The bot token the stand-in accepts (seed it into the token secret). */
    public static final String BOT_TOKEN = "xoxb-000000000-shipgate-local-stand-in-token";
    /** The channel the bot is a member of. */
    public static final String CHANNEL = "C0SHIPGATE1";
    private static final int TEXT_MAX = 40_000;
    private static final Set<String> METHODS = Set.of("chat.postMessage", "chat.update");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> messages = new LinkedHashMap<>();
    private final Deque<Reply> scripted = new ArrayDeque<>();
    private long nextTs = 1_764_700_000_000_100L;

    /**
     * One call: the method, the JSON body, Slack's error ({@code null} when ok) and the message's ts (the new one for
     * chat.postMessage, the updated one for chat.update).
     */
    public record Call(String method, JsonNode body, String error, String ts) {
        public boolean ok() {
            return error == null;
        }

        public String threadTs() {
            return body == null ? null : body.path("thread_ts").asText(null);
        }

        public boolean broadcast() {
            return body != null && body.path("reply_broadcast").asBoolean(false);
        }
    }

    /** {@code https://slack.com/api} of this stand-in: what {@code SLACK_API_URL} names. */
    public URI apiUrl() {
        return endpoint().resolve("/api");
    }

    /** The next {@code count} calls answer HTTP 429 {@code ratelimited} with {@code Retry-After: seconds}. */
    public synchronized SlackWebApiStandIn rateLimitNext(int count, int retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            scripted.add(new Reply(429, "application/json", "{\"ok\":false,\"error\":\"ratelimited\"}",
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds))));
        }
        return this;
    }

    /** The next call answers HTTP 200 {@code {"ok":false,"error":error}}. */
    public synchronized SlackWebApiStandIn failNext(String error) {
        scripted.add(new Reply(200, "application/json", "{\"ok\":false,\"error\":\"" + error + "\"}", Map.of()));
        return this;
    }

    /** A person deleted the message {@code ts}: it can no longer be updated nor replied to. */
    public synchronized void delete(String ts) {
        messages.remove(ts);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> accepted(String method) {
        return calls.stream().filter(c -> c.ok() && c.method().equals(method)).toList();
    }

    /** A message as it reads now (after its updates), or null. */
    public synchronized JsonNode message(String ts) {
        return messages.get(ts);
    }

    @Override
    protected synchronized Reply handle(HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        String method = path.startsWith("/api/") ? path.substring(5) : path;
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (!scripted.isEmpty()) {
            Reply reply = scripted.poll();
            calls.add(new Call(method, json, errorOf(reply), null));
            return reply;
        }
        String error = check(exchange, method, json);
        if (error != null) {
            calls.add(new Call(method, json, error, null));
            return answer(MAPPER.createObjectNode().put("ok", false).put("error", error));
        }
        ObjectNode answer = MAPPER.createObjectNode().put("ok", true).put("channel", CHANNEL);
        String ts;
        if (method.equals("chat.postMessage")) {
            ts = (nextTs / 1_000_000) + "." + String.format("%06d", nextTs % 1_000_000);
            nextTs += 100;
            messages.put(ts, json);
            answer.put("ts", ts).set("message", json);
        } else {
            ts = json.path("ts").asText();
            messages.put(ts, json);
            answer.put("ts", ts).put("text", json.path("text").asText(""));
        }
        calls.add(new Call(method, json, null, ts));
        return answer(answer);
    }

    private String check(HttpExchange exchange, String method, JsonNode json) {
        if (!METHODS.contains(method)) {
            return "unknown_method";
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "not_authed";
        }
        if (!authorization.equals("Bearer " + BOT_TOKEN)) {
            return "invalid_auth";
        }
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (json == null || !json.isObject() || !contentType.startsWith("application/json")) {
            return "invalid_json";
        }
        if (!CHANNEL.equals(json.path("channel").asText())) {
            return "channel_not_found";
        }
        boolean hasText = json.path("text").isTextual() && !json.path("text").asText().isBlank();
        if (!hasText && !json.path("blocks").isArray()) {
            return "no_text";
        }
        if (json.path("text").asText("").length() > TEXT_MAX) {
            return "msg_too_long";
        }
        if (BlockKitLimits.check(json) != null) {
            return "invalid_blocks";
        }
        if (method.equals("chat.update") && !messages.containsKey(json.path("ts").asText(""))) {
            return "message_not_found";
        }
        if (method.equals("chat.postMessage") && json.has("thread_ts") && !messages.containsKey(json.path("thread_ts").asText(""))) {
            return "thread_not_found";
        }
        return null;
    }

    private static String errorOf(Reply reply) {
        try {
            JsonNode json = MAPPER.readTree(reply.body());
            return json.path("ok").asBoolean(false) ? null : json.path("error").asText("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Reply answer(JsonNode json) {
        return new Reply(200, "application/json; charset=utf-8", json.toString(), Map.of());
    }
}
