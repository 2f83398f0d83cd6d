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
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code tools/shipgate-local invoke FUNCTION events/... --snapstart} does, on the committed sample events: each
 * function on the production path, a restored SnapStart version whose only credentials come from the token-checked
 * container endpoint, does its job on the first invocation after the restore.
 */
class InvokeSampleEventsTest {

    private final Path root = Workspace.root();

    @Test
    void invoke_samplePush_startsThePipelineOnTheSampleCommit() throws Exception {
        try (LocalAws aws = LocalAws.start(); LocalFunction webhook = restored(aws, "github-webhook")) {
            InvokeResult result = webhook.invoke(Files.readAllBytes(root.resolve("events/github-webhook/push-main.json")));

            assertThat(new ObjectMapper().readTree(result.payload()).path("statusCode").asInt()).as(result.payload()).isEqualTo(202);
            assertThat(aws.codePipeline().accepted("StartPipelineExecution")).singleElement()
                    .satisfies(start -> assertThat(start.at("/sourceRevisions/0/revisionValue").asText())
                            .isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e"));
            assertSignedOnlyWithRestoredCredentials(webhook, aws.codePipeline().calls());
        }
    }

    @Test
    void invoke_sampleGateJob_seedsWhatItNames_andReportsExactlyOneJobResult() throws Exception {
        try (LocalAws aws = LocalAws.start(); LocalFunction gate = restored(aws, "scan-gate")) {
            byte[] event = Files.readAllBytes(root.resolve("events/scan-gate/job-initial.json"));
            assertThat(EventSeeds.seed(root, gate.spec(), event, aws)).hasSize(2);

            InvokeResult result = gate.invoke(event);

            assertThat(result.error()).as(result.payload()).isFalse();
            assertThat(aws.codePipeline().jobResults("0d2e1a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b")).singleElement()
                    .satisfies(call -> assertThat(call.request().toString()).contains("CVE-9999-9999"));
            assertSignedOnlyWithRestoredCredentials(gate, aws.codePipeline().calls());
        }
    }

    @Test
    void invoke_samplePipelineFailure_postsOneSlackMessage() throws Exception {
        try (LocalAws aws = LocalAws.start(); LocalFunction notifier = restored(aws, "slack-notifier")) {
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

    private LocalFunction restored(LocalAws aws, String name) {
        FunctionSpec spec = SamTemplate.read(root).spec(name, Workspace.params(root), Workspace.workDir(root));
        aws.seed(spec);
        return new LocalFunction(spec.withEnvironment(aws.endpointVariables()), true, List.of(), line -> { });
    }
}
