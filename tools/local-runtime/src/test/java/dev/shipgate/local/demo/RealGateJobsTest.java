package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.testing.CodePipelineStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published CodePipeline job event, and every published basic-scan DescribeImageScanFindings answer, through
 * the scan-gate in the real runtime client. (Scanner reports and enhanced answers: {@link RealGatePayloadsTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealGateJobsTest {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ShipgateWorld world;

    @BeforeAll
    void start() {
        world = new ShipgateWorld(RealPayloads.ROOT, Workspace.params(RealPayloads.ROOT), Workspace.workDir(RealPayloads.ROOT), true, line -> { });
    }

    @AfterAll
    void stop() {
        world.close();
    }

    static Stream<String> jobEvents() {
        return RealPayloads.files("scan-gate/jobs");
    }

    static Stream<String> basicScanAnswers() {
        return RealPayloads.files("scan-gate/ecr").filter(f -> RealPayloads.json(f).has("imageScanStatus"))
                .filter(f -> !RealPayloads.json(f).path("imageScanFindings").has("enhancedFindings"));
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

    /** The AWS CLI's published answer: one MEDIUM finding (CVSS2 4.6 as a string), below the stack's HIGH. */
    @ParameterizedTest
    @MethodSource("basicScanAnswers")
    void invoke_jobWhileEcrAnswersAsPublished_passesBelowTheStacksSeverity(String file) {
        assertThat(RealPayloads.json(file).at("/imageScanFindings/findingSeverityCounts").properties())
                .allSatisfy(count -> assertThat(count.getKey()).isIn("MEDIUM", "LOW", "INFORMATIONAL"));
        String jobId = UUID.randomUUID().toString();

        InvokeResult result = world.invoke(ShipgateWorld.GATE, GateJobs.scanAnswerJob(world, file, jobId));

        GateJobs.assertVerdict(world, file, new GateJobs.Expected(true, null, "basic scan below HIGH"), jobId, result);
    }
}
