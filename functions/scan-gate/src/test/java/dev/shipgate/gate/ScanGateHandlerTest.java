package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.gate.job.ContinuationToken;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.shipgate.gate.ScanResponses.scan;
import static dev.shipgate.gate.TestBed.DIGEST;
import static dev.shipgate.gate.TestBed.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

/** The handler end to end: ECR, S3 and SNS on moto_server, the CodePipeline job API on its stand-in. */
class ScanGateHandlerTest {

    TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    static String completeBasic() {
        return scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11-1~deb12u1", "9.1")
                .basic("CVE-2019-5188", "MEDIUM", "e2fsprogs", "1.44.1-1ubuntu1.1", "4.6")
                .basic("CVE-2023-0001", "UNDEFINED", "tzdata", "2024a", "2.1")
                .counts(Map.of("CRITICAL", 1, "MEDIUM", 1, "UNDEFINED", 1)).json();
    }

    @Test
    void handle_criticalFindingsAboveThreshold_failsJob() {
        bed.pushImage(true);
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        JsonNode failure = result.request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText())
                .startsWith("Deploy blocked: shipgate-demo@" + DIGEST)
                .contains("1 finding at or above HIGH")
                .contains("- CVE-2024-5535 CRITICAL (CVSS 9.1) openssl 3.0.11-1~deb12u1, fix unknown https://security-tracker.debian.org/tracker/CVE-2024-5535")
                .contains("Counts before exceptions: CRITICAL 1, HIGH 0, MEDIUM 1, LOW 0, INFORMATIONAL 0, UNDEFINED 1")
                .doesNotContain("CVE-2019-5188 MEDIUM");
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("type").asText()).isEqualTo("shipgate.scan-gate.verdict");
        assertThat(verdict.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(verdict.path("scanSource").asText()).isEqualTo("ECR_BASIC");
        assertThat(verdict.path("pipelineName").asText()).isEqualTo("shipgate-demo-pipeline");
        assertThat(verdict.path("pipelineExecutionId").asText()).isEqualTo("3f4e5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7");
        assertThat(verdict.path("jobId").asText()).isEqualTo(TestBed.jobId(event));
        assertThat(verdict.path("imageDigest").asText()).isEqualTo(DIGEST);
        assertThat(verdict.path("blockingCount").asInt()).isEqualTo(1);
        assertThat(verdict.path("blocking").get(0).path("id").asText()).isEqualTo("CVE-2024-5535");
        assertThat(verdict.path("counts").path("UNDEFINED").asInt()).isEqualTo(1);
    }

    @Test
    void handle_noFindingAtThreshold_succeedsWithOutputVariables() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2019-5188", "MEDIUM", "e2fsprogs", "1.44.1", "4.6")
                .basic("CVE-2020-1", "LOW", "bash", "5.1", "2.1")
                .counts(Map.of("MEDIUM", 1, "LOW", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().has("continuationToken")).isFalse();
        assertThat(result.request().path("outputVariables")).isEqualTo(bed.json(
                "{\"IMAGE_URI\":\"" + TestBed.REPOSITORY_URI + "@" + DIGEST + "\",\"IMAGE_DIGEST\":\"" + DIGEST + "\",\"critical\":\"0\",\"high\":\"0\",\"medium\":\"1\",\"low\":\"1\",\"informational\":\"0\",\"undefined\":\"0\","
                        + "\"blocking\":\"0\",\"excepted\":\"0\",\"verdict\":\"PASS\"}"));
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .startsWith("PASS: shipgate-demo@" + DIGEST + " has no blocking findings");
        assertThat(bed.onlyVerdict().path("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void handle_enhancedScanSettledAcrossTwoReads_evaluatesEnhancedFindings() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .enhanced("CVE-2022-49043", "HIGH", "libxml2", "2.9.14", null, "NO", 8.1)
                .enhanced("CVE-2025-0001", "UNTRIAGED", "busybox", "1.36", null, "NO", 0.0)
                .counts(Map.of("HIGH", 1, "UNTRIAGED", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText())
                .contains("CVE-2022-49043 HIGH (CVSS 8.1) libxml2 2.9.14, no fix available https://security-tracker.debian.org/tracker/CVE-2022-49043");
        assertThat(bed.sleeps).hasSize(1);
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("scanSource").asText()).isEqualTo("ECR_ENHANCED");
        assertThat(verdict.path("counts").path("UNTRIAGED").asInt()).isEqualTo(1);
    }

    @Test
    void handle_enhancedScanWithoutTimeForSecondRead_continuesAndSettlesOnNextInvocation() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "ACTIVE", "Continuous scan is selected for image.")
                .enhanced("CVE-2022-49043", "HIGH", "libxml2", "2.9.14", "2.9.14+dfsg-1.3~deb12u1", "YES", 8.1)
                .counts(Map.of("HIGH", 1)).json());
        String event = TestBed.event("job-initial.json");
        ScanGateHandler handler = bed.handler(bed.ecr, new Timing(Duration.ZERO, Duration.ZERO, 1), bed.topicArn);

        bed.invoke(handler, event);

        CodePipelineStandIn.Call first = bed.onlyResult(TestBed.jobId(event));
        assertThat(first.operation()).isEqualTo("PutJobSuccessResult");
        String token = first.request().path("continuationToken").asText();
        assertThat(token.length()).isBetween(1, 2048);
        ContinuationToken decoded = ContinuationToken.decode(token);
        assertThat(decoded.counts()).isEqualTo(Map.of("HIGH", 1));
        assertThat(decoded.digest()).isEqualTo(DIGEST);
        assertThat(decoded.started()).isEqualTo(TestBed.NOW);
        assertThat(first.request().path("executionDetails").path("summary").asText()).contains("still settling");
        assertThat(bed.verdicts()).isEmpty();

        String next = TestBed.continuation(event, "6d8e7f01-1233-44d5-a0f1-6c7d8e9fa0b1", token);
        bed.invoke(handler, next);

        CodePipelineStandIn.Call second = bed.onlyResult(TestBed.jobId(next));
        assertThat(second.operation()).isEqualTo("PutJobFailureResult");
        assertThat(second.request().path("failureDetails").path("message").asText()).contains("fixed in 2.9.14+dfsg-1.3~deb12u1");
    }

    @Test
    void handle_scanNotFoundYet_continuesWithTokenThenTimesOutWithRemedy() {
        bed.pushImage(false);
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call first = bed.onlyResult(TestBed.jobId(event));
        assertThat(first.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(first.request().path("executionDetails").path("summary").asText()).contains("no scan for shipgate-demo@" + DIGEST + " yet");
        ContinuationToken token = ContinuationToken.decode(first.request().path("continuationToken").asText());
        assertThat(bed.sleeps).hasSize(1);

        ContinuationToken old = new ContinuationToken(1, TestBed.NOW.minus(Duration.ofMinutes(31)).getEpochSecond(), token.attempt(),
                token.digest(), null, token.coverageChecked());
        String late = TestBed.continuation(event, "7e9f8012-2344-45e6-b102-7d8e9fa0b1c2", old.encode());
        bed.invoke(bed.handler(), late);

        CodePipelineStandIn.Call timeout = bed.onlyResult(TestBed.jobId(late));
        assertThat(timeout.operation()).isEqualTo("PutJobFailureResult");
        assertThat(timeout.request().path("failureDetails").path("type").asText()).isEqualTo("JobFailed");
        assertThat(timeout.request().path("failureDetails").path("message").asText())
                .contains("No ECR scan of shipgate-demo@" + DIGEST + " appeared before the scan-gate deadline")
                .contains("Is scan on push (basic scanning) or enhanced scanning enabled for repository 'shipgate-demo'?");
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("verdict").asText()).isEqualTo("ERROR");
        assertThat(verdict.path("summary").asText()).startsWith("JobFailed: No ECR scan");
    }

    @Test
    void handle_continuationSampleEvent_keepsTheOriginalStartTime() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "IN_PROGRESS", null).json());
        String event = TestBed.event("job-continuation.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        ContinuationToken next = ContinuationToken.decode(result.request().path("continuationToken").asText());
        assertThat(next.started()).isEqualTo(Instant.parse("2026-11-27T22:00:00Z"));
        assertThat(next.attempt()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "IN_PROGRESS"})
    void handle_scanNotFinished_continues(String status) {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, status, status.equals("PENDING") ? "Pending start of the image scan." : null).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("executionDetails").path("summary").asText()).contains("scan " + status);
        assertThat(result.request().has("outputVariables")).isFalse();
        assertThat(bed.verdicts()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FAILED|UnsupportedImageError: The operating system and/or package manager are not supported.|JobFailed|FAILED: UnsupportedImageError",
            "UNSUPPORTED_IMAGE|The operating system and/or package manager are not supported.|JobFailed|have the stack owner set AllowUnsupportedImage=true",
            "SCAN_ELIGIBILITY_EXPIRED|The image is no longer eligible for scanning.|JobFailed|lengthen the registry's enhanced-scanning re-scan duration",
            "FINDINGS_UNAVAILABLE|Findings are unavailable for this image.|JobFailed|FINDINGS_UNAVAILABLE: Findings are unavailable",
            "LIMIT_EXCEEDED|Scan limit reached for this image.|JobFailed|LIMIT_EXCEEDED: Scan limit reached",
            "IMAGE_ARCHIVED|The image is archived.|ConfigurationError|restore it",
            "SOMETHING_NEW|A status added later.|JobFailed|Unknown ECR scan status 'SOMETHING_NEW'"
    })
    void handle_terminalScanStatus_failsClosedWithScanDescription(String status, String description, String type, String expected) {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, status, description).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("type").asText()).isEqualTo(type);
        assertThat(result.request().path("failureDetails").path("message").asText()).contains(description).contains(expected);
        assertThat(bed.onlyVerdict().path("verdict").asText()).isEqualTo("ERROR");
    }

    @Test
    void handle_unsupportedImageAllowedByTheStack_passesWithWarning() {
        bed.pushImage(true);
        bed.allowUnsupportedImage = true;
        bed.queueScan(scan(REPOSITORY, DIGEST, "UNSUPPORTED_IMAGE", "The operating system and/or package manager are not supported.").json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .contains("Warning: ECR cannot scan this image (UNSUPPORTED_IMAGE");
    }

    @Test
    void handle_policyExceptions_applyAndReportExpiredUnusedAndExpiring() {
        bed.pushImage(true);
        bed.policy("""
                failOnSeverity: MEDIUM
                exceptions:
                  - id: CVE-2024-5535
                    package: openssl
                    reason: only the CLI links the vulnerable function
                    expires: 2026-12-01
                  - id: CVE-2019-5188
                    reason: was accepted last quarter
                    expires: 2026-11-26
                  - id: CVE-2021-9999
                    reason: fixed long ago
                    expires: 2027-01-15
                """);
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText())
                .contains("1 finding at or above MEDIUM")
                .contains("- CVE-2019-5188 MEDIUM")
                .doesNotContain("- CVE-2024-5535")
                .contains("Counts after exceptions: CRITICAL 0, HIGH 0, MEDIUM 1, LOW 0, INFORMATIONAL 0, UNDEFINED 1 (1 excepted, 0 ignored by policy)")
                .contains("Expired exceptions (no longer applied): CVE-2019-5188 expires 2026-11-26")
                .contains("Unused exceptions (matched nothing; remove them): CVE-2021-9999")
                .contains("Exceptions expiring within 7 days: CVE-2024-5535 (openssl) expires 2026-12-01");
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("expiredExceptions").toString()).isEqualTo("[\"CVE-2019-5188\"]");
        assertThat(verdict.path("unusedExceptions").toString()).isEqualTo("[\"CVE-2021-9999\"]");
        assertThat(verdict.path("expiringSoon").toString()).isEqualTo("[\"CVE-2024-5535\"]");
        assertThat(verdict.path("counts").path("CRITICAL").asInt()).isEqualTo(1);
    }

    @Test
    void handle_auditUntilInFuture_passesWithAuditVerdict() {
        bed.pushImage(true);
        bed.policy("auditUntil: 2026-12-31\n");
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("outputVariables").path("verdict").asText()).isEqualTo("AUDIT");
        assertThat(result.request().path("outputVariables").path("blocking").asText()).isEqualTo("1");
        assertThat(result.request().path("executionDetails").path("summary").asText()).contains("audit mode until 2026-12-31");
        assertThat(bed.onlyVerdict().path("verdict").asText()).isEqualTo("AUDIT");
    }

    @Test
    void handle_userParametersFailOnSeverity_overridesPolicyFile() {
        bed.pushImage(true);
        bed.policy("failOnSeverity: MEDIUM\n");
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json", p -> p.put("failOnSeverity", "HIGH"));

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.request().path("failureDetails").path("message").asText())
                .contains("1 finding at or above HIGH")
                .contains("(.shipgate/policy.yaml (artifact SourceOutput) + UserParameters.failOnSeverity)");
    }

    @Test
    void handle_noPolicyFileInSourceArtifact_usesFunctionDefaults() {
        bed.pushImage(true);
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails").path("message").asText())
                .contains("breaks the vulnerability policy (defaults (no .shipgate/policy.yaml in artifact SourceOutput)): 1 finding at or above HIGH");
    }

    @Test
    void handle_userParametersPolicyFileSameAsTheStacks_isAccepted() {
        bed.pushImage(true);
        bed.policy("failOnSeverity: MEDIUM\n");
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json", p -> p.put("policyFile", ".shipgate/policy.yaml"));

        bed.invoke(bed.handler(), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails").path("message").asText())
                .contains("(.shipgate/policy.yaml (artifact SourceOutput)): 2 findings at or above MEDIUM");
    }

    @Test
    void handle_invalidPolicy_configurationErrorNamingTheProblem() {
        bed.pushImage(true);
        bed.policy("exceptions:\n  - id: CVE-2024-5535\n    expires: 2026-12-01\n");
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).isEqualTo(
                "Invalid policy file .shipgate/policy.yaml (artifact SourceOutput): exceptions[0] (CVE-2024-5535): 'reason' is required and must be a non-empty text");
    }

    @Test
    void handle_missingSourceArtifact_configurationError() {
        bed.pushImage(true);
        bed.s3.deleteObject(b -> b.bucket(TestBed.BUCKET).key(TestBed.SOURCE_KEY));
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).startsWith("Input artifact SourceOutput (s3://" + TestBed.BUCKET + "/"
                + TestBed.SOURCE_KEY + ") does not exist");
    }

    @Test
    void handle_noInputArtifacts_configurationError() {
        String event = TestBed.event("job-no-input-artifacts.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("has no input artifact");
    }

    @Test
    void handle_malformedUserParameters_configurationError() {
        String event = TestBed.event("job-bad-user-parameters.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).startsWith("UserParameters is not valid JSON");
        assertThat(bed.onlyVerdict().path("verdict").asText()).isEqualTo("ERROR");
    }

    @Test
    void handle_unknownRepository_configurationError() {
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("ECR repository 'shipgate-demo' does not exist");
    }

    @Test
    void handle_clairReportInBuildArtifact_judgesTheReport() {
        bed.scanReportPath = "reports/clair.json";
        bed.pushReportedImage(DIGEST);
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/clair.json", Events.read("scan-gate", "clair-report.json")));
        String event = TestBed.event("job-clair-report.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText())
                .contains("2 findings at or above HIGH")
                .contains("- CVE-2024-5535 CRITICAL (CVSS 9.1) openssl 3.0.11-1~deb12u1, fixed in 3.0.14-1~deb12u1 https://security-tracker.debian.org/tracker/CVE-2024-5535\n"
                        + "- CVE-2024-45490 HIGH (CVSS 9.8) libexpat1 2.5.0-1, fixed in 2.5.0-1+deb12u1 https://security-tracker.debian.org/tracker/CVE-2024-45490")
                .contains("MEDIUM 1");
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("scanSource").asText()).isEqualTo("CLAIR");
        assertThat(verdict.path("blocking").get(0).path("id").asText()).isEqualTo("CVE-2024-5535");
    }

    @Test
    void handle_clairReportWithDocumentedPolicy_exceptionAndAuditApply() {
        bed.scanReportPath = "reports/clair.json";
        bed.pushReportedImage(DIGEST);
        bed.policy(Events.read("scan-gate", "policy-example.yaml"));
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/clair.json", Events.read("scan-gate", "clair-report.json")));
        String event = TestBed.event("job-clair-report.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("outputVariables").path("verdict").asText()).isEqualTo("AUDIT");
        assertThat(result.request().path("outputVariables").path("excepted").asText()).isEqualTo("1");
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .contains("Would block: CVE-2024-5535 CRITICAL openssl")
                .contains("Unused exceptions: CVE-2023-4911");
    }

    @Test
    void handle_clairReportMissing_configurationError() {
        bed.scanReportPath = "reports/clair.json";
        bed.pushReportedImage(DIGEST);
        String event = TestBed.event("job-clair-report.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("Scan report reports/clair.json (SCAN_REPORT_PATH) is in none of the build's output artifacts [BuildOutput]");
    }

    @Test
    void handle_clairReportForAnotherImage_configurationError() {
        bed.scanReportPath = "reports/clair.json";
        bed.pushReportedImage(DIGEST);
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/clair.json",
                Events.read("scan-gate", "clair-report.json").replace(DIGEST, "sha256:" + "c".repeat(64))));
        String event = TestBed.event("job-clair-report.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("is for image sha256:cccc");
    }

    @Test
    void handle_imageTagOnly_pinsTheResolvedDigestInTheToken() {
        bed.pushImage(true);
        bed.moto.queueEcrScanFindings("[" + scan(REPOSITORY, DIGEST, "IN_PROGRESS", null).json()
                .replace("{\"imageDigest\":\"" + DIGEST + "\"}", "{\"imageDigest\":\"" + DIGEST + "\",\"imageTag\":\"" + TestBed.TAG + "\"}") + "]");
        String event = TestBed.event("job-image-tag.json");

        // One read per invocation: moto keys queued results by the request's imageId, so a second read by digest
        // would get moto's static default instead of the queued result.
        bed.invoke(bed.handler(bed.ecr, new Timing(Duration.ZERO, Duration.ZERO, 1), bed.topicArn), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).as(result.request().toString()).isEqualTo("PutJobSuccessResult");
        assertThat(ContinuationToken.decode(result.request().path("continuationToken").asText()).digest()).isEqualTo(DIGEST);
    }

    @Test
    void handle_jobAlreadyFinished_neverReportsTwice() {
        bed.pushImage(true);
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");
        bed.codePipeline.withFinishedJob(TestBed.jobId(event));

        bed.invoke(bed.handler(), event);

        assertThat(bed.codePipeline.jobResults(TestBed.jobId(event))).isEmpty();
        assertThat(bed.codePipeline.calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("PutJobFailureResult");
            assertThat(call.errorType()).isEqualTo("InvalidJobStateException");
        });
        assertThat(bed.context.allLogs()).contains("\"event\":\"job-already-finished\"");
    }

    @Test
    void handle_eventWithoutJobId_logsAndReportsNothing() {
        bed.invoke(bed.handler(), TestBed.event("job-malformed-no-job-id.json"));
        bed.invoke(bed.handler(), "this is not json");

        assertThat(bed.codePipeline.calls()).isEmpty();
        assertThat(bed.context.logLines()).filteredOn(l -> l.contains("\"event\":\"malformed-event\"")).hasSize(2);
    }

    /** Powertools' published job event has id {@code c0d76431-b0e7-xmpl-97e3-e8ee786eb6f6}: no result can be reported for it. */
    @Test
    void handle_jobIdNotAUuid_logsAndReportsNothing() {
        String event = TestBed.event("job-initial.json");
        event = event.replace(TestBed.jobId(event), "c0d76431-b0e7-xmpl-97e3-e8ee786eb6f6");

        bed.invoke(bed.handler(), event);

        assertThat(bed.codePipeline.calls()).isEmpty();
        assertThat(bed.context.logLines()).filteredOn(l -> l.contains("\"event\":\"malformed-event\"") && l.contains("not a job id"))
                .hasSize(1);
    }

    @Test
    void handle_verdictPublishFails_jobResultUnchanged() {
        bed.pushImage(true);
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(bed.ecr, TestBed.FAST, "arn:aws:sns:us-east-1:123456789012:no-such-topic"), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.request().path("failureDetails").path("type").asText()).isEqualTo("JobFailed");
        assertThat(bed.context.allLogs()).contains("\"event\":\"verdict-publish-failed\"");
    }

    @Test
    void handle_putJobResultThrottledOnce_sdkRetriesAndReportsOnce() {
        bed.pushImage(true);
        bed.queueScan(completeBasic());
        String event = TestBed.event("job-initial.json");
        bed.codePipeline.failNext("PutJobFailureResult", 1, 400, "ThrottlingException");

        bed.invoke(bed.handler(), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails").path("type").asText()).isEqualTo("JobFailed");
        assertThat(bed.codePipeline.calls("PutJobFailureResult")).hasSize(2);
    }

    @Test
    void handle_successResultRejected_fallsBackToSystemUnavailable() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", null).basic("CVE-1", "LOW", "bash", "5", "1.0").json());
        String event = TestBed.event("job-initial.json");
        bed.codePipeline.failNext("PutJobSuccessResult", 1, 400, "ValidationException");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("type").asText()).isEqualTo("SystemUnavailable");
        assertThat(result.request().path("failureDetails").path("message").asText()).contains("CodePipeline refused it");
    }
}
