package dev.shipgate.gate.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one invocation hands the next through CodePipeline's {@code continuationToken} (base64url JSON, at most
 * 2048 characters): when the wait began (the deadline counts from there), how many invocations waited, the image
 * digest once known (so a moved tag cannot switch images mid-wait), the last enhanced-scan counts (to see
 * whether they settled), and whether the repository's scanning configuration was already checked (once per job).
 * On the wire the members are {@code v s a d c k}, one letter each to stay short, with null and false ones left
 * out; tokens already handed to CodePipeline must keep decoding.
 */
public record ContinuationToken(int version, long startedAt, int attempt, String digest, Map<String, Integer> counts,
                                boolean coverageChecked) {

    public static final int MAX_LENGTH = 2048;

    public static ContinuationToken first(Instant now) {
        return new ContinuationToken(1, now.getEpochSecond(), 1, null, null, false);
    }

    public Instant started() {
        return Instant.ofEpochSecond(startedAt);
    }

    public ContinuationToken next(String digest, Map<String, Integer> counts, boolean coverageChecked) {
        return new ContinuationToken(version, startedAt, attempt + 1, digest == null ? this.digest : digest, counts,
                this.coverageChecked || coverageChecked);
    }

    public String encode() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("v", version).put("s", startedAt).put("a", attempt);
        if (digest != null) {
            json.put("d", digest);
        }
        if (counts != null) {
            ObjectNode bySeverity = json.putObject("c");
            counts.forEach((severity, count) -> {
                if (count != null) {
                    bySeverity.put(severity, count);
                }
            });
        }
        if (coverageChecked) {
            json.put("k", true);
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(JsonTree.write(json).getBytes(StandardCharsets.UTF_8));
        if (token.length() > MAX_LENGTH) {
            // Counts are only a settling hint; without them the next read simply waits one more round.
            return new ContinuationToken(version, startedAt, attempt, digest, null, coverageChecked).encode();
        }
        return token;
    }

    public static ContinuationToken decode(String token) {
        try {
            JsonNode json = JsonTree.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (!json.isObject()) {
                throw unexpectedContent();
            }
            ContinuationToken parsed = new ContinuationToken(json.path("v").asInt(), json.path("s").asLong(),
                    json.path("a").asInt(), digest(json.path("d")), counts(json.path("c")), coverageChecked(json.path("k")));
            if (parsed.version() != 1 || parsed.startedAt() <= 0 || parsed.attempt() < 1) {
                throw unexpectedContent();
            }
            return parsed;
        } catch (IOException | IllegalArgumentException e) {
            throw new GateFailure(FailureType.SystemUnavailable,
                    "The continuation token from the previous scan-gate invocation is unreadable (" + e.getMessage()
                            + "); retry the SecurityGate stage to start a fresh wait");
        }
    }

    private static boolean coverageChecked(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw unexpectedContent();
        }
        return value.booleanValue();
    }

    private static String digest(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw unexpectedContent();
        }
        return value.textValue();
    }

    private static Map<String, Integer> counts(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw unexpectedContent();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().canConvertToInt()) {
                throw unexpectedContent();
            }
            counts.put(field.getKey(), field.getValue().asInt());
        }
        return counts;
    }

    private static IllegalArgumentException unexpectedContent() {
        return new IllegalArgumentException("unexpected token content");
    }
}
