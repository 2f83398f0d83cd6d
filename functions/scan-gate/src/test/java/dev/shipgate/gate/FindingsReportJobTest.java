package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.shipgate.gate.ScanResponses.scan;
import static dev.shipgate.gate.TestBed.DIGEST;
import static dev.shipgate.gate.TestBed.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings report of a job, end to end with moto_server's S3: written to the artifact bucket under the execution
 * id, linked from the verdict event and the job's message; and a report that cannot be written never changes the
 * verdict.
 */
class FindingsReportJobTest {

    static final String KEY = "shipgate-reports/shipgate-demo-pipeline/3f4e5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7/";
    static final String CONSOLE = "https://us-east-1.console.aws.amazon.com/s3/object/" + TestBed.BUCKET
            + "?region=us-east-1&bucketType=general&prefix=";

    TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed();
        bed.pushImage(true);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private void scanWith(String criticalPackage) {
        ScanResponses scan = scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2019-5188", "MEDIUM", "e2fsprogs", "1.44.1-1ubuntu1.1", "4.6");
        if (criticalPackage != null) {
            scan.basic("CVE-2024-5535", "CRITICAL", criticalPackage, "3.0.11-1~deb12u1", "9.1");
        }
        bed.queueScan(scan.counts(criticalPackage == null ? Map.of("MEDIUM", 1) : Map.of("CRITICAL", 1, "MEDIUM", 1)).json());
    }

    @Test
    void handle_fail_writesHtmlAndSarifUnderTheExecution_andLinksThemFromVerdictAndMessage() throws Exception {
        scanWith("<img src=x onerror=alert(1)>openssl");
        String event = TestBed.event("job-initial.json");
        String key = KEY + TestBed.jobId(event);

        bed.invoke(bed.handler(), event);

        ResponseBytes<GetObjectResponse> html = bed.s3.getObjectAsBytes(b -> b.bucket(TestBed.BUCKET).key(key + ".html"));
        assertThat(html.response().contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(html.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(html.asString(StandardCharsets.UTF_8)).contains("<tr class=\"BLOCKING\"").contains("CVE-2024-5535")
                .contains("&lt;img src=x onerror=alert(1)&gt;openssl").doesNotContain("<img");
        ResponseBytes<GetObjectResponse> sarif = bed.s3.getObjectAsBytes(b -> b.bucket(TestBed.BUCKET).key(key + ".sarif.json"));
        assertThat(sarif.response().contentType()).isEqualTo("application/sarif+json");
        JsonNode log = Json.MAPPER.readTree(sarif.asByteArray());
        assertThat(log.at("/runs/0/results")).hasSize(2);
        assertThat(log.at("/runs/0/properties/verdict").asText()).isEqualTo("FAIL");

        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("reportUrl").asText()).isEqualTo(CONSOLE + key + ".html");
        assertThat(verdict.path("sarifUrl").asText()).isEqualTo(CONSOLE + key + ".sarif.json");
        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().at("/failureDetails/message").asText()).startsWith("Deploy blocked: ")
                .endsWith("\nFull report: " + CONSOLE + key + ".html");
    }

    @Test
    void handle_pass_linksTheReportFromTheSummary() {
        scanWith(null);
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().at("/executionDetails/summary").asText()).startsWith("PASS: ")
                .endsWith("\nFull report: " + CONSOLE + KEY + TestBed.jobId(event) + ".html");
        assertThat(bed.onlyVerdict().path("reportUrl").asText()).endsWith(".html");
    }

    @Test
    void handle_passButTheReportCannotBeWritten_stillPasses_andSaysSo() {
        scanWith(null);
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handlerReportingTo("no-such-report-bucket"), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().at("/outputVariables/verdict").asText()).isEqualTo("PASS");
        assertThat(result.request().at("/executionDetails/summary").asText()).startsWith("PASS: ")
                .contains("\nFindings report not written (NoSuchBucketException: ").endsWith("the verdict stands.");
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("verdict").asText()).isEqualTo("PASS");
        assertThat(verdict.has("reportUrl")).isFalse();
        assertThat(verdict.path("summary").asText()).contains("Findings report not written");
        assertThat(bed.context.allLogs()).contains("\"event\":\"report-write-failed\"");
    }

    @Test
    void handle_failButTheReportCannotBeWritten_stillFails() {
        scanWith("openssl");
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handlerReportingTo("no-such-report-bucket"), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().at("/failureDetails/type").asText()).isEqualTo("JobFailed");
        assertThat(result.request().at("/failureDetails/message").asText()).startsWith("Deploy blocked: ")
                .contains("CVE-2024-5535").contains("Findings report not written (NoSuchBucketException");
        assertThat(bed.onlyVerdict().path("verdict").asText()).isEqualTo("FAIL");
    }
}
