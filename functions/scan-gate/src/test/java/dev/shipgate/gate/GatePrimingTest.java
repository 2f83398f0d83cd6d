package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatePrimingTest {

    @Test
    void prime_runsTheHotPathOffline_andProducesAContractVerdict() throws Exception {
        JsonNode verdict = Json.MAPPER.readTree(GatePriming.prime(true));

        assertThat(Json.MAPPER.readTree(GatePriming.prime(false))).isEqualTo(verdict);

        assertThat(verdict.path("type").asText()).isEqualTo("shipgate.scan-gate.verdict");
        assertThat(verdict.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(verdict.path("blocking").size()).isEqualTo(10);
        assertThat(verdict.path("expiringSoon").toString()).isEqualTo("[\"CVE-0000-0001\"]");
    }

    @Test
    void beforeCheckpoint_primesAndRunsTheSdkWarmUp() throws Exception {
        int[] warmUps = {0};

        new GatePriming(() -> warmUps[0]++).beforeCheckpoint(null);

        assertThat(warmUps[0]).isEqualTo(1);
    }
}
