package dev.shipgate.notifier.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link SlackChat} over Slack's Web API ({@code POST <api>/chat.postMessage}, {@code chat.update}) with a bot
 * token as {@code Authorization: Bearer}. Slack answers HTTP 200 with {@code {"ok":false,"error":…}} for most
 * refusals: {@code ratelimited} (also HTTP 429 with {@code Retry-After}) waits as told, Slack's own transient
 * errors, 5xx, I/O errors and timeouts are retried with backoff, all only while the invocation has time left;
 * every other error ({@code invalid_auth}, {@code not_in_channel}, {@code channel_not_found}, {@code msg_too_long},
 * {@code invalid_blocks}, …) is Slack refusing the call: no retry, a permanent {@link SlackDeliveryException}
 * carrying Slack's error code. The token is a secret: it never appears in an exception or a log line.
 */
public final class WebApiSlackChat implements SlackChat {

    /** Slack's answers that say "try again", per its Web API error lists. */
    static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

    /** The error code of a call that sent nothing because the bot token could not be read. */
    public static final String TOKEN_UNAVAILABLE = "token_unavailable";

    private final URI apiUrl;
    private final String channel;
    private final Supplier<String> token;
    private final WebhookSlackClient.Sleeper sleeper;

    /**
     * @param apiUrl  {@code https://slack.com/api}, or a stand-in's
     * @param token   asked before every call: the token is a secret with a maximum cache age
     */
    public WebApiSlackChat(URI apiUrl, String channel, Supplier<String> token, WebhookSlackClient.Sleeper sleeper) {
        this.apiUrl = apiUrl;
        this.channel = channel;
        this.token = token;
        this.sleeper = sleeper;
    }

    @Override
    public String post(ObjectNode message, String threadTs, boolean broadcast, LongSupplier remainingMillis) {
        ObjectNode body = message.deepCopy();
        body.put("channel", channel);
        if (threadTs != null) {
            body.put("thread_ts", threadTs);
            if (broadcast) {
                body.put("reply_broadcast", true);
            }
        }
        JsonNode answer = call("chat.postMessage", body, remainingMillis);
        String ts = answer.path("ts").asText("");
        if (ts.isEmpty()) {
            throw new SlackDeliveryException("Slack answered chat.postMessage ok without a ts", 200, "no_ts", true);
        }
        return ts;
    }

    @Override
    public void update(String ts, ObjectNode message, LongSupplier remainingMillis) {
        ObjectNode body = message.deepCopy();
        body.put("channel", channel);
        body.put("ts", ts);
        call("chat.update", body, remainingMillis);
    }

    JsonNode call(String method, ObjectNode request, LongSupplier remainingMillis) {
        URL url = url(method);
        String bearer;
        try {
            bearer = token.get();
        } catch (RuntimeException unreadable) {
            // Nothing was sent: the event is retried (the secret's reader says nothing of the token itself).
            throw new SlackDeliveryException("the Slack bot token could not be read (" + unreadable.getClass().getSimpleName()
                    + "); nothing was sent, the event is retried", 0, TOKEN_UNAVAILABLE, false);
        }
        byte[] body = JsonTree.write(request).getBytes(StandardCharsets.UTF_8);
        String lastProblem = "no attempt made";
        int lastStatus = 0;
        String lastError = null;
        for (int attempt = 1; ; attempt++) {
            long remaining = remainingMillis.getAsLong();
            if (remaining < WebhookSlackClient.MIN_ATTEMPT_MILLIS) {
                throw new SlackDeliveryException("Slack " + method + " did not succeed before the invocation ran out of time ("
                        + (attempt - 1) + " attempts; last: " + lastProblem + ")", lastStatus, lastError, false);
            }
            long wait;
            try {
                SlackHttp.Answer answer = SlackHttp.post(url, body, bearer,
                        (int) Math.min(WebhookSlackClient.MAX_REQUEST_MILLIS, remaining - 500));
                lastStatus = answer.status();
                JsonNode json = parse(answer.body());
                String error = json.path("error").asText(null);
                lastError = error;
                if (answer.status() == 200 && json.path("ok").asBoolean(false)) {
                    return json;
                }
                if (answer.status() == 429 || "ratelimited".equals(error)) {
                    wait = WebhookSlackClient.retryAfterMillis(answer.retryAfter());
                    lastProblem = "HTTP " + answer.status() + " ratelimited, Retry-After " + wait + " ms";
                } else if (answer.status() >= 500 || TRANSIENT.contains(error)) {
                    wait = WebhookSlackClient.backoff(attempt);
                    lastProblem = "HTTP " + answer.status() + " " + (error != null ? error : WebhookSlackClient.slackError(answer.body()));
                } else {
                    String code = error != null ? WebhookSlackClient.slackError(error) : "HTTP " + answer.status();
                    throw new SlackDeliveryException("Slack refused " + method + ": " + code, answer.status(), code, true);
                }
            } catch (SocketTimeoutException e) {
                lastProblem = "timed out";
                wait = WebhookSlackClient.backoff(attempt);
            } catch (IOException e) {
                lastProblem = "I/O error " + e.getClass().getSimpleName();
                wait = WebhookSlackClient.backoff(attempt);
            }
            WebhookSlackClient.waitToRetry(sleeper, wait, remainingMillis, "Slack " + method + " did not succeed", attempt,
                    lastProblem, lastStatus, lastError);
        }
    }

    private URL url(String method) {
        String base = apiUrl.toString();
        try {
            return URI.create((base.endsWith("/") ? base : base + "/") + method).toURL();
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("SLACK_API_URL is not a valid URL");
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JsonTree.parse(body);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException notJson) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
