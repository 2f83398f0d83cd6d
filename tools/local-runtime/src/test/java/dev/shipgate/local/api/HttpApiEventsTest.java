package dev.shipgate.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiEventsTest {

    @Test
    void request_jsonBody_keptVerbatimWithLowerCaseHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-GitHub-Event", List.of("push"));
        headers.put("Accept", List.of("a", "b"));
        String body = "{\"ref\":\"refs/heads/main\",  \"x\": \"é\"}";

        JsonNode event = HttpApiEvents.request("POST", "/webhook", "", headers, body.getBytes(StandardCharsets.UTF_8), "10.0.0.1");

        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("POST /webhook");
        assertThat(event.path("body").asText()).isEqualTo(body);
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.at("/headers/x-github-event").asText()).isEqualTo("push");
        assertThat(event.at("/headers/accept").asText()).isEqualTo("a,b");
        assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("POST");
        assertThat(event.at("/requestContext/http/sourceIp").asText()).isEqualTo("10.0.0.1");
    }

    @Test
    void request_binaryBody_isBase64Encoded() {
        byte[] body = {(byte) 0x1f, (byte) 0x8b, 0, (byte) 0xff};

        JsonNode event = HttpApiEvents.request("POST", "/webhook", "", Map.of("Content-Type", List.of("application/octet-stream")),
                body, "10.0.0.1");

        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(body);
    }

    @Test
    void answer_statusCodeObject_mapsToHttpAnswer_andFunctionErrorTo500() {
        HttpApiEvents.Answer answer = HttpApiEvents.answer(
                "{\"statusCode\":401,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"error\\\":\\\"bad\\\"}\"}", false);
        HttpApiEvents.Answer failure = HttpApiEvents.answer("{\"errorMessage\":\"boom\"}", true);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.bodyText()).isEqualTo("{\"error\":\"bad\"}");
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }
}
