package dev.shipgate.local.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    void instancesStartedTogether_allComeUp_noneLosesTheRuntimesJniLibraryToAnother() throws Exception {
        List<LocalFunction> functions = List.of(
                new LocalFunction(BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, work.resolve("a"), 512), line -> { }),
                new LocalFunction(BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, work.resolve("b"), 512), line -> { }),
                new LocalFunction(BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, work.resolve("c"), 512), line -> { }));
        try (var starts = java.util.concurrent.Executors.newFixedThreadPool(functions.size())) {
            List<java.util.concurrent.Future<InvokeResult>> results = functions.stream()
                    .map(function -> starts.submit(() -> function.invoke("{}".getBytes(StandardCharsets.UTF_8)))).toList();
            for (int i = 0; i < functions.size(); i++) {
                InvokeResult result = results.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(result.payload()).as(String.join("\n", functions.get(i).logs())).isEqualTo("{\"ok\":true}");
            }
        } finally {
            functions.forEach(LocalFunction::close);
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
    void snapStart_restoreWaitsForTheHarness_andTheFunctionHasNoStaticKeys_onlyTheContainerEndpoint() throws Exception {
        FunctionSpec probe = BuiltinFunctions.spec(BuiltinFunctions.PRIMING_PROBE, work, 256);
        try (LocalFunction function = new LocalFunction(probe, true, List.of(), line -> { })) {
            function.checkpoint();
            Thread.sleep(300);
            assertThat(function.logs()).contains("hook beforeCheckpoint").doesNotContain("hook afterRestore");

            Map<String, String> env = ChildEnvironment.of(function);
            assertThat(env).doesNotContainKeys(LocalFunction.STATIC_KEYS.toArray(String[]::new))
                    .containsEntry("AWS_CONTAINER_CREDENTIALS_FULL_URI", function.credentials().uri())
                    .containsEntry("AWS_CONTAINER_AUTHORIZATION_TOKEN", function.credentials().token())
                    .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");

            InvokeResult result = function.invoke("{}".getBytes(StandardCharsets.UTF_8));
            assertThat(result.payload()).contains("\"hooks\":\"beforeCheckpoint,afterRestore,\"");
            assertThat(function.logs()).contains("hook afterRestore");
        }
    }

    @Test
    void invoke_onDemand_neverCallsTheCheckpointHooks_andHasStaticKeys() {
        FunctionSpec probe = BuiltinFunctions.spec(BuiltinFunctions.PRIMING_PROBE, work, 256);
        try (LocalFunction function = new LocalFunction(probe, false, List.of(), line -> { })) {
            InvokeResult result = function.invoke("{}".getBytes(StandardCharsets.UTF_8));

            assertThat(result.payload()).contains("\"hooks\":\"\"");
            assertThat(result.restoreDurationMs()).isEmpty();
            assertThat(ChildEnvironment.of(function)).containsKeys(LocalFunction.STATIC_KEYS.toArray(String[]::new))
                    .doesNotContainKey("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        }
    }

    @Test
    void containerEndpoint_servesOnlyWithTheToken_inTheSdkShape_andANewSetAfterEachRotation() throws Exception {
        try (ContainerCredentialsEndpoint endpoint = new ContainerCredentialsEndpoint()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.uri()));

            assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(request.copy().header("Authorization", "not-the-token").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            HttpResponse<String> before = http.send(request.copy().header("Authorization", endpoint.token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            endpoint.rotate();
            HttpResponse<String> after = http.send(request.copy().header("Authorization", endpoint.token()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(before.body()).contains("\"AccessKeyId\":\"ASIA", "\"SecretAccessKey\":", "\"Token\":", "\"Expiration\":");
            assertThat(after.body()).contains("\"AccessKeyId\":\"" + endpoint.current().accessKeyId() + "\"");
            assertThat(before.body()).doesNotContain(endpoint.current().accessKeyId());
            assertThat(endpoint.served()).isEqualTo(2);
            assertThat(endpoint.refused()).isEqualTo(2);
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
