package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.ChildEnvironment;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.local.template.SamTemplate;
import dev.shipgate.testing.CodePipelineStandIn;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code tools/shipgate-local invoke FUNCTION events/... --snapstart} does, on the committed sample events: each
 * function on the production path, a restored SnapStart version whose only credentials come from the token-checked
 * container endpoint, does its job on the first invocation after the restore. Each function's code comes both from
 * the zip {@code ./mvnw package} builds and from the folder {@code sam build}'s Makefile target fills.
 */
class InvokeSampleEventsTest {

    /** Where a function's code comes from. */
    enum Build {
        /** The zip {@code ./mvnw package} built, unpacked (what CI, the demo and the bench run). */
        MAVEN_PACKAGE,
        /** A fresh folder filled by {@code make build-<LogicalId> ARTIFACTS_DIR=...}, as {@code sam build} runs it. */
        SAM_BUILD_MAKEFILE
    }

    private final Path root = Workspace.root();

    @TempDir
    Path artifactsDir;

    @ParameterizedTest
    @EnumSource(Build.class)
    void invoke_samplePush_startsThePipelineOnTheSampleCommit(Build build) throws Exception {
        try (LocalAws aws = LocalAws.start(); LocalFunction webhook = restored(aws, "github-webhook", build)) {
            InvokeResult result = webhook.invoke(Files.readAllBytes(root.resolve("events/github-webhook/push-main.json")));

            assertThat(new ObjectMapper().readTree(result.payload()).path("statusCode").asInt()).as(result.payload()).isEqualTo(202);
            assertThat(aws.codePipeline().accepted("StartPipelineExecution")).singleElement()
                    .satisfies(start -> assertThat(start.at("/sourceRevisions/0/revisionValue").asText())
                            .isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e"));
            assertSignedOnlyWithRestoredCredentials(webhook, aws.codePipeline().calls());
        }
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void invoke_sampleGateJob_seedsWhatItNames_andReportsExactlyOneJobResult(Build build) throws Exception {
        try (LocalAws aws = LocalAws.start(); LocalFunction gate = restored(aws, "scan-gate", build)) {
            byte[] event = Files.readAllBytes(root.resolve("events/scan-gate/job-initial.json"));
            assertThat(EventSeeds.seed(root, gate.spec(), event, aws)).hasSize(2);

            InvokeResult result = gate.invoke(event);

            assertThat(result.error()).as(result.payload()).isFalse();
            assertThat(aws.codePipeline().jobResults("0d2e1a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b")).singleElement()
                    .satisfies(call -> assertThat(call.request().toString()).contains("CVE-9999-9999"));
            assertSignedOnlyWithRestoredCredentials(gate, aws.codePipeline().calls());
        }
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void invoke_samplePipelineFailure_postsOneSlackMessage(Build build) throws Exception {
        try (LocalAws aws = LocalAws.start(); LocalFunction notifier = restored(aws, "slack-notifier", build)) {
            InvokeResult result = notifier.invoke(Files.readAllBytes(root.resolve("events/slack-notifier/pipeline-failed.json")));

            assertThat(result.error()).as(result.payload()).isFalse();
            assertThat(aws.slack().accepted()).singleElement()
                    .satisfies(message -> assertThat(message.toString()).contains("FAILED"));
            assertThat(ChildEnvironment.of(notifier)).doesNotContainKeys(LocalFunction.STATIC_KEYS.toArray(String[]::new));
            assertThat(notifier.credentials().served()).as("credentials fetched from the container endpoint").isPositive();
            assertThat(notifier.credentials().refused()).isZero();
        }
    }

    /**
     * The function's environment has no static keys, it fetched credentials from the container endpoint with the
     * token, and every call that reached the CodePipeline stand-in after the restore was signed with the set handed
     * out after the restore (never the one from before the checkpoint).
     */
    private static void assertSignedOnlyWithRestoredCredentials(LocalFunction function, List<CodePipelineStandIn.Call> calls) {
        assertThat(ChildEnvironment.of(function)).doesNotContainKeys(LocalFunction.STATIC_KEYS.toArray(String[]::new));
        assertThat(function.credentials().served()).as("credentials fetched from the container endpoint").isPositive();
        assertThat(function.credentials().refused()).isZero();
        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call.accessKeyId())
                .as(call.operation() + " signed with the credentials handed out after the restore")
                .isEqualTo(function.credentials().current().accessKeyId()));
    }

    private LocalFunction restored(LocalAws aws, String name, Build build) throws IOException, InterruptedException {
        SamTemplate template = SamTemplate.read(root);
        FunctionSpec spec = switch (build) {
            case MAVEN_PACKAGE -> template.spec(name, Workspace.params(root), Workspace.workDir(root));
            case SAM_BUILD_MAKEFILE -> template.spec(template.function(name), Workspace.params(root),
                    samBuild(template.function(name).logicalId()));
        };
        aws.seed(spec);
        return new LocalFunction(spec.withEnvironment(aws.endpointVariables(spec)), true, List.of(), line -> { });
    }

    /** Runs the Makefile target {@code sam build} runs for this function, into a fresh ARTIFACTS_DIR. */
    private Path samBuild(String logicalId) throws IOException, InterruptedException {
        Path log = Files.createDirectories(Workspace.workDir(root)).resolve("make-build-" + logicalId + ".log");
        ProcessBuilder make = new ProcessBuilder("make", "build-" + logicalId, "ARTIFACTS_DIR=" + artifactsDir)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        make.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = make.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("make build-%s finished", logicalId).isTrue();
        assertThat(process.exitValue()).as("make build-%s: %s", logicalId, Files.readString(log, StandardCharsets.UTF_8)).isZero();
        assertThat(artifactsDir.resolve("lib")).as("the function's jars, unpacked").isDirectory();
        return artifactsDir;
    }
}
