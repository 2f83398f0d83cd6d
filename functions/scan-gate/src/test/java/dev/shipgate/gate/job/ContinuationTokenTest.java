package dev.shipgate.gate.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContinuationTokenTest {

    /** Written by the ObjectMapper-based encoder: {"v":1,"s":1795903200,"a":2,"d":"sha256:a…","c":{"HIGH":3,"UNTRIAGED":1}}. */
    static final String IN_FLIGHT = "eyJ2IjoxLCJzIjoxNzk1OTAzMjAwLCJhIjoyLCJkIjoic2hhMjU2OmFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh"
            + "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWEiLCJjIjp7IkhJR0giOjMsIlVOVFJJQUdFRCI6MX19";

    @Test
    void encode_decode_roundTripsEverything() {
        ContinuationToken token = ContinuationToken.first(Instant.parse("2026-11-27T22:00:00Z"))
                .next("sha256:" + "a".repeat(64), Map.of("HIGH", 3, "UNTRIAGED", 1), true);

        ContinuationToken decoded = ContinuationToken.decode(token.encode());

        assertThat(decoded).isEqualTo(token);
        assertThat(decoded.coverageChecked()).isTrue();
        assertThat(decoded.next(null, null, false).coverageChecked()).as("once checked, stays checked").isTrue();
        assertThat(decoded.attempt()).isEqualTo(2);
        assertThat(decoded.started()).isEqualTo(Instant.parse("2026-11-27T22:00:00Z"));
    }

    @Test
    void encode_hugeCounts_dropsTheHintToStayWithin2048() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            counts.put("SEVERITY_" + i, i);
        }
        String encoded = ContinuationToken.first(Instant.parse("2026-11-27T22:00:00Z")).next(null, counts, true).encode();

        assertThat(encoded.length()).isLessThanOrEqualTo(ContinuationToken.MAX_LENGTH);
        assertThat(ContinuationToken.decode(encoded).counts()).isNull();
        assertThat(ContinuationToken.decode(encoded).coverageChecked()).isTrue();
    }

    @Test
    void encode_writesTheBytesTokensInFlightAlreadyHave() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("HIGH", 3);
        counts.put("UNTRIAGED", 1);

        String waiting = new ContinuationToken(1, 1795903200L, 2, "sha256:" + "a".repeat(64), counts, false).encode();
        String first = new ContinuationToken(1, 1795903200L, 1, null, null, false).encode();

        assertThat(decoded(waiting)).isEqualTo("{\"v\":1,\"s\":1795903200,\"a\":2,\"d\":\"sha256:" + "a".repeat(64)
                + "\",\"c\":{\"HIGH\":3,\"UNTRIAGED\":1}}");
        assertThat(waiting).isEqualTo(IN_FLIGHT);
        assertThat(first).isEqualTo("eyJ2IjoxLCJzIjoxNzk1OTAzMjAwLCJhIjoxfQ");
    }

    @Test
    void decode_tokenFromAnEarlierInvocation_readsEveryMember() {
        ContinuationToken token = ContinuationToken.decode(IN_FLIGHT);

        assertThat(token).isEqualTo(new ContinuationToken(1, 1795903200L, 2, "sha256:" + "a".repeat(64), Map.of("HIGH", 3, "UNTRIAGED", 1), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bnVsbA", "WzFd", "e30", "eyJ2IjoxLCJzIjoxLCJhIjoxLCJjIjoieCJ9", "eyJ2IjoxLCJzIjoxLCJhIjoxLCJkIjpbXX0", "eyJ2IjoxLCJzIjoxLCJhIjoxLCJrIjoieWVzIn0"})
    void decode_notATokenObject_failsWithActionableMessage(String token) {
        assertThatThrownBy(() -> ContinuationToken.decode(token))
                .isInstanceOfSatisfying(GateFailure.class, f -> assertThat(f.type()).isEqualTo(FailureType.SystemUnavailable))
                .hasMessageStartingWith("The continuation token from the previous scan-gate invocation is unreadable (")
                .hasMessageEndingWith("); retry the SecurityGate stage to start a fresh wait");
    }

    @Test
    void decode_garbage_failsWithActionableMessage() {
        assertThatThrownBy(() -> ContinuationToken.decode("token_ID"))
                .isInstanceOfSatisfying(GateFailure.class, f -> assertThat(f.type()).isEqualTo(FailureType.SystemUnavailable))
                .hasMessageContaining("continuation token")
                .hasMessageContaining("retry the SecurityGate stage");
    }

    private static String decoded(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    }
}
