package dev.shipgate.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.runtime.BuiltinFunctions;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Smoke test of the bench harness on the trivial handler (the full bench is not part of the test command). */
class BenchHarnessTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void breakdown_trivialColdStart_splitsAtTheHandlerClassLoad() {
        FunctionSpec spec = BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, work, 512);
        Path log = work.resolve("classload.log");
        InvokeResult result;
        try (LocalFunction function = new LocalFunction(spec, false, List.of("-Xlog:class+load=info:file=" + log + ":uptimenanos"), l -> { })) {
            result = function.invoke("{}".getBytes(StandardCharsets.UTF_8));
        }
        ClassLoadTimeline timeline = ClassLoadTimeline.read(log);

        JsonNode breakdown = Breakdown.of("trivial", spec.handler(), result, timeline);

        assertThat(timeline.total()).isGreaterThan(500);
        assertThat(timeline.firstLoad("dev.shipgate.local.TrivialHandler")).isPositive();
        assertThat(breakdown.path("phases").get(0).path("to").asText()).isEqualTo("handler class loaded");
        assertThat(breakdown.path("firstAwsCallDuring").asText()).isEqualTo("none");
        // the runtime client's own utils-lite classes are not the function creating SDK clients
        assertThat(breakdown.path("phases").findValuesAsText("to")).noneMatch(to -> to.contains("AWS SDK"));
        double phaseSum = 0;
        for (JsonNode phase : breakdown.path("phases")) {
            phaseSum += phase.path("ms").asDouble();
        }
        assertThat(phaseSum).isCloseTo(breakdown.path("coldTotalMs").asDouble(), org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void stats_nearestRankPercentiles() {
        List<Double> values = List.of(5.0, 1.0, 3.0, 2.0, 4.0, 100.0);

        assertThat(Stats.percentile(values, 50)).isEqualTo(3.0);
        assertThat(Stats.percentile(values, 99)).isEqualTo(100.0);
        assertThat(Stats.median(values)).isEqualTo(3.5);
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void report_productionPathOverTarget_isMarked_andTargetsNotMet() {
        ObjectNode results = MAPPER.createObjectNode();
        results.putArray("functions")
                .add(MAPPER.createObjectNode().put("name", "trivial").put("coldRatio", 1.0).put("errorCount", 0))
                .add(MAPPER.createObjectNode().put("name", "scan-gate").put("coldRatio", 7.5).put("errorCount", 0)
                        .put("restores", 5).put("restorePenaltyMedian", 1.8).put("oneCpuRatio", 8.1));
        results.putArray("artifacts").add(MAPPER.createObjectNode().put("name", "scan-gate").put("mb", 14.5));
        results.putObject("evaluation").putArray("results").add(MAPPER.createObjectNode().put("findings", 10_000).put("p50Ms", 12.0));

        assertThat(Report.allTargetsMet(results)).isFalse();
        assertThat(Report.markdown(results)).contains("| scan-gate | 1.80 ❌ (median of 5) |").contains("8.10 ✅")
                .contains("14.50 MB").contains("10,000 findings");

        ObjectNode gate = (ObjectNode) results.path("functions").get(1);
        gate.put("restorePenaltyMedian", 1.2);
        assertThat(Report.allTargetsMet(results)).as("the two-core ratio is reported, not judged").isTrue();
        gate.put("oneCpuRatio", 9.3);
        assertThat(Report.allTargetsMet(results)).isFalse();
        gate.put("oneCpuRatio", 8.0).put("restores", 3);
        assertThat(Report.allTargetsMet(results)).as("fewer than 5 restores cannot meet the target").isFalse();
    }

    @Test
    void report_findingsReportTimings_getTheirOwnTable_outsideTheEvaluationTarget() {
        ObjectNode results = MAPPER.createObjectNode();
        results.putObject("evaluation").putArray("results").add(MAPPER.createObjectNode().put("findings", 10_000).put("p50Ms", 12.0)
                .put("p99Ms", 20.0).put("reportP50Ms", 310.5).put("htmlBytes", 4_495_823).put("sarifBytes", 8_803_103));

        assertThat(Report.markdown(results)).contains("| 10,000 findings | 12.00 ✅ (target ≤ 50) | 20.00 |")
                .contains("| 10,000 findings | 310.50 | 4.5 MB | 8.8 MB |");
        ((ObjectNode) results.at("/evaluation/results/0")).remove("reportP50Ms");
        assertThat(Report.markdown(results)).doesNotContain("findings report");
    }
}
