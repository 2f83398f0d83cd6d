package dev.shipgate.gate;

import dev.shipgate.gate.aws.EcrScanReader;
import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.scan.ImageRef;
import dev.shipgate.gate.scan.ScanSnapshot;
import dev.shipgate.testing.CodePipelineStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Published {@code DescribeImageScanFindings} answers served by moto_server (which returns an injected answer as
 * given) and read by the real SDK client: the scan-gate job or the reader sees exactly the bytes ECR sent.
 */
class EcrRealAnswersTest {

    private TestBed bed;

    @BeforeEach
    void setUp() {
        bed = new TestBed();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    /** The repository and image the answer names, scanned, with the answer queued for it. */
    private void serve(String answer, String repository, String digest, String tag) {
        bed.ecr.createRepository(b -> b.repositoryName(repository));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1469,"
                + "\"digest\":\"sha256:" + TestBed.sha256(repository) + "\"},\"layers\":[]}";
        bed.ecr.putImage(b -> b.repositoryName(repository).imageManifest(manifest).imageDigest(digest).imageTag(tag));
        bed.ecr.startImageScan(b -> b.repositoryName(repository).imageId(i -> i.imageTag(tag)));
        bed.queueScan(answer);
    }

    @Test
    void handle_enhancedActiveWithoutFindingsOrCounts_passesOnceSettled() {
        String digest = "sha256:67a04b3bfd3be9fe33ef47b373a350852eca87e68230d5fe28c2a31acb93db84";
        serve(RealPayloads.text("ecr/aws-cli-6759-enhanced-active-no-findings.json"), "test", digest, "v1");
        String event = TestBed.event("job-initial.json", p -> p.put("repository", "test").put("imageDigest", digest));

        bed.invoke(bed.handlerFor("test"), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().has("continuationToken")).as("settled, not waiting to the deadline").isFalse();
        assertThat(result.request().path("outputVariables").path("verdict").asText()).isEqualTo("PASS");
        assertThat(bed.onlyVerdict().path("scanSource").asText()).isEqualTo("ECR_ENHANCED");
    }

    @Test
    void handle_awsCliBasicExample_numbersInsideStringsAreScores() {
        String digest = "sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6";
        serve(RealPayloads.corpusText("ecr/aws-cli-describe-image-scan-findings-basic.json"), "sample-repo", digest, "v1");
        String event = TestBed.event("job-initial.json", p -> p.put("repository", "sample-repo").put("imageDigest", digest));

        bed.invoke(bed.handlerFor("sample-repo"), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobSuccessResult");
        assertThat(result.request().path("outputVariables").path("medium").asText()).isEqualTo("1");
        assertThat(result.request().path("outputVariables").path("verdict").asText()).isEqualTo("PASS");
        assertThat(bed.onlyVerdict().path("scanSource").asText()).isEqualTo("ECR_BASIC");
    }

    @Test
    void read_motoRecordedEnhancedAnswer_untriagedKeepsItsLabelAndZeroScoreIsNoScore() {
        String digest = "sha256:" + TestBed.sha256("reponame");
        serve(RealPayloads.corpusText("ecr/moto-describe-image-scan-findings-enhanced.json"), "reponame", digest, "latest");

        ScanSnapshot scan = new EcrScanReader(bed.ecr).read(new ImageRef("reponame", null, "latest"));

        assertThat(scan.status()).isEqualTo("COMPLETE");
        assertThat(scan.enhanced()).isTrue();
        assertThat(scan.counts()).containsEntry("UNTRIAGED", 1).containsEntry("MEDIUM", 1);
        assertThat(scan.findings())
                .extracting(Finding::id, Finding::severity, Finding::packageName, Finding::fixedIn, Finding::cvss)
                .containsExactly(tuple("CVE-2024-9681", "MEDIUM", "curl", null, 6.5),
                        tuple("CVE-2025-24528", "UNTRIAGED", "krb5", null, null));
        assertThat(scan.findings().get(1).ranked()).isFalse();
    }

    @Test
    void read_untriagedWithInspectorCvssRecords_carriesTheV3Score() {
        // The moto-recorded UNTRIAGED finding, as Inspector sends it once NVD has scored the CVE: score 0.0 beside a
        // CVSS v3.1 record of 9.8 and a v2 record of 10.0.
        String answer = RealPayloads.corpusText("ecr/moto-describe-image-scan-findings-enhanced.json").replace(
                "\"cvss\": [],", "\"cvss\": [{\"baseScore\": 10.0, \"source\": \"NVD\", \"version\": \"2.0\"},"
                        + " {\"baseScore\": 9.8, \"scoringVector\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\","
                        + " \"source\": \"NVD\", \"version\": \"3.1\"}],");
        assertThat(answer.getBytes(StandardCharsets.UTF_8)).isNotEqualTo(RealPayloads.corpus("ecr/moto-describe-image-scan-findings-enhanced.json"));
        serve(answer, "reponame", "sha256:" + TestBed.sha256("reponame"), "latest");

        ScanSnapshot scan = new EcrScanReader(bed.ecr).read(new ImageRef("reponame", null, "latest"));

        assertThat(scan.findings()).filteredOn(f -> f.id().equals("CVE-2025-24528"))
                .extracting(Finding::severity, Finding::cvss)
                .containsExactly(tuple("UNTRIAGED", 9.8));
    }

    @Test
    void handle_untriagedCvss98_blocksUnderDefaultPolicy() {
        String answer = RealPayloads.corpusText("ecr/moto-describe-image-scan-findings-enhanced.json").replace(
                "\"cvss\": [],", "\"cvss\": [{\"baseScore\": 9.8, \"scoringVector\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\","
                        + " \"source\": \"NVD\", \"version\": \"3.1\"}],");
        String digest = "sha256:" + TestBed.sha256("reponame");
        serve(answer, "reponame", digest, "latest");
        String event = TestBed.event("job-initial.json", p -> p.put("repository", "reponame").put("imageDigest", digest));

        bed.invoke(bed.handlerFor("reponame"), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).as(result.request().toString()).isEqualTo("PutJobFailureResult");
        String message = result.request().path("failureDetails").path("message").asText();
        assertThat(message).contains("CVE-2025-24528").contains("9.8").contains("1 by CVSS score");
        assertThat(message).doesNotContain("CVE-2024-9681");
    }
}
