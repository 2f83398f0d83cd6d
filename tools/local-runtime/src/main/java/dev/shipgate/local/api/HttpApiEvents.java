package dev.shipgate.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway HTTP API payload format 2.0, as the webhook function receives it: header names lower
 * case (repeated headers joined with commas), the raw body kept byte for byte (text as is, anything
 * else base64 with {@code isBase64Encoded}), so a signature computed over the body still verifies.
 */
public final class HttpApiEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private HttpApiEvents() {
    }

    public static ObjectNode request(String method, String path, String rawQuery, Map<String, List<String>> headers,
                                     byte[] body, String sourceIp) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (a, b) -> a + "," + b));
        long now = System.currentTimeMillis();
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headerNode = event.putObject("headers");
        lower.forEach(headerNode::put);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp);
        http.put("userAgent", lower.getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", method + " " + path);
        context.put("stage", "$default");
        context.put("time", ZonedDateTime.now(ZoneOffset.UTC).format(TIME));
        context.put("timeEpoch", now);
        if (body != null && body.length > 0) {
            String text = textOrNull(lower.getOrDefault("content-type", ""), body);
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** The HTTP answer for a function result: a {@code statusCode} object, or any other JSON as a 200 body. */
    public static Answer answer(String functionPayload, boolean functionError) {
        if (functionError) {
            return new Answer(500, Map.of("content-type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
        try {
            JsonNode result = MAPPER.readTree(functionPayload);
            if (result != null && result.isObject() && result.has("statusCode")) {
                Map<String, String> headers = new LinkedHashMap<>();
                result.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                String body = result.path("body").asText("");
                byte[] bytes = result.path("isBase64Encoded").asBoolean(false)
                        ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
                return new Answer(result.path("statusCode").asInt(), headers, bytes);
            }
        } catch (java.io.IOException notJson) {
            // a plain string answer is returned as the body, as API Gateway does
        }
        return new Answer(200, Map.of("content-type", "application/json"), functionPayload.getBytes(StandardCharsets.UTF_8));
    }

    /** What goes back to the HTTP client. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String textOrNull(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
