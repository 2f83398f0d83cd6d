package dev.shipgate.notifier.slack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** One JSON POST to Slack (an incoming webhook or a Web API method) on the JDK's {@link HttpURLConnection}. */
final class SlackHttp {

    static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    private static final int MAX_BODY_BYTES = 16_384;

    /** One answer from Slack. */
    record Answer(int status, String body, String retryAfter) {
    }

    private SlackHttp() {
    }

    /** @param bearerToken the Web API token, sent as {@code Authorization: Bearer}; null for a webhook (its URL is the secret) */
    static Answer post(URL url, byte[] body, String bearerToken, int timeoutMillis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(Math.max(1, Math.min(CONNECT_TIMEOUT_MILLIS, timeoutMillis)));
            connection.setReadTimeout(Math.max(1, timeoutMillis));
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            if (bearerToken != null) {
                connection.setRequestProperty("Authorization", "Bearer " + bearerToken);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            String responseBody;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                responseBody = in == null ? "" : new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            }
            return new Answer(status, responseBody, connection.getHeaderField("Retry-After"));
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }
}
