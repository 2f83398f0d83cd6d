package dev.shipgate.notifier.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Slack incoming-webhook client on the JDK HTTP client. 429 waits as {@code Retry-After} says; 5xx,
 * I/O errors and timeouts are retried with exponential backoff; both only while the invocation has
 * time left. Any other status is Slack refusing the message (400 {@code invalid_payload}, 403
 * {@code action_prohibited}, 404 {@code channel_not_found}/{@code no_team}, 410
 * {@code channel_is_archived}, …): no retry, a {@link SlackDeliveryException} with Slack's error.
 * The URL is a secret: it never appears in an exception or a log line.
 */
public final class WebhookSlackClient implements SlackClient {

    /** An attempt is only started with at least this much time left, so a slow Slack cannot outlive the invocation. */
    static final long MIN_ATTEMPT_MILLIS = 1_500;
    static final long MAX_REQUEST_MILLIS = 10_000;
    static final long FIRST_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 4_000;
    static final long DEFAULT_RETRY_AFTER_MILLIS = 1_000;

    private final HttpClient http;
    private final URI webhookUrl;
    private final Sleeper sleeper;

    /** Waits between attempts (replaced in tests that check the waits). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public WebhookSlackClient(HttpClient http, URI webhookUrl) {
        this(http, webhookUrl, Thread::sleep);
    }

    public WebhookSlackClient(HttpClient http, URI webhookUrl, Sleeper sleeper) {
        this.http = http;
        this.webhookUrl = webhookUrl;
        this.sleeper = sleeper;
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void send(String payloadJson, LongSupplier remainingMillis) {
        byte[] body = payloadJson.getBytes(StandardCharsets.UTF_8);
        String lastProblem = "no attempt made";
        int lastStatus = 0;
        for (int attempt = 1; ; attempt++) {
            long remaining = remainingMillis.getAsLong();
            if (remaining < MIN_ATTEMPT_MILLIS) {
                throw new SlackDeliveryException("Slack did not take the message before the invocation ran out of time ("
                        + (attempt - 1) + " attempts; last: " + lastProblem + ")", lastStatus, null, false);
            }
            long wait;
            try {
                HttpResponse<String> response = http.send(request(body, Math.min(MAX_REQUEST_MILLIS, remaining - 500)),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                lastStatus = status;
                String error = slackError(response.body());
                if (status == 429) {
                    wait = retryAfterMillis(response);
                    lastProblem = "HTTP 429 rate limited, Retry-After " + wait + " ms";
                } else if (status >= 500) {
                    wait = backoff(attempt);
                    lastProblem = "HTTP " + status + " " + error;
                } else {
                    throw new SlackDeliveryException("Slack refused the message: HTTP " + status + " " + error, status, error, true);
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out";
                wait = backoff(attempt);
            } catch (IOException e) {
                // The exception text may carry the host; only its type is reported.
                lastProblem = "I/O error " + e.getClass().getSimpleName();
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackDeliveryException("interrupted while sending to Slack", lastStatus, null, false);
            }
            if (remainingMillis.getAsLong() - wait < MIN_ATTEMPT_MILLIS) {
                throw new SlackDeliveryException("Slack did not take the message and no time is left to retry (" + attempt
                        + " attempts; last: " + lastProblem + ")", lastStatus, null, false);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackDeliveryException("interrupted while waiting to retry Slack", lastStatus, null, false);
            }
        }
    }

    /** Builds the request once per attempt; also used at init to load the HTTP classes without sending. */
    public HttpRequest request(byte[] body, long timeoutMillis) {
        return HttpRequest.newBuilder(webhookUrl)
                .timeout(Duration.ofMillis(Math.max(1, timeoutMillis)))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    static long backoff(int attempt) {
        long wait = FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10);
        return Math.min(wait, MAX_BACKOFF_MILLIS);
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Math.max(0, Long.parseLong(value.trim())) * 1000;
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY_AFTER_MILLIS;
            }
        }).orElse(DEFAULT_RETRY_AFTER_MILLIS);
    }

    /** Slack's error code from a response body, made safe to log (printable, short). */
    static String slackError(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String safe = body.strip().replaceAll("[^\\x20-\\x7E]", "?");
        return safe.length() <= 200 ? safe : safe.substring(0, 200) + "...";
    }
}
