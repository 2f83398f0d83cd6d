package dev.shipgate.notifier.slack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Slack incoming-webhook client on the JDK's {@link HttpURLConnection}, the transport the AWS SDK's
 * url-connection client already loads (the {@code java.net.http} client would add about 100-300 ms
 * of class loading and TLS setup to every cold start). 429 waits as {@code Retry-After} says; 5xx,
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

    private final Supplier<URI> webhookUrl;
    private final Sleeper sleeper;

    /** Waits between attempts (replaced in tests that check the waits). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public WebhookSlackClient(URI webhookUrl) {
        this(webhookUrl, Thread::sleep);
    }

    public WebhookSlackClient(URI webhookUrl, Sleeper sleeper) {
        this(() -> webhookUrl, sleeper);
        url(webhookUrl);
    }

    /** @param webhookUrl asked before every post: the URL is a secret with a maximum cache age */
    public WebhookSlackClient(Supplier<URI> webhookUrl, Sleeper sleeper) {
        this.webhookUrl = webhookUrl;
        this.sleeper = sleeper;
    }

    private static URL url(URI webhookUrl) {
        try {
            return webhookUrl.toURL();
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the Slack webhook URL is not a valid URL");
        }
    }

    @Override
    public void send(String payloadJson, LongSupplier remainingMillis) {
        URL url = url(webhookUrl.get());
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
                SlackHttp.Answer answer = SlackHttp.post(url, body, null, (int) Math.min(MAX_REQUEST_MILLIS, remaining - 500));
                int status = answer.status();
                if (status >= 200 && status < 300) {
                    return;
                }
                lastStatus = status;
                String error = slackError(answer.body());
                if (status == 429) {
                    wait = retryAfterMillis(answer.retryAfter());
                    lastProblem = "HTTP 429 rate limited, Retry-After " + wait + " ms";
                } else if (status >= 500) {
                    wait = backoff(attempt);
                    lastProblem = "HTTP " + status + " " + error;
                } else {
                    throw new SlackDeliveryException("Slack refused the message: HTTP " + status + " " + error, status, error, true);
                }
            } catch (SocketTimeoutException e) {
                lastProblem = "timed out";
                wait = backoff(attempt);
            } catch (IOException e) {
                // The exception text may carry the host; only its type is reported.
                lastProblem = "I/O error " + e.getClass().getSimpleName();
                wait = backoff(attempt);
            }
            waitToRetry(sleeper, wait, remainingMillis, "Slack did not take the message", attempt, lastProblem, lastStatus, null);
        }
    }

    /** Waits {@code wait} ms before the next attempt, or fails (not permanently) when no attempt would fit after it. */
    static void waitToRetry(Sleeper sleeper, long wait, LongSupplier remainingMillis, String what, int attempt, String lastProblem,
                            int lastStatus, String lastError) {
        if (remainingMillis.getAsLong() - wait < MIN_ATTEMPT_MILLIS) {
            throw new SlackDeliveryException(what + " and no time is left to retry (" + attempt + " attempts; last: "
                    + lastProblem + ")", lastStatus, lastError, false);
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackDeliveryException("interrupted while waiting to retry Slack", lastStatus, lastError, false);
        }
    }

    static long backoff(int attempt) {
        long wait = FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10);
        return Math.min(wait, MAX_BACKOFF_MILLIS);
    }

    static long retryAfterMillis(String value) {
        if (value == null) {
            return DEFAULT_RETRY_AFTER_MILLIS;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim())) * 1000;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER_MILLIS;
        }
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
