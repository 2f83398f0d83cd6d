package dev.shipgate.notifier.slack;

import dev.shipgate.notifier.http.JsonPost;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;

/** One JSON POST to Slack (an incoming webhook or a Web API method). */
final class SlackHttp {

    private static final int MAX_BODY_BYTES = 16_384;

    /** One answer from Slack. */
    record Answer(int status, String body, String retryAfter) {
    }

    private SlackHttp() {
    }

    /** @param bearerToken the Web API token, sent as {@code Authorization: Bearer}; null for a webhook (its URL is the secret) */
    static Answer post(URL url, byte[] body, String bearerToken, int timeoutMillis) throws IOException {
        Map<String, String> headers = bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken);
        JsonPost.Answer answer = JsonPost.post(url, body, headers, List.of("Retry-After"), timeoutMillis, MAX_BODY_BYTES);
        return new Answer(answer.status(), answer.body(), answer.header("Retry-After"));
    }
}
