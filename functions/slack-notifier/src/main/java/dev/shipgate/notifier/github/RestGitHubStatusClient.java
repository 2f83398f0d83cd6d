package dev.shipgate.notifier.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.http.JsonPost;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * GitHub's REST API {@code POST /repos/{owner}/{repo}/statuses/{sha}} through {@link JsonPost} (the JDK's
 * HttpURLConnection, the transport the notifier already loads). Rate limits wait as GitHub asks: {@code retry-after} seconds, else until
 * {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0, else (a secondary limit without either header)
 * a minute; 5xx, I/O errors and timeouts back off exponentially; all only while the invocation has time for the wait
 * and one more attempt. 401, 404, 422 and a 403 that is not a rate limit are GitHub refusing the status: no retry.
 * The token is a secret: it never appears in an exception or a log line.
 */
public final class RestGitHubStatusClient implements GitHubStatusClient {

    public static final String API_VERSION = "2022-11-28";
    static final String USER_AGENT = "shipgate-slack-notifier";
    static final long MIN_ATTEMPT_MILLIS = 1_500;
    static final long MAX_REQUEST_MILLIS = 10_000;
    static final long FIRST_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 4_000;
    static final long SECONDARY_LIMIT_WAIT_MILLIS = 60_000;
    private static final int MAX_BODY_BYTES = 4_096;
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    /** Waits between attempts (replaced in tests that check the waits). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** One answer from GitHub, with the headers that decide a retry. */
    record Answer(int status, String body, String retryAfter, String rateLimitRemaining, String rateLimitReset) {
    }

    private final URI apiUrl;
    private final Supplier<String> token;
    private final Sleeper sleeper;
    private final LongSupplier epochMillis;

    /**
     * @param token       asked before every status: the token is a secret with a maximum cache age
     * @param epochMillis the wall clock, for {@code x-ratelimit-reset}
     */
    public RestGitHubStatusClient(URI apiUrl, Supplier<String> token, Sleeper sleeper, LongSupplier epochMillis) {
        this.apiUrl = apiUrl;
        this.token = token;
        this.sleeper = sleeper;
        this.epochMillis = epochMillis;
    }

    @Override
    public void create(String repository, String sha, CommitStatus status, LongSupplier remainingMillis) {
        URL url = url(repository, sha);
        byte[] body = JsonTree.write(body(status)).getBytes(StandardCharsets.UTF_8);
        String bearer = token.get();
        String lastProblem = "no attempt made";
        int lastStatus = 0;
        for (int attempt = 1; ; attempt++) {
            long remaining = remainingMillis.getAsLong();
            if (remaining < MIN_ATTEMPT_MILLIS) {
                throw new GitHubStatusException("GitHub did not take the status before the invocation ran out of time ("
                        + (attempt - 1) + " attempts; last: " + lastProblem + ")", lastStatus, false);
            }
            long wait;
            try {
                Answer answer = post(url, bearer, body, (int) Math.min(MAX_REQUEST_MILLIS, remaining - 500));
                int code = answer.status();
                if (code >= 200 && code < 300) {
                    return;
                }
                lastStatus = code;
                String message = redact(githubMessage(answer.body()), bearer);
                Long rateLimitWait = rateLimitWait(answer);
                if (rateLimitWait != null) {
                    wait = rateLimitWait;
                    lastProblem = "HTTP " + code + " rate limited (" + message + "), wait " + wait + " ms";
                } else if (code >= 500) {
                    wait = backoff(attempt);
                    lastProblem = "HTTP " + code + " " + message;
                } else {
                    throw new GitHubStatusException("GitHub refused the status: HTTP " + code + " " + message
                            + hint(code), code, true);
                }
            } catch (SocketTimeoutException e) {
                lastProblem = "timed out";
                wait = backoff(attempt);
            } catch (IOException e) {
                // The exception text may carry the host; only its type is reported.
                lastProblem = "I/O error " + e.getClass().getSimpleName();
                wait = backoff(attempt);
            }
            if (remainingMillis.getAsLong() - wait < MIN_ATTEMPT_MILLIS) {
                throw new GitHubStatusException("GitHub did not take the status and no time is left to retry (" + attempt
                        + " attempts; last: " + lastProblem + ")", lastStatus, false);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitHubStatusException("interrupted while waiting to retry GitHub", lastStatus, false);
            }
        }
    }

    URL url(String repository, String sha) {
        String[] parts = repository.split("/", -1);
        if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()
                || parts[0].matches("\\.+") || parts[1].matches("\\.+")) {
            throw new IllegalArgumentException("repository must be owner/name, got '" + repository + "'");
        }
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("a commit status needs a 40-hex commit sha");
        }
        try {
            return URI.create(apiUrl + "/repos/" + parts[0] + "/" + parts[1] + "/statuses/" + sha).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("GITHUB_API_URL does not make a valid URL", e);
        }
    }

    static ObjectNode body(CommitStatus status) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("state", status.state());
        if (status.targetUrl() != null) {
            json.put("target_url", status.targetUrl());
        }
        if (status.description() != null) {
            json.put("description", status.description());
        }
        json.put("context", status.context());
        return json;
    }

    private Answer post(URL url, String bearer, byte[] body, int timeoutMillis) throws IOException {
        JsonPost.Answer answer = JsonPost.post(url, body, Map.of("Authorization", "Bearer " + bearer,
                        "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", API_VERSION, "User-Agent", USER_AGENT),
                List.of("retry-after", "x-ratelimit-remaining", "x-ratelimit-reset"), timeoutMillis, MAX_BODY_BYTES);
        return new Answer(answer.status(), answer.body(), answer.header("retry-after"),
                answer.header("x-ratelimit-remaining"), answer.header("x-ratelimit-reset"));
    }

    /**
     * How long GitHub asks to wait, or null when the answer is no rate limit. A 429 always is one; a 403 is one when it
     * carries {@code retry-after} or {@code x-ratelimit-remaining: 0}, or says so in its message (a secondary limit
     * GitHub sent without headers: wait at least a minute, as GitHub's documentation says).
     */
    Long rateLimitWait(Answer answer) {
        if (answer.status() != 429 && answer.status() != 403) {
            return null;
        }
        Long retryAfter = seconds(answer.retryAfter());
        if (retryAfter != null) {
            return retryAfter * 1000;
        }
        if ("0".equals(trim(answer.rateLimitRemaining()))) {
            Long reset = seconds(answer.rateLimitReset());
            return reset == null ? SECONDARY_LIMIT_WAIT_MILLIS : Math.max(0, reset * 1000 - epochMillis.getAsLong()) + 1000;
        }
        boolean saysRateLimit = githubMessage(answer.body()).toLowerCase(Locale.ROOT).contains("rate limit");
        return answer.status() == 429 || saysRateLimit ? SECONDARY_LIMIT_WAIT_MILLIS : null;
    }

    static long backoff(int attempt) {
        long wait = FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10);
        return Math.min(wait, MAX_BACKOFF_MILLIS);
    }

    private static Long seconds(String value) {
        try {
            return value == null ? null : Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    /** What an operator does about a refusal. */
    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (the token in GITHUB_STATUS_TOKEN_SECRET_ARN is wrong, expired or revoked)";
            case 403, 404 -> " (the token cannot write commit statuses on this repository: it needs 'Commit statuses: "
                    + "Read and write' on it, and the repository must be GITHUB_REPOSITORY)";
            case 422 -> " (GitHub does not know the commit, or the status is invalid; 1000 statuses per commit and context at most)";
            default -> "";
        };
    }

    /** GitHub's {@code message} from an error body, made safe to log (printable, short). */
    static String githubMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = body.strip();
        try {
            JsonNode json = JsonTree.parse(text);
            if (json.path("message").isTextual()) {
                text = json.path("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        String safe = text.replaceAll("[^\\x20-\\x7E]", "?");
        return safe.length() <= 200 ? safe : safe.substring(0, 200) + "...";
    }

    private static String redact(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }
}
