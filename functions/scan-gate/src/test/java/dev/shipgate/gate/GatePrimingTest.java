package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.Json;
import dev.shipgate.testing.SnapshotUniqueness;
import dev.shipgate.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatePrimingTest {

    @Test
    void prime_runsTheHotPathOffline_andProducesAContractVerdict() throws Exception {
        GatePriming.Primed primed = GatePriming.prime(true);
        JsonNode verdict = Json.MAPPER.readTree(primed.verdict());

        assertThat(Json.MAPPER.readTree(GatePriming.prime(false).verdict())).isEqualTo(verdict);
        assertThat(primed.reportBytes()).isGreaterThan(100_000);

        assertThat(verdict.path("type").asText()).isEqualTo("shipgate.scan-gate.verdict");
        assertThat(verdict.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(verdict.path("blocking").size()).isEqualTo(10);
        assertThat(verdict.path("expiringSoon").toString()).isEqualTo("[\"CVE-0000-0001\"]");
    }

    @Test
    void beforeCheckpoint_primesRunsTheSyntheticJobs_andLogsWhatItPrimed() throws Exception {
        int[] runs = {0};
        TestContext logged = new TestContext();

        new GatePriming(() -> {
            runs[0]++;
            return new SyntheticJobs.Ran(List.of("Continue", "Fail", "Succeed"), 21);
        }, new JsonLog("scan-gate", logged.logger())).beforeCheckpoint(null);

        assertThat(runs[0]).isEqualTo(1);
        assertThat(logged.logLines()).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(logged.logLines().get(0));
        assertThat(line.path("event").asText()).isEqualTo("snapstart-priming");
        assertThat(line.path("classesPreloaded").asInt()).isGreaterThan(1000);
        assertThat(line.path("reportBytesPrimed").asInt()).isGreaterThan(100_000);
        assertThat(line.path("jobsPrimed").toString()).isEqualTo("[\"Continue\",\"Fail\",\"Succeed\"]");
        assertThat(line.path("sdkCallsAnswered").asInt()).isEqualTo(21);
    }

    @Test
    void beforeCheckpoint_aSyntheticJobThatWentWrong_failsTheCheckpoint_andLogsNothing() {
        TestContext logged = new TestContext();
        GatePriming priming = new GatePriming(() -> {
            throw new IllegalStateException("priming's synthetic job 'fail' ended Succeed");
        }, new JsonLog("scan-gate", logged.logger()));

        assertThatThrownBy(() -> priming.beforeCheckpoint(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synthetic job 'fail'");
        assertThat(logged.logLines()).isEmpty();
    }

    @Test
    void functionCode_usesNoRandomSourceASnapshotWouldShare() {
        assertThat(SnapshotUniqueness.seededRandomUses(SnapshotUniqueness.classesOf(ScanGateHandler.class))).isEmpty();
    }
}
