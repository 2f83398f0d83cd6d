package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;

import static dev.shipgate.gate.ScanResponses.scan;
import static dev.shipgate.gate.TestBed.DIGEST;
import static dev.shipgate.gate.TestBed.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways through the gate an adversarial review found (issue "Nothing gets past the gate"), each tried end to end
 * against the handler: ECR, S3 and SNS on moto_server, the job API on the CodePipeline stand-in.
 */
class GateBypassTest {

    static final String OTHER_DIGEST = "sha256:" + "c".repeat(64);

    TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    static String oneHigh() {
        return scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2024-6119", "HIGH", "openssl", "3.0.11-1~deb12u1", "7.5")
                .counts(Map.of("HIGH", 1)).json();
    }

    JsonNode failure(String event) {
        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).as(result.request().toString()).isEqualTo("PutJobFailureResult");
        return result.request().path("failureDetails");
    }

    // ----- the repository cannot switch off its own gate -----

    @ParameterizedTest
    @ValueSource(strings = {"failOnSeverity: CRITICAL", "maxCounts: {HIGH: 10}", "auditUntil: 2030-01-01", "maxExceptionDays: 3650"})
    void handle_policyFileLooseningTheStackFloor_configurationErrorNamingTheKey(String yaml) {
        bed.pushImage(true);
        bed.policy(yaml + "\n");
        bed.queueScan(oneHigh());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).startsWith("Invalid policy file .shipgate/policy.yaml (artifact SourceOutput): "
                + yaml.substring(0, yaml.indexOf(':')));
    }

    @Test
    void handle_userParametersLooseningTheStackFloor_configurationError() {
        bed.pushImage(true);
        bed.queueScan(oneHigh());
        String event = TestBed.event("job-initial.json", p -> p.put("failOnSeverity", "CRITICAL"));

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("UserParameters.failOnSeverity CRITICAL is milder than the stack's FailOnSeverity HIGH");
    }

    @Test
    void handle_highFindingWithMinCvssAndIgnoreWithoutFix_stillBlocks() {
        bed.pushImage(true);
        bed.policy("minCvss: 9.5\nignoreWithoutFix: true\n");
        bed.queueScan(oneHigh());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        assertThat(failure(event).path("message").asText()).contains("1 finding at or above HIGH").contains("- CVE-2024-6119 HIGH");
    }

    // ----- the continuation token -----

    @Test
    void handle_continuationTokenNamingAnotherDigest_failsAndNeverReadsThatImage() {
        bed.pushImage(true);
        String otherManifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":7,"
                + "\"digest\":\"sha256:" + TestBed.sha256("other") + "\"},\"layers\":[]}";
        bed.ecr.putImage(b -> b.repositoryName(REPOSITORY).imageManifest(otherManifest).imageDigest(OTHER_DIGEST).imageTag("clean"));
        bed.ecr.startImageScan(b -> b.repositoryName(REPOSITORY).imageId(i -> i.imageDigest(OTHER_DIGEST)));
        bed.queueScan(scan(REPOSITORY, OTHER_DIGEST, "COMPLETE", "The scan was completed successfully.").json());
        String token = ContinuationToken.first(TestBed.NOW).next(OTHER_DIGEST, null, true).encode();
        String event = TestBed.continuation(TestBed.event("job-initial.json"), "8a0b9c12-3456-47f8-9abc-def012345678", token);

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText()).contains("The continuation token names image " + OTHER_DIGEST
                + " but UserParameters.imageDigest is " + DIGEST);
    }

    @Test
    void handle_tagOnlyJobWithTokenNamingAnotherDigest_failsInsteadOfJudgingThatImage() {
        bed.pushImage(true);
        bed.moto.queueEcrScanFindings("[" + scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.").json()
                .replace("{\"imageDigest\":\"" + DIGEST + "\"}", "{\"imageDigest\":\"" + DIGEST + "\",\"imageTag\":\"" + TestBed.TAG + "\"}") + "]");
        String token = ContinuationToken.first(TestBed.NOW).next(OTHER_DIGEST, null, true).encode();
        String event = TestBed.continuation(TestBed.event("job-image-tag.json"), "8a0b9c12-3456-47f8-9abc-def012345679", token);

        bed.invoke(bed.handler(bed.ecr, new Timing(Duration.ZERO, Duration.ZERO, 1), bed.topicArn), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText()).contains("Tag " + TestBed.TAG + " names image " + DIGEST
                + " in ECR, but the wait began for " + OTHER_DIGEST);
    }

    @Test
    void handle_continuationTokenStartedInTheFuture_fails() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "IN_PROGRESS", null).json());
        String token = ContinuationToken.first(TestBed.NOW.plus(Duration.ofDays(1))).next(DIGEST, null, true).encode();
        String event = TestBed.continuation(TestBed.event("job-initial.json"), "8a0b9c12-3456-47f8-9abc-def01234567a", token);

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText()).contains("in the future");
    }

    @Test
    void handle_policyFileAllowingUnsupportedImagesWhereTheStackDoesNot_configurationError() {
        bed.pushImage(true);
        bed.policy("allowUnsupportedImage: true\n");
        bed.queueScan(scan(REPOSITORY, DIGEST, "UNSUPPORTED_IMAGE", "The operating system and/or package manager are not supported.").json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("allowUnsupportedImage: true needs the stack's AllowUnsupportedImage=true");
    }

    @Test
    void handle_policyFileRefusingUnsupportedImagesWhereTheStackAllowsThem_blocks() {
        bed.allowUnsupportedImage = true;
        bed.pushImage(true);
        bed.policy("allowUnsupportedImage: false\n");
        bed.queueScan(scan(REPOSITORY, DIGEST, "UNSUPPORTED_IMAGE", "The operating system and/or package manager are not supported.").json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        assertThat(failure(event).path("message").asText()).contains("(UNSUPPORTED_IMAGE");
    }

    // ----- build variables injecting keys into UserParameters -----

    /**
     * The template's UserParameters, with the build's IMAGE_DIGEST put in as CodePipeline does it: as text, unescaped
     * (aws-cdk #31213), so a buildspec exporting {@code sha256:…","key":"value} adds a key.
     */
    static String withBuildDigest(String imageDigest) {
        String parameters = "{\"repository\":\"" + REPOSITORY + "\",\"pipelineName\":\"shipgate-demo-pipeline\","
                + "\"pipelineExecutionId\":\"3f4e5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7\",\"imageDigest\":\"" + imageDigest + "\"}";
        return TestBed.editJob("job-initial.json", job -> ((ObjectNode) job.path("data").path("actionConfiguration")
                .path("configuration")).put("UserParameters", parameters));
    }

    String cleanClairReport() {
        ObjectNode report = (ObjectNode) bed.json(Events.read("scan-gate", "clair-report.json"));
        report.put("manifest_hash", DIGEST);
        report.putObject("package_vulnerabilities");
        return report.toString();
    }

    @Test
    void handle_buildDigestInjectingAScanReport_neverJudgesTheReport() {
        bed.pushImage(true);
        bed.queueScan(oneHigh());
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/clean.json", cleanClairReport()));
        String event = withBuildDigest(DIGEST + "\",\"scanReport\":\"reports/clean.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText())
                .contains("UserParameters.scanReport 'reports/clean.json' is not the stack's SCAN_REPORT_PATH (unset)");
        assertThat(bed.verdicts()).extracting(v -> v.path("verdict").asText()).containsExactly("ERROR");
    }

    @Test
    void handle_buildDigestInjectingAnotherReportWhereTheStackJudgesClair_neverJudgesIt() {
        bed.scanReportPath = "reports/clair.json";
        bed.pushReportedImage(DIGEST);
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/clair.json", Events.read("scan-gate", "clair-report.json"),
                "reports/clean.json", cleanClairReport()));
        String event = withBuildDigest(DIGEST + "\",\"clairReport\":\"reports/clean.json");

        bed.invoke(bed.handler(), event);

        assertThat(failure(event).path("message").asText())
                .contains("UserParameters.scanReport 'reports/clean.json' is not the stack's SCAN_REPORT_PATH ('reports/clair.json')");
    }

    /** What else a build variable can write into UserParameters: each is refused before anything is judged. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "\",\"policyFile\":\"lenient.yaml|UserParameters.policyFile 'lenient.yaml' is not the stack's POLICY_FILE_PATH ('.shipgate/policy.yaml')",
            "\",\"pipelineExecutionId\":\"another-execution\"}|duplicate key 'pipelineExecutionId'",
            "\"},{\"x\":\"|UserParameters is not valid JSON",
            "\",\"pipelineName\":\"other|duplicate key 'pipelineName'"
    })
    void handle_buildDigestWritingMoreThanADigest_configurationError(String afterTheDigest, String expected) {
        bed.pushImage(true);
        bed.queueScan(oneHigh());
        String event = withBuildDigest(DIGEST + afterTheDigest);

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains(expected);
    }

    // ----- Clair reports -----

    @Test
    void handle_clairReportOnlyInTheSourceArtifact_isNeverRead() {
        bed.scanReportPath = "reports/clair.json";
        bed.pushReportedImage(DIGEST);
        String clean = Events.read("scan-gate", "clair-report.json");
        ObjectNode report = (ObjectNode) bed.json(clean);
        report.putObject("package_vulnerabilities");
        bed.putArtifact(TestBed.SOURCE_KEY, Map.of("reports/clair.json", report.toString()));
        String event = TestBed.event("job-clair-report.json");

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("is in none of the build's output artifacts [BuildOutput]")
                .contains("the source artifact, is never read for reports");
    }

    // ----- counts and findings disagree -----

    @Test
    void handle_countsNameCriticalsTheFindingsListLacks_waitsThenFailsClosedAtTheDeadline() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2020-1", "LOW", "bash", "5.1", "2.1")
                .counts(Map.of("CRITICAL", 3, "LOW", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call first = bed.onlyResult(TestBed.jobId(event));
        assertThat(first.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(first.request().has("continuationToken")).isTrue();
        assertThat(first.request().path("executionDetails").path("summary").asText())
                .contains("ECR's severity counts name more findings than its findings list holds (CRITICAL 3 counted, 0 listed)");
        ContinuationToken token = ContinuationToken.decode(first.request().path("continuationToken").asText());
        ContinuationToken late = new ContinuationToken(1, TestBed.NOW.minus(Duration.ofMinutes(31)).getEpochSecond(),
                token.attempt(), token.digest(), token.counts(), token.coverageChecked());
        String next = TestBed.continuation(event, "9b1c0d23-4567-48a9-8bcd-ef0123456789", late.encode());

        bed.invoke(bed.handler(), next);

        JsonNode failure = failure(next);
        assertThat(failure.path("type").asText()).isEqualTo("JobFailed");
        assertThat(failure.path("message").asText()).contains("did not finish before the scan-gate deadline")
                .contains("CRITICAL 3 counted, 0 listed");
        assertThat(bed.verdicts()).extracting(v -> v.path("verdict").asText()).containsExactly("ERROR");
    }

    @Test
    void handle_countsNameACriticalTheListLacksWhileAnotherIsSplitPerPackage_waits() {
        bed.pushImage(true);
        bed.policy("exceptions:\n  - {id: CVE-2024-0001, reason: not reachable, expires: \"2026-12-20\"}\n");
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .enhanced("CVE-2024-0001", "CRITICAL", "openssl", "3.0.11", null, "NO", 9.8).alsoIn("libssl3", "3.0.11")
                .counts(Map.of("CRITICAL", 2)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.request().has("continuationToken")).as(result.request().toString()).isTrue();
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .contains("(CRITICAL 2 counted, 1 listed)");
    }

    @Test
    void handle_countsNameMoreFindingsOfASeverityThePolicyCountsThanTheListHolds_waits() {
        bed.pushImage(true);
        bed.policy("maxCounts: {MEDIUM: 1}\n");
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2024-0002", "MEDIUM", "zlib", "1.2.13", "5.0")
                .counts(Map.of("MEDIUM", 3)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.request().has("continuationToken")).as(result.request().toString()).isTrue();
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .contains("(MEDIUM 3 counted, 1 listed)");
    }

    // ----- unranked severities -----

    @Test
    void handle_untriagedFindingWithCvss98_blocksAndSaysHowItWasJudged() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .enhanced("CVE-2025-0001", "UNTRIAGED", "busybox", "1.36", null, "NO", 9.8)
                .counts(Map.of("UNTRIAGED", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        assertThat(failure(event).path("message").asText())
                .contains("1 finding at or above HIGH")
                .contains("1 finding with an unranked severity was judged by rule (UNTRIAGED 1): 1 by CVSS score (v3 bands)")
                .contains("- CVE-2025-0001 UNTRIAGED judged CRITICAL (CVSS 9.8) busybox 1.36");
        JsonNode blocking = bed.onlyVerdict().path("blocking").get(0);
        assertThat(blocking.path("judgedSeverity").asText()).isEqualTo("CRITICAL");
        assertThat(blocking.path("judgedBecause").asText()).isEqualTo("UNTRIAGED with CVSS 9.8: judged CRITICAL by the CVSS v3 bands");
    }

    @Test
    void handle_undefinedFindingWithoutScore_blocksAtTheUnscoredSeverity() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2023-0001", "UNDEFINED", "tzdata", "2024a", null)
                .counts(Map.of("UNDEFINED", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        assertThat(failure(event).path("message").asText())
                .contains("- CVE-2023-0001 UNDEFINED judged HIGH tzdata 2024a")
                .contains("0 by CVSS score (v3 bands), 1 without a score as HIGH (unscored severity)");
    }

    // ----- malformed job data -----

    @ParameterizedTest
    @ValueSource(strings = {"{\"inputArtifacts\":\"SourceOutput\"}", "{\"actionConfiguration\":[1,2]}",
            "{\"actionConfiguration\":{\"configuration\":{\"UserParameters\":{\"repository\":\"x\"}}}}", "\"data\"", "[]",
            "{\"artifactCredentials\":7}"})
    void handle_malformedJobDataWithReadableJobId_exactlyOneFailureResult(String data) {
        String event = "{\"CodePipeline.job\":{\"id\":\"5c6d7e8f-9012-4345-8678-9abcdef01234\",\"accountId\":\"123456789012\",\"data\":"
                + data + "}}";

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(bed.codePipeline.calls()).hasSize(1);
    }

    // ----- the stages after the gate -----

    @Test
    void handle_pass_outputsTheVerifiedImageReferenceOfThisStacksRepository() {
        bed.pushImage(true);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2020-1", "LOW", "bash", "5.1", "2.1").counts(Map.of("LOW", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("outputVariables").path("IMAGE_URI").asText())
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/shipgate-demo@" + DIGEST);
        assertThat(result.request().path("outputVariables").path("IMAGE_DIGEST").asText()).isEqualTo(DIGEST);
    }

    @Test
    void handle_repositoryOtherThanTheStacks_configurationErrorBeforeAnyRead() {
        String event = TestBed.event("job-initial.json", p -> p.put("repository", "someone-elses-app"));

        bed.invoke(bed.handler(), event);

        JsonNode failure = failure(event);
        assertThat(failure.path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(failure.path("message").asText()).contains("UserParameters.repository 'someone-elses-app' is not this stack's repository 'shipgate-demo'");
    }
}
