package dev.shipgate.local.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalFunctionTest {

    @TempDir
    Path work;

    @Test
    void invoke_trivialHandler_coldThenWarmThroughRealRuntimeClient() {
        try (LocalFunction function = new LocalFunction(BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, work, 512), line -> { })) {
            InvokeResult cold = function.invoke("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
            InvokeResult warm = function.invoke("{\"n\":2}".getBytes(StandardCharsets.UTF_8));

            assertThat(cold.error()).as(String.join("\n", function.logs())).isFalse();
            assertThat(cold.payload()).isEqualTo("{\"ok\":true}");
            assertThat(cold.initDurationMs()).isPresent();
            assertThat(cold.reportLine()).startsWith("REPORT RequestId: " + cold.requestId())
                    .contains("Init Duration: ").contains("Max Memory Used: ");
            assertThat(cold.maxMemoryUsedMb()).isPositive();
            assertThat(warm.payload()).isEqualTo("{\"ok\":true}");
            assertThat(warm.initDurationMs()).isEmpty();
            assertThat(warm.reportLine()).doesNotContain("Init Duration");
            assertThat(warm.requestId()).isNotEqualTo(cold.requestId());
        }
    }

    @Test
    void invoke_snapStart_runsBeforeCheckpointThenRestoreNextThenAfterRestore() {
        FunctionSpec probe = BuiltinFunctions.spec(BuiltinFunctions.PRIMING_PROBE, work, 256);
        try (LocalFunction function = new LocalFunction(probe, true, List.of(), line -> { })) {
            InvokeResult result = function.invoke("{}".getBytes(StandardCharsets.UTF_8));

            assertThat(result.error()).as(String.join("\n", function.logs())).isFalse();
            assertThat(result.payload()).contains("\"hooks\":\"beforeCheckpoint,afterRestore,\"")
                    .contains("\"function\":\"shipgate-local-PrimingProbe\"").contains("\"memory\":256");
            assertThat(result.restoreDurationMs()).isPresent();
            assertThat(result.reportLine()).contains("Restore Duration: ");
        }
    }

    @Test
    void invoke_onDemand_neverCallsTheCheckpointHooks() {
        FunctionSpec probe = BuiltinFunctions.spec(BuiltinFunctions.PRIMING_PROBE, work, 256);
        try (LocalFunction function = new LocalFunction(probe, false, List.of(), line -> { })) {
            InvokeResult result = function.invoke("{}".getBytes(StandardCharsets.UTF_8));

            assertThat(result.payload()).contains("\"hooks\":\"\"");
            assertThat(result.restoreDurationMs()).isEmpty();
        }
    }

    @Test
    void invoke_unknownHandlerClass_failsNamingTheClass() {
        FunctionSpec broken = new FunctionSpec("broken", "dev.shipgate.Missing::handleRequest",
                BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, work, 128).taskRoot(), 128, 5, java.util.Map.of());
        try (LocalFunction function = new LocalFunction(broken, line -> { })) {
            InvokeResult result = function.invoke("{}".getBytes(StandardCharsets.UTF_8));

            assertThat(result.error()).isTrue();
            assertThat(result.payload()).contains("dev.shipgate.Missing");
        }
    }
}
