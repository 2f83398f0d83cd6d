package dev.shipgate.gate.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shipgate.shared.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * What one invocation hands the next through CodePipeline's {@code continuationToken} (base64url JSON, at most
 * 2048 characters): when the wait began (the deadline counts from there), how many invocations waited, the image
 * digest once known (so a moved tag cannot switch images mid-wait), and the last enhanced-scan counts (to see
 * whether they settled).
 */
public record ContinuationToken(@JsonProperty("v") int version, @JsonProperty("s") long startedAt,
                                @JsonProperty("a") int attempt, @JsonProperty("d") String digest,
                                @JsonProperty("c") Map<String, Integer> counts) {

    public static final int MAX_LENGTH = 2048;

    public static ContinuationToken first(Instant now) {
        return new ContinuationToken(1, now.getEpochSecond(), 1, null, null);
    }

    public Instant started() {
        return Instant.ofEpochSecond(startedAt);
    }

    public ContinuationToken next(String digest, Map<String, Integer> counts) {
        return new ContinuationToken(version, startedAt, attempt + 1, digest == null ? this.digest : digest, counts);
    }

    public String encode() {
        try {
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(this));
            if (token.length() > MAX_LENGTH) {
                // Counts are only a settling hint; without them the next read simply waits one more round.
                return new ContinuationToken(version, startedAt, attempt, digest, null).encode();
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ContinuationToken decode(String token) {
        try {
            ContinuationToken parsed = Json.MAPPER.readValue(
                    new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8), ContinuationToken.class);
            if (parsed.version() != 1 || parsed.startedAt() <= 0 || parsed.attempt() < 1) {
                throw new IllegalArgumentException("unexpected token content");
            }
            return parsed;
        } catch (IOException | IllegalArgumentException e) {
            throw new GateFailure(FailureType.SystemUnavailable,
                    "The continuation token from the previous scan-gate invocation is unreadable (" + e.getMessage()
                            + "); retry the SecurityGate stage to start a fresh wait");
        }
    }
}
