package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.gate.job.ContinuationToken;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.time.Duration;
import java.util.Map;

import static dev.shipgate.gate.ScanResponses.scan;
import static dev.shipgate.gate.TestBed.DIGEST;
import static dev.shipgate.gate.TestBed.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What moto cannot show (multi-page findings, a status that changes, enhanced counts that settle, ECR errors):
 * the real EcrClient against the ECR scan stand-in; S3, SNS and CodePipeline as in the other handler tests.
 */
class ScanProgressionTest {

    TestBed bed;
    EcrScanStandIn ecrStandIn;
    EcrClient ecr;

    @BeforeEach
    void setUp() {
        bed = new TestBed();
        ecrStandIn = new EcrScanStandIn().start();
        ecr = TestClients.local(EcrClient.builder(), ecrStandIn.endpoint());
    }

    @AfterEach
    void tearDown() {
        ecrStandIn.close();
        bed.close();
    }

    ScanGateHandler handler(int readsPerInvocation) {
        return bed.handler(ecr, new Timing(Duration.ofSeconds(15), Duration.ofSeconds(20), readsPerInvocation), bed.topicArn);
    }

    @Test
    void handle_inProgressThenComplete_judgesWithinOneInvocation() {
        ecrStandIn.thenAnswer(scan(REPOSITORY, DIGEST, "IN_PROGRESS", null).json())
                .thenAnswer(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                        .basic("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11", "9.1").counts(Map.of("CRITICAL", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(4), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText()).contains("CVE-2024-5535 CRITICAL");
        assertThat(bed.sleeps).containsExactly(15_000);
        assertThat(ecrStandIn.requests()).hasSize(2);
    }

    @Test
    void handle_notEnoughLambdaTimeLeft_handsOverInsteadOfSleeping() {
        ecrStandIn.thenAnswer(scan(REPOSITORY, DIGEST, "IN_PROGRESS", null).json());
        String event = TestBed.event("job-initial.json");
        var shortContext = new dev.shipgate.testing.TestContext(30_000);

        handler(4).handleRequest(new java.io.ByteArrayInputStream(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new java.io.ByteArrayOutputStream(), shortContext);

        assertThat(bed.onlyResult(TestBed.jobId(event)).request().has("continuationToken")).isTrue();
        assertThat(bed.sleeps).isEmpty();
    }

    @Test
    void handle_findingsOnThreePages_readsEveryPage() {
        ecrStandIn.thenAnswer(scan(REPOSITORY, DIGEST, "COMPLETE", null)
                        .basic("CVE-2024-0001", "HIGH", "p1", "1", "7.5").basic("CVE-2024-0002", "LOW", "p2", "1", "2.0")
                        .counts(Map.of("HIGH", 1, "LOW", 2, "CRITICAL", 1, "MEDIUM", 1)).nextToken("page-2").json())
                .page("page-2", scan(REPOSITORY, DIGEST, "COMPLETE", null)
                        .basic("CVE-2024-0003", "LOW", "p3", "1", "2.0").basic("CVE-2024-0004", "MEDIUM", "p4", "1", "5.0")
                        .nextToken("page-3").json())
                .page("page-3", scan(REPOSITORY, DIGEST, "COMPLETE", null)
                        .basic("CVE-2024-0005", "CRITICAL", "p5", "1", "10.0").json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(4), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.request().path("failureDetails").path("message").asText())
                .contains("Counts before exceptions: CRITICAL 1, HIGH 1, MEDIUM 1, LOW 2")
                .contains("- CVE-2024-0005 CRITICAL (CVSS 10.0) p5 1, fix unknown https://security-tracker.debian.org/tracker/CVE-2024-0005\n"
                        + "- CVE-2024-0001 HIGH");
        assertThat(ecrStandIn.requests()).extracting(r -> r.path("nextToken").asText(null)).containsExactly(null, "page-2", "page-3");
        assertThat(ecrStandIn.requests()).allSatisfy(r -> {
            assertThat(r.path("maxResults").asInt()).isEqualTo(1000);
            assertThat(r.path("imageId").path("imageDigest").asText()).isEqualTo(DIGEST);
        });
    }

    @Test
    void handle_enhancedCountsChangeBetweenInvocations_waitsUntilTwoReadsAgree() {
        String one = scan(REPOSITORY, DIGEST, "COMPLETE", null).enhanced("CVE-2024-1", "HIGH", "a", "1", "2", "YES", 7.5)
                .counts(Map.of("HIGH", 1)).json();
        String two = scan(REPOSITORY, DIGEST, "COMPLETE", null).enhanced("CVE-2024-1", "HIGH", "a", "1", "2", "YES", 7.5)
                .enhanced("CVE-2024-2", "CRITICAL", "b", "1", "2", "YES", 9.8).counts(Map.of("HIGH", 1, "CRITICAL", 1)).json();
        ecrStandIn.thenAnswer(one).thenAnswer(two).thenAnswer(two);
        ScanGateHandler handler = handler(1);
        String first = TestBed.event("job-initial.json");

        bed.invoke(handler, first);
        String token1 = bed.onlyResult(TestBed.jobId(first)).request().path("continuationToken").asText();
        String second = TestBed.continuation(first, "8fa09123-3455-46f7-8213-8e9fa0b1c2d3", token1);
        bed.invoke(handler, second);
        String token2 = bed.onlyResult(TestBed.jobId(second)).request().path("continuationToken").asText();
        String third = TestBed.continuation(first, "90b1a234-4566-4708-9324-9fa0b1c2d3e4", token2);
        bed.invoke(handler, third);

        assertThat(ContinuationToken.decode(token1).counts()).isEqualTo(Map.of("HIGH", 1));
        assertThat(ContinuationToken.decode(token2).counts()).isEqualTo(Map.of("HIGH", 1, "CRITICAL", 1));
        assertThat(ContinuationToken.decode(token2).attempt()).isEqualTo(3);
        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(third));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText()).contains("2 findings at or above HIGH");
        assertThat(bed.onlyVerdict().path("scanSource").asText()).isEqualTo("ECR_ENHANCED");
    }

    @Test
    void handle_enhancedCompleteWithoutCounts_keepsWaiting() {
        ecrStandIn.thenAnswer(scan(REPOSITORY, DIGEST, "COMPLETE", null).enhanced("CVE-2024-1", "HIGH", "a", "1", null, "NO", 7.5).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(2), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .contains("Inspector has not reported severity counts yet");
        assertThat(ecrStandIn.requests()).hasSize(2);
    }

    @Test
    void handle_completeWithoutAnyFinding_usesRegistryScanTypeToDecide() {
        String empty = scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.").json();
        ecrStandIn.thenAnswer(empty).registryScanType("ENHANCED");
        String enhancedEvent = TestBed.event("job-initial.json");

        bed.invoke(handler(1), enhancedEvent);

        assertThat(bed.onlyResult(TestBed.jobId(enhancedEvent)).request().has("continuationToken")).isTrue();

        ecrStandIn.registryScanType("BASIC");
        String basicEvent = TestBed.continuation(enhancedEvent, "a1c2b345-5677-4819-a435-a0b1c2d3e4f5",
                ContinuationToken.first(TestBed.NOW).encode());
        bed.invoke(handler(1), basicEvent);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(basicEvent));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("outputVariables").path("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void handle_manifestAccessDenied_permissionErrorNamingBatchGetImage() {
        ecrStandIn.failOperation("BatchGetImage", 400, "AccessDeniedException");
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(1), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("PermissionError");
        assertThat(failure.path("message").asText()).contains("reading the manifest of shipgate-demo@" + DIGEST + " (ecr:BatchGetImage)");
    }

    @Test
    void handle_ecrAccessDenied_permissionError() {
        ecrStandIn.failOperation("DescribeImageScanFindings", 400, "AccessDeniedException");
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(1), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("PermissionError");
        assertThat(failure.path("message").asText()).startsWith("Access denied while reading the scan of shipgate-demo@" + DIGEST
                + " (AccessDeniedException: injected by the test)");
    }

    @Test
    void handle_noScanAndScanningConfigurationAccessDenied_permissionError() {
        ecrStandIn.failOperation("GetRegistryScanningConfiguration", 400, "AccessDeniedException");
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(1), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("PermissionError");
        assertThat(failure.path("message").asText()).startsWith("Access denied while reading the scanning configuration of"
                + " repository 'shipgate-demo' (AccessDeniedException: injected by the test)");
    }

    @Test
    void handle_nothingScansTheRepository_startsOneScanAndChecksOnlyOnce() {
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(3), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).operation()).isEqualTo("PutJobSuccessResult");
        assertThat(ecrStandIn.operations()).containsExactly("BatchGetImage", "DescribeImageScanFindings", "GetRegistryScanningConfiguration",
                "BatchGetRepositoryScanningConfiguration", "DescribeRepositories", "StartImageScan",
                "DescribeImageScanFindings", "DescribeImageScanFindings");
    }

    @Test
    void handle_startImageScanUnsupportedImage_configurationErrorEvenWhenTheStackAllowsUnsupportedImages() {
        bed.allowUnsupportedImage = true;
        JsonNode failure = failureWhenStartImageScanAnswers("UnsupportedImageTypeException");
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("(UnsupportedImageTypeException: injected by the test)")
                .contains("--provenance=false");
    }

    @Test
    void handle_startImageScanLimitExceededAndStillNoScan_failsWithEcrsReason() {
        JsonNode failure = failureWhenStartImageScanAnswers("LimitExceededException");
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText()).contains("ECR refused to scan shipgate-demo@" + DIGEST
                + " (LimitExceededException: injected by the test) and has no scan of it");
    }

    @Test
    void handle_startImageScanLimitExceededButAScanAppeared_waitsForThatScan() {
        ecrStandIn.failOperation("StartImageScan", 400, "LimitExceededException")
                .thenNotFound().thenAnswer(scan(REPOSITORY, DIGEST, "IN_PROGRESS", null).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(1), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("executionDetails").path("summary").asText()).contains("scan IN_PROGRESS");
    }

    @Test
    void handle_startImageScanAccessDenied_permissionError() {
        JsonNode failure = failureWhenStartImageScanAnswers("AccessDeniedException");
        assertThat(failure.path("type").asText()).isEqualTo("PermissionError");
        assertThat(failure.path("message").asText()).contains("starting a basic scan of shipgate-demo@" + DIGEST + " (ecr:StartImageScan)");
    }

    private JsonNode failureWhenStartImageScanAnswers(String errorType) {
        ecrStandIn.failOperation("StartImageScan", 400, errorType);
        String event = TestBed.event("job-initial.json");
        bed.invoke(handler(1), event);
        return bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
    }

    @Test
    void handle_ecrThrottlingPersists_systemUnavailable() {
        ecrStandIn.failNext(10, 400, "ThrottlingException");
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(1), event);

        JsonNode failure = bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails");
        assertThat(failure.path("type").asText()).isEqualTo("SystemUnavailable");
        assertThat(failure.path("message").asText()).contains("throttling or unavailable").contains("re-run the stage");
    }

    @Test
    void handle_ecrServerError_systemUnavailable() {
        ecrStandIn.failNext(10, 500, "ServerException");
        String event = TestBed.event("job-initial.json");

        bed.invoke(handler(1), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).request().path("failureDetails").path("type").asText()).isEqualTo("SystemUnavailable");
    }
}
