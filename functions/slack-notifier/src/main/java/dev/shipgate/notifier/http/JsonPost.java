package dev.shipgate.notifier.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One JSON POST on the JDK's {@link HttpURLConnection}, as Slack and GitHub are called: no redirects, no caches, a
 * connect timeout of at most 3 s, a read timeout of what the caller has left, and only the start of the answer read.
 */
public final class JsonPost {

    public static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    /** One answer: the status, the start of the body, and the response headers asked for (keys in lower case). */
    public record Answer(int status, String body, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private JsonPost() {
    }

    public static Answer post(URL url, byte[] body, Map<String, String> requestHeaders, List<String> answerHeaders,
                              int timeoutMillis, int maxBodyBytes) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(Math.max(1, Math.min(CONNECT_TIMEOUT_MILLIS, timeoutMillis)));
            connection.setReadTimeout(Math.max(1, timeoutMillis));
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            requestHeaders.forEach(connection::setRequestProperty);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            String responseBody;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                responseBody = in == null ? "" : new String(in.readNBytes(maxBodyBytes), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new HashMap<>();
            for (String name : answerHeaders) {
                String value = connection.getHeaderField(name);
                if (value != null) {
                    headers.put(name.toLowerCase(Locale.ROOT), value);
                }
            }
            return new Answer(status, responseBody, Map.copyOf(headers));
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }
}
