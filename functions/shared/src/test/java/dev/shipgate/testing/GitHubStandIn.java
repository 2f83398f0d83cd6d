package dev.shipgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STAND-IN, NOT GITHUB: a local server for GitHub's REST API {@code POST /repos/{owner}/{repo}/statuses/{sha}}
 * ("Create a commit status"), checking requests as github.com does: a {@code User-Agent} (403 without one),
 * {@code Authorization: Bearer <token>} or {@code token <token>} with the one token it knows (401 "Bad credentials"),
 * a supported {@code X-GitHub-Api-Version} when one is sent (400), the one repository it knows (404 "Not Found"),
 * a 40-hex sha (422 "No commit found for SHA"), a JSON body whose {@code state} is {@code error}, {@code failure},
 * {@code pending} or {@code success}, an http(s) {@code target_url} and a string {@code context} (422 "Validation
 * Failed"). Stricter than GitHub in one point, on purpose: a {@code description} over 140 characters is refused with
 * 422 (GitHub cuts it silently, so a client relying on that would show a cut message). A created status answers 201
 * with the status JSON and a {@code Location}. Tests can script the next answers (401, a 403 secondary rate limit with
 * {@code retry-after}, a 403 primary rate limit, 422, 5xx); every request is recorded.
 */
public final class GitHubStandIn extends LocalHttpServer {

    public static final String API_VERSION = "2022-11-28";
    private static final Pattern PATH = Pattern.compile("/repos/([^/]+)/([^/]+)/statuses/([^/]+)");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Set<String> STATES = Set.of("error", "failure", "pending", "success");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile String token;
    private volatile String repository;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<Reply> scripted = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1_000_000);

    /**
     * One request as received. {@code authorization} is only "Bearer", "token", "other" or "none": the stand-in keeps
     * no credential. {@code status} is the answer given.
     */
    public record Call(String method, String path, String sha, JsonNode body, String authorization, String accept,
                       String apiVersion, String userAgent, int status) {
        public boolean created() {
            return status == 201;
        }

        public String state() {
            return body == null ? null : body.path("state").asText(null);
        }

        public String context() {
            return body == null ? null : body.path("context").asText("default");
        }
    }

    public GitHubStandIn(String token, String repository) {
        this.token = token;
        this.repository = repository;
    }

    public String token() {
        return token;
    }

    /** The one repository ({@code owner/name}) whose commits take statuses. */
    public GitHubStandIn withRepository(String ownerAndName) {
        this.repository = ownerAndName;
        return this;
    }

    /** The token was rotated: from now on only {@code newToken} is accepted. */
    public GitHubStandIn rotateToken(String newToken) {
        this.token = newToken;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The statuses created, in order. */
    public List<Call> created() {
        return calls.stream().filter(Call::created).toList();
    }

    /** The states created on {@code sha} for {@code context}, in order. */
    public List<String> states(String sha, String context) {
        return created().stream().filter(c -> c.sha().equals(sha) && c.context().equals(context)).map(Call::state).toList();
    }

    /** The next request gets this answer instead of being checked and created. */
    public synchronized GitHubStandIn answerNext(int status, String message, Map<String, String> headers) {
        scripted.add(new Reply(status, "application/json; charset=utf-8", error(message).toString(), headers));
        return this;
    }

    /** A secondary rate limit as GitHub sends it: 403, a message saying so, {@code retry-after} seconds. */
    public GitHubStandIn secondaryRateLimitNext(int retryAfterSeconds) {
        return answerNext(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                Map.of("retry-after", Integer.toString(retryAfterSeconds)));
    }

    /** The primary rate limit used up: 403 with {@code x-ratelimit-remaining: 0} and the reset time. */
    public GitHubStandIn primaryRateLimitNext(Instant reset) {
        return answerNext(403, "API rate limit exceeded for user ID 1.", Map.of("x-ratelimit-limit", "5000",
                "x-ratelimit-remaining", "0", "x-ratelimit-used", "5000", "x-ratelimit-reset", Long.toString(reset.getEpochSecond())));
    }

    @Override
    protected synchronized Reply handle(HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        Matcher m = PATH.matcher(path);
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        Reply reply = scripted.isEmpty() ? check(exchange, m, json) : scripted.poll();
        calls.add(new Call(exchange.getRequestMethod(), path, m.matches() ? m.group(3) : null, json,
                scheme(exchange.getRequestHeaders().getFirst("Authorization")), exchange.getRequestHeaders().getFirst("Accept"),
                exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version"), exchange.getRequestHeaders().getFirst("User-Agent"),
                reply.status()));
        return reply;
    }

    private Reply check(HttpExchange exchange, Matcher path, JsonNode body) {
        var headers = exchange.getRequestHeaders();
        String userAgent = headers.getFirst("User-Agent");
        if (userAgent == null || userAgent.isBlank()) {
            return answer(403, error("Request forbidden by administrative rules. Please make sure your request has a User-Agent header"));
        }
        String version = headers.getFirst("X-GitHub-Api-Version");
        if (version != null && !API_VERSION.equals(version)) {
            return answer(400, error("Unsupported 'X-GitHub-Api-Version' header"));
        }
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || !(authorization.equals("Bearer " + token) || authorization.equals("token " + token))) {
            return answer(401, error("Bad credentials"));
        }
        if (!path.matches() || !"POST".equals(exchange.getRequestMethod())
                || !(path.group(1) + "/" + path.group(2)).equalsIgnoreCase(repository)) {
            return answer(404, error("Not Found"));
        }
        String sha = path.group(3);
        if (!SHA.matcher(sha).matches()) {
            return answer(422, error("No commit found for SHA: " + sha));
        }
        if (body == null || !body.isObject()) {
            return answer(400, error("Problems parsing JSON"));
        }
        String problem = invalid(body);
        if (problem != null) {
            ObjectNode failed = error("Validation Failed");
            failed.putArray("errors").addObject().put("resource", "Status").put("code", "custom").put("message", problem);
            return answer(422, failed);
        }
        long id = ids.incrementAndGet();
        String now = Instant.now().toString();
        String url = endpoint() + "/repos/" + repository + "/statuses/" + sha;
        ObjectNode status = MAPPER.createObjectNode();
        status.put("url", url).put("id", id).put("node_id", "SC_local" + id).put("state", body.path("state").asText())
                .put("description", body.path("description").asText(null)).put("target_url", body.path("target_url").asText(null))
                .put("context", body.path("context").asText("default")).put("created_at", now).put("updated_at", now);
        status.putObject("creator").put("login", "shipgate-bot").put("id", 1).put("type", "User");
        return new Reply(201, "application/json; charset=utf-8", status.toString(), Map.of("Location", url));
    }

    private static String invalid(JsonNode body) {
        JsonNode state = body.path("state");
        if (!state.isTextual() || !STATES.contains(state.asText())) {
            return "state must be one of error, failure, pending, success";
        }
        JsonNode description = body.path("description");
        if (!description.isMissingNode() && !description.isNull()
                && (!description.isTextual() || description.asText().codePointCount(0, description.asText().length()) > 140)) {
            return "description must be a string of at most 140 characters";
        }
        JsonNode context = body.path("context");
        if (!context.isMissingNode() && (!context.isTextual() || context.asText().isBlank())) {
            return "context must be a non-empty string";
        }
        JsonNode target = body.path("target_url");
        if (!target.isMissingNode() && !target.isNull()
                && (!target.isTextual() || !(target.asText().startsWith("https://") || target.asText().startsWith("http://")))) {
            return "target_url must be an http(s) URL";
        }
        return null;
    }

    private static String scheme(String authorization) {
        if (authorization == null) {
            return "none";
        }
        return authorization.startsWith("Bearer ") ? "Bearer" : authorization.startsWith("token ") ? "token" : "other";
    }

    private static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("message", message)
                .put("documentation_url", "https://docs.github.com/rest/commits/statuses#create-a-commit-status");
    }

    private static Reply answer(int status, ObjectNode body) {
        return new Reply(status, "application/json; charset=utf-8", body.toString(), Map.of());
    }
}
