package dev.shipgate.gate.job;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContinuationTokenTest {

    @Test
    void encode_decode_roundTripsEverything() {
        ContinuationToken token = ContinuationToken.first(Instant.parse("2026-11-27T22:00:00Z"))
                .next("sha256:" + "a".repeat(64), Map.of("HIGH", 3, "UNTRIAGED", 1));

        ContinuationToken decoded = ContinuationToken.decode(token.encode());

        assertThat(decoded).isEqualTo(token);
        assertThat(decoded.attempt()).isEqualTo(2);
        assertThat(decoded.started()).isEqualTo(Instant.parse("2026-11-27T22:00:00Z"));
    }

    @Test
    void encode_hugeCounts_dropsTheHintToStayWithin2048() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            counts.put("SEVERITY_" + i, i);
        }
        String encoded = ContinuationToken.first(Instant.parse("2026-11-27T22:00:00Z")).next(null, counts).encode();

        assertThat(encoded.length()).isLessThanOrEqualTo(ContinuationToken.MAX_LENGTH);
        assertThat(ContinuationToken.decode(encoded).counts()).isNull();
    }

    @Test
    void decode_garbage_failsWithActionableMessage() {
        assertThatThrownBy(() -> ContinuationToken.decode("token_ID"))
                .isInstanceOfSatisfying(GateFailure.class, f -> assertThat(f.type()).isEqualTo(FailureType.SystemUnavailable))
                .hasMessageContaining("continuation token")
                .hasMessageContaining("retry the SecurityGate stage");
    }
}
