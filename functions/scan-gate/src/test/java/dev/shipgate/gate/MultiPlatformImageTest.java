package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.gate.aws.EcrScanReader;
import dev.shipgate.gate.scan.ImageIndex;
import dev.shipgate.gate.scan.ImageRef;
import dev.shipgate.gate.scan.ResolvedImage;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.shipgate.gate.ScanResponses.scan;
import static dev.shipgate.gate.TestBed.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A buildx image index (a real one: two platforms and two BuildKit attestation manifests, see PROVENANCE.md) pushed
 * to moto's ECR and read back with the real SDK's BatchGetImage; each platform's scan served by moto.
 */
class MultiPlatformImageTest {

    private static final String AMD64 = "sha256:4ca77c3df87bc41791220d1760dd1ec2cb3629fd64f86e16d98223dde5bd7b88";
    private static final String ARM64 = "sha256:775966c9516a426a1c55a37a96554bc262deb01550986cd11cde3c2bd5e432a0";

    private TestBed bed;
    private String indexDigest;

    @BeforeEach
    void setUp() {
        bed = new TestBed();
        String index = RealPayloads.text("ecr/buildx-index-debug-tools.json");
        indexDigest = "sha256:" + TestBed.sha256(index);
        bed.ecr.createRepository(b -> b.repositoryName(REPOSITORY).imageScanningConfiguration(c -> c.scanOnPush(true)));
        for (String platform : new String[]{AMD64, ARM64}) {
            bed.ecr.putImage(b -> b.repositoryName(REPOSITORY).imageManifest(TestBed.ociManifest(platform)).imageDigest(platform).imageTag(tag(platform))
                    .imageManifestMediaType("application/vnd.oci.image.manifest.v1+json"));
            bed.ecr.startImageScan(b -> b.repositoryName(REPOSITORY).imageId(i -> i.imageDigest(platform)));
        }
        bed.ecr.putImage(b -> b.repositoryName(REPOSITORY).imageManifest(index).imageDigest(indexDigest).imageTag("main")
                .imageManifestMediaType(ImageIndex.OCI_INDEX));
    }

    /**
     * moto files a queued answer under the first image whose tag or digest matches, and an untagged answer matches
     * every untagged image: each platform image gets a tag so its answer reaches it.
     */
    private static String tag(String platform) {
        return platform.equals(AMD64) ? "amd64-only" : "arm64-only";
    }

    private void answer(String platform, ScanResponses response) {
        bed.queueScan(response.json().replace("{\"imageDigest\":\"" + platform + "\"}",
                "{\"imageDigest\":\"" + platform + "\",\"imageTag\":\"" + tag(platform) + "\"}"));
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private String job() {
        return TestBed.event("job-initial.json", p -> p.put("imageDigest", indexDigest));
    }

    @Test
    void resolve_buildxIndex_listsPlatformsWithoutAttestations() {
        ResolvedImage resolved = new EcrScanReader(bed.ecr).resolve(new ImageRef(REPOSITORY, null, "main"));

        assertThat(resolved.image().digest()).isEqualTo(indexDigest);
        assertThat(resolved.platforms()).extracting(ImageIndex.Platform::name, ImageIndex.Platform::digest)
                .containsExactly(tuple("linux/amd64", AMD64), tuple("linux/arm64", ARM64));
    }

    @Test
    void handle_oneVulnerablePlatform_blocksAndListsFindingsPerPlatform() {
        answer(AMD64, scan(REPOSITORY, AMD64, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2023-45853", "LOW", "zlib", "1.2.13", "3.5").counts(Map.of("LOW", 1)));
        answer(ARM64, scan(REPOSITORY, ARM64, "COMPLETE", "The scan was completed successfully.")
                .basic("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11", "9.1").counts(Map.of("CRITICAL", 1)));
        String event = job();

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        String message = result.request().path("failureDetails").path("message").asText();
        assertThat(message)
                .startsWith("Deploy blocked: image index " + REPOSITORY + "@" + indexDigest + ": 1 of 2 platforms break the policy (linux/arm64)")
                .contains("[linux/amd64] PASS: " + REPOSITORY + "@" + AMD64 + " has no blocking findings")
                .contains("[linux/arm64] Deploy blocked: " + REPOSITORY + "@" + ARM64)
                .contains("- CVE-2024-5535 CRITICAL");
        assertThat(message).doesNotContain("CVE-2023-45853 LOW");
        JsonNode verdict = bed.onlyVerdict();
        assertThat(verdict.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(verdict.path("imageDigest").asText()).isEqualTo(indexDigest);
        assertThat(verdict.path("summary").asText()).contains("linux/amd64 PASS").contains("linux/arm64 FAIL");
    }

    @Test
    void handle_everyPlatformClean_passesWithSummedCounts() {
        answer(AMD64, scan(REPOSITORY, AMD64, "COMPLETE", null).basic("CVE-2023-45853", "LOW", "zlib", "1.2.13", "3.5")
                .counts(Map.of("LOW", 1)));
        answer(ARM64, scan(REPOSITORY, ARM64, "COMPLETE", null).basic("CVE-2023-45853", "LOW", "zlib", "1.2.13", "3.5")
                .basic("CVE-2023-5678", "MEDIUM", "openssl", "3.0.11", "5.3").counts(Map.of("LOW", 1, "MEDIUM", 1)));
        String event = job();

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).as(result.request().toString()).isEqualTo("PutJobSuccessResult");
        JsonNode variables = result.request().path("outputVariables");
        assertThat(variables.path("verdict").asText()).isEqualTo("PASS");
        assertThat(variables.path("platforms").asText()).isEqualTo("linux/amd64,linux/arm64");
        assertThat(variables.path("low").asText()).isEqualTo("2");
        assertThat(variables.path("medium").asText()).isEqualTo("1");
        assertThat(variables.path("IMAGE_URI").asText()).isEqualTo(TestBed.REPOSITORY_URI + "@" + indexDigest);
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .contains("[linux/amd64] PASS").contains("[linux/arm64] PASS");
    }

    @Test
    void handle_scannerReportForAnIndexOfTwoPlatforms_configurationError() {
        bed.scanReportPath = "reports/clair.json";
        ObjectNode report = (ObjectNode) bed.json(Events.read("scan-gate", "clair-report.json"));
        report.put("manifest_hash", indexDigest);
        report.putObject("package_vulnerabilities");
        bed.putArtifact(TestBed.BUILD_KEY, Map.of("reports/clair.json", report.toString()));
        String event = job();

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.operation()).isEqualTo("PutJobFailureResult");
        assertThat(result.request().at("/failureDetails/type").asText()).isEqualTo("ConfigurationError");
        assertThat(result.request().at("/failureDetails/message").asText())
                .contains("is an image index of 2 platforms ([linux/amd64, linux/arm64])");
    }

    @Test
    void handle_aPlatformStillScanning_waitsForIt() {
        answer(AMD64, scan(REPOSITORY, AMD64, "COMPLETE", null).counts(Map.of()));
        answer(ARM64, scan(REPOSITORY, ARM64, "IN_PROGRESS", null));
        String event = job();

        bed.invoke(bed.handler(), event);

        CodePipelineStandIn.Call result = bed.onlyResult(TestBed.jobId(event));
        assertThat(result.request().has("continuationToken")).isTrue();
        assertThat(result.request().path("executionDetails").path("summary").asText())
                .contains("Waiting for the scans of image index").contains("linux/arm64: scan IN_PROGRESS");
    }
}
