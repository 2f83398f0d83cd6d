package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.CodePipelineStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Published Clair, Trivy and Grype reports judged as the build's output artifact, through the handler. */
class ScanReportJobTest {

    private static final String STRETCH = "sha256:fe3d51dd3262e5d9b9584603da59e387619234d95182351e4f493a1e5998f1f0";
    private static final String TRIVY_ALPINE = "sha256:b1c5a500182b21d0bfa5a584a8526b56d8be316f89e87d951be04abed2446e60";
    private static final String GRYPE_IMAGE = "sha256:ca738abb87a8d58f112d3400ebb079b61ceae7dc290beb34bda735be4b1941d5";

    private TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private String reportJob(String digest, String key, String path) {
        bed.scanReportPath = path;
        bed.pushReportedImage(digest);
        return TestBed.event("job-clair-report.json", p -> {
            p.put("imageDigest", digest);
            p.remove("clairReport");
            p.put(key, path);
        });
    }

    @Test
    void handle_clairActionDebianStretch_blocksOnTheCvssEnrichment() {
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/clair.json", RealPayloads.corpusText("clair/clair-action-debian_stretch.json")));
        String event = reportJob(STRETCH, "clairReport", "reports/clair.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        JsonNode failure = result.request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText()).contains("at or above HIGH").contains("CRITICAL (CVSS 9.8)");
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(verdict.path("scanSource").asText()).isEqualTo("CLAIR");
        assertThat(verdict.path("counts").path("CRITICAL").asInt()).isPositive();
    }

    @Test
    void handle_trivyRegistryReport_judgedBySamePolicy() {
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/trivy.json", RealPayloads.text("trivy/alpine-310-registry.json.golden")));
        String event = reportJob(TRIVY_ALPINE, "scanReport", "reports/trivy.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).as(result.request().toString()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("outputVariables").path("verdict").asText()).isEqualTo("PASS");
        assertThat(result.request().path("outputVariables").path("medium").asInt()).isPositive();
        assertThat(bed.onlyVerdict().path("scanSource").asText()).isEqualTo("TRIVY");
    }

    @Test
    void handle_trivyReportWithStricterPolicy_blocks() {
        bed.policy("failOnSeverity: MEDIUM\n");
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/trivy.json", RealPayloads.text("trivy/alpine-310-registry.json.golden")));
        String event = reportJob(TRIVY_ALPINE, "scanReport", "reports/trivy.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText()).contains("CVE-2019-1549 MEDIUM");
    }

    @Test
    void handle_grypeImageReport_blocksItsCritical() {
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/grype.json", RealPayloads.corpusText("grype/TestJsonImgsPresenter.json")));
        String event = reportJob(GRYPE_IMAGE, "scanReport", "reports/grype.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText()).contains("CVE-1999-0002 CRITICAL (CVSS 8.5) package-2");
        assertThat(bed.onlyVerdict().path("scanSource").asText()).isEqualTo("GRYPE");
    }

    @Test
    void handle_trivyReportThatFoundNoOsAndNoPackages_blocksUnlessThePolicyAllowsIt() {
        String report = RealPayloads.corpusText("trivy/alpine-39-skip.json");
        String digest = "sha256:055936d3920576da37aa9bc460d70c5f212028bda1c08c0879aedf03d7a66ea1";
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/trivy.json", report));
        String event = reportJob(digest, "scanReport", "reports/trivy.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText()).contains("Trivy report reports/trivy.json shows nothing scanned in sha256:055936d3920576da37aa9bc460d70c5f212028bda1c08c0879aedf03d7a66ea1 (OS family none, no results)");

        bed.allowUnsupportedImage = true;
        String again = TestBed.continuation(event, "7c8d9e0f-1234-4abc-8def-0123456789ab", null);
        bed.invoke(bed.handler(), again);

        CodePipelineStandIn.Call passed = bed.onlyResult(TestBed.jobId(again));
        assertThat(passed.operation()).as(passed.request().toString()).isEqualTo("PutJobSuccessResult");
        assertThat(passed.request().path("executionDetails").path("summary").asText()).contains("passed without findings because the stack sets AllowUnsupportedImage");
    }

    @Test
    void handle_reportOnAnotherImage_configurationError() {
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/grype.json", RealPayloads.corpusText("grype/TestJsonImgsPresenter.json")));
        String event = reportJob(TestBed.DIGEST, "scanReport", "reports/grype.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("Grype report reports/grype.json is for image " + GRYPE_IMAGE + ", not for " + TestBed.DIGEST);
    }

    @Test
    void handle_reportOnlyInTheSourceArtifact_isNotRead() {
        bed.putArtifact(TestBed.SOURCE_KEY, Map.of("reports/clair.json", RealPayloads.corpusText("clair/clair-action-debian_stretch.json")));
        String event = reportJob(STRETCH, "scanReport", "reports/clair.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("is in none of the build's output artifacts [BuildOutput]");
    }

    @Test
    void handle_reportWithAStringForFindings_configurationErrorNotAPass() {
        String digest = "sha256:" + "1".repeat(64);
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/trivy.json", "{\"SchemaVersion\":2,\"Metadata\":{\"RepoDigests\":[\"app@"
                + digest + "\"]},\"Results\":[{\"Target\":\"app\",\"Vulnerabilities\":\"[]\"}]}"));
        String event = reportJob(digest, "scanReport", "reports/trivy.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("'Results[0].Vulnerabilities' as a string where a list belongs");
    }
}
