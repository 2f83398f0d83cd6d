package dev.shipgate.gate;

import static dev.shipgate.gate.ScanResponses.scan;
import static dev.shipgate.gate.TestBed.DIGEST;
import static dev.shipgate.gate.TestBed.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipgate.gate.job.ContinuationToken;
import dev.shipgate.testing.CodePipelineStandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanType;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilterType;

/**
 * No scan for the image yet: the gate reads the repository's scanning configuration once per job (ECR on moto) and
 * starts a basic scan when nothing else would, or fails at once when only an enhanced-scanning rule could scan it.
 */
class ScanCoverageTest {

    final TestBed bed = new TestBed();

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void handle_basicRepositoryWithoutScanOnPush_startsABasicScanAndJudgesIt() {
        bed.pushImage(false, false);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11", "9.1").counts(Map.of("CRITICAL", 1)).json());
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("message").asText()).contains("CVE-2024-5535 CRITICAL");
        assertThat(bed.context.allLogs()).contains("\"event\":\"basic-scan-requested\"")
                .contains("registry BASIC, repository scanFrequency MANUAL, repository scanOnPush false");
    }

    @Test
    void handle_scanOnPushRepository_waitsWithoutStartingAScanAndChecksOnlyOnce() {
        bed.pushImage(false, true);
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call first = bed.onlyResult(TestBed.jobId(event));
        assertThat(first.operation()).isEqualTo("PutJobSuccessResult");
        ContinuationToken token = ContinuationToken.decode(first.request().path("continuationToken").asText());
        assertThat(token.coverageChecked()).isTrue();
        assertScanStillNotStarted();
        assertThat(bed.context.allLogs()).doesNotContain("basic-scan-requested");
    }

    @Test
    void handle_laterInvocationOfACheckedJob_doesNotCheckAgain() {
        bed.pushImage(false, false);
        ContinuationToken checked = new ContinuationToken(1, TestBed.NOW.getEpochSecond(), 2, DIGEST, null, true);
        String event = TestBed.continuation(TestBed.event("job-initial.json"), "7e9f8012-2344-45e6-b102-7d8e9fa0b1c2",
                checked.encode());

        bed.invoke(bed.handler(), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).operation()).isEqualTo("PutJobSuccessResult");
        assertScanStillNotStarted();
    }

    @Test
    void handle_enhancedRegistryWithoutARuleForTheRepository_failsAtOnceWithTheRemedy() {
        bed.pushImage(false, true);
        bed.ecr.putRegistryScanningConfiguration(b -> b.scanType(ScanType.ENHANCED).rules(r -> r
                .scanFrequency(ScanFrequency.CONTINUOUS_SCAN)
                .repositoryFilters(f -> f.filter("other-app").filterType(ScanningRepositoryFilterType.WILDCARD))));
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().path("failureDetails").path("type").asText()).isEqualTo("ConfigurationError");
        assertThat(result.request().path("failureDetails").path("message").asText())
                .contains("the registry uses enhanced scanning and none of its rules covers repository 'shipgate-demo'")
                .contains("registry ENHANCED, repository scanFrequency MANUAL")
                .contains("aws ecr put-registry-scanning-configuration");
        assertThat(bed.sleeps).isEmpty();
        assertThat(bed.onlyVerdict().path("verdict").asText()).isEqualTo("ERROR");
    }

    @ParameterizedTest
    @EnumSource(value = ScanType.class, names = {"BASIC", "ENHANCED"})
    void handle_registryRuleScansTheRepositoryOnPush_waitsWithoutStartingAScan(ScanType registryScanType) {
        bed.pushImage(false, false);
        bed.ecr.putRegistryScanningConfiguration(b -> b.scanType(registryScanType).rules(r -> r
                .scanFrequency(ScanFrequency.SCAN_ON_PUSH)
                .repositoryFilters(f -> f.filter("shipgate-*").filterType(ScanningRepositoryFilterType.WILDCARD))));
        String event = TestBed.event("job-initial.json");

        bed.invoke(bed.handler(), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).operation()).isEqualTo("PutJobSuccessResult");
        assertScanStillNotStarted();
    }

    @Test
    void handle_tokenFromBeforeTheCheckExisted_checksOnceAndStartsTheScan() {
        bed.pushImage(false, false);
        bed.queueScan(scan(REPOSITORY, DIGEST, "COMPLETE", "The scan was completed successfully.").counts(Map.of()).json());
        ContinuationToken old = ContinuationToken.decode(new ContinuationToken(1, TestBed.NOW.getEpochSecond(), 2, DIGEST, null, false).encode());
        String event = TestBed.continuation(TestBed.event("job-initial.json"), "7e9f8012-2344-45e6-b102-7d8e9fa0b1c2", old.encode());

        bed.invoke(bed.handler(), event);

        assertThat(bed.onlyResult(TestBed.jobId(event)).operation()).isEqualTo("PutJobSuccessResult");
        assertThat(bed.context.logLines()).filteredOn(l -> l.contains("\"event\":\"basic-scan-requested\"")).hasSize(1);
        assertThat(bed.onlyVerdict().path("verdict").asText()).isEqualTo("PASS");
    }

    private void assertScanStillNotStarted() {
        assertThatThrownBy(() -> bed.ecr.describeImageScanFindings(b -> b.repositoryName(REPOSITORY).imageId(i -> i.imageDigest(DIGEST))))
                .isInstanceOf(ScanNotFoundException.class);
    }
}
