package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.demo.GateJobs.Expected;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.testing.CodePipelineStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.shipgate.local.demo.GateJobs.Expected.fail;
import static dev.shipgate.local.demo.GateJobs.Expected.pass;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published CodePipeline job event, scanner report (Clair v4, Trivy, Grype) and DescribeImageScanFindings answer
 * of the corpus through the scan-gate in the real runtime client, as a restored SnapStart version. A job event is
 * invoked as published; a report is staged as the build's output artifact of a stack with ClairReport=Enabled;
 * an answer is queued in moto for an image of the stack's repository. Each report and answer ends in exactly one job
 * result, the verdict written in {@link #EXPECTED} under the stack's defaults (FailOnSeverity and UnscoredSeverity
 * HIGH, no policy file).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealGatePayloadsTest {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final Map<String, Expected> EXPECTED = Map.ofEntries(
            fail("scan-gate/clair/clair-action-debian_stretch.json", "JobFailed",
                    "every severity is empty and normalized_severity Unknown; the clair.cvss enrichment scores several at 9.8"),
            fail("scan-gate/clair/clair-action-quay-rhel8.json", "JobFailed", "normalized_severity High"),
            fail("scan-gate/clair/clair-action-report-with-vulns.json", "JobFailed",
                    "three Unknown without any enrichment: unscored, judged at UnscoredSeverity HIGH"),
            pass("scan-gate/trivy/alpine-310-registry.json", "four MEDIUM, below HIGH; the image named by Metadata.RepoDigests"),
            fail("scan-gate/trivy/gomod.json", "ConfigurationError", "a repository scan names no image digest"),
            fail("scan-gate/trivy/alpine-39-high-critical.json", "JobFailed", "two CRITICAL"),
            fail("scan-gate/trivy/debian-buster.json", "JobFailed", "one CRITICAL"),
            fail("scan-gate/trivy/alpine-39-skip.json", "JobFailed", "OS family none and no results: the report shows nothing about the image"),
            pass("scan-gate/trivy/alpine-distroless.json", "one MEDIUM, below HIGH"),
            pass("scan-gate/trivy/amazon-1.json", "one MEDIUM, below HIGH"),
            pass("scan-gate/trivy/centos-7-medium.json", "one MEDIUM, below HIGH"),
            pass("scan-gate/trivy/ubi-7.json", "one LOW, below HIGH"),
            fail("scan-gate/grype/TestJsonImgsPresenter.json", "JobFailed", "one Critical"),
            fail("scan-gate/grype/TestEmptyJsonPresenter.json", "ConfigurationError",
                    "source 'unknown' names no image digest, so it cannot be shown to be the pushed image"),
            fail("scan-gate/grype/TestJsonDirsPresenter.json", "ConfigurationError", "a directory scan names no image digest"),
            pass("scan-gate/ecr/aws-cli-describe-image-scan-findings-basic.json", "basic scan: one MEDIUM (CVSS2 4.6 as a string)"),
            fail("scan-gate/ecr/moto-describe-image-scan-findings-enhanced.json", "JobFailed",
                    "enhanced COMPLETE: an UNTRIAGED finding with score 0.0 and no CVSS is unscored, judged HIGH"));

    private ShipgateWorld world;

    @BeforeAll
    void start() {
        world = new ShipgateWorld(RealPayloads.ROOT, Workspace.params(RealPayloads.ROOT), Workspace.workDir(RealPayloads.ROOT), true, line -> { });
    }

    @AfterAll
    void stop() {
        world.close();
    }

    static Stream<String> reports() {
        return Stream.of("scan-gate/clair", "scan-gate/trivy", "scan-gate/grype").flatMap(RealPayloads::files);
    }

    static Stream<String> jobEvents() {
        return RealPayloads.files("scan-gate/jobs");
    }

    static Stream<String> scanAnswers() {
        return RealPayloads.files("scan-gate/ecr").filter(f -> RealPayloads.json(f).has("imageScanStatus"));
    }

    @Test
    void expected_namesEveryReportAndScanAnswer() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(Stream.concat(reports(), scanAnswers()).toList());
    }

    /**
     * None of the published jobs carries shipgate's UserParameters: each is refused once, as a ConfigurationError
     * naming UserParameters, or, when it carries a continuation token scan-gate never issued, as SystemUnavailable
     * naming the token (retrying the stage starts a fresh wait). A job id that is not a UUID gets no result at all:
     * CodePipeline would refuse any.
     */
    @ParameterizedTest
    @MethodSource("jobEvents")
    void invoke_publishedJob_refusedOnceNamingTheProblem(String file) {
        JsonNode job = RealPayloads.json(file).path("CodePipeline.job");
        String jobId = job.path("id").asText();
        world.aws().codePipeline().forgetJob(jobId);

        InvokeResult result = world.invoke(ShipgateWorld.GATE, RealPayloads.bytes(file));

        assertThat(result.error()).as(result.payload()).isFalse();
        List<CodePipelineStandIn.Call> results = world.aws().codePipeline().jobResults(jobId);
        if (!JOB_ID.matcher(jobId).matches()) {
            assertThat(world.aws().codePipeline().calls()).noneMatch(call -> jobId.equals(call.request().path("jobId").asText()));
            return;
        }
        boolean continuation = job.path("data").hasNonNull("continuationToken");
        assertThat(results).singleElement().satisfies(call -> {
            assertThat(call.operation()).as(call.request().toString()).isEqualTo("PutJobFailureResult");
            assertThat(call.request().at("/failureDetails/type").asText()).as(call.request().toString())
                    .isEqualTo(continuation ? "SystemUnavailable" : "ConfigurationError");
            assertThat(call.request().at("/failureDetails/message").asText()).contains(continuation ? "continuation token" : "UserParameters");
        });
    }

    @ParameterizedTest
    @MethodSource("reports")
    void invoke_jobWithPublishedReport_verdictAsExpected(String file) {
        String jobId = UUID.randomUUID().toString();

        GateJobs.assertVerdict(world, file, EXPECTED.get(file), jobId,
                world.invoke(ShipgateWorld.GATE_CLAIR_REPORT, GateJobs.reportJob(world, file, jobId)));
    }

    @ParameterizedTest
    @MethodSource("scanAnswers")
    void invoke_jobWhileEcrAnswersAsPublished_verdictAsExpected(String file) {
        String jobId = UUID.randomUUID().toString();

        GateJobs.assertVerdict(world, file, EXPECTED.get(file), jobId,
                world.invoke(ShipgateWorld.GATE, GateJobs.scanAnswerJob(world, file, jobId)));
    }
}
