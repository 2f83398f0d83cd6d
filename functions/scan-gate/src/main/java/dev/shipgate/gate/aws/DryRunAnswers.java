package dev.shipgate.gate.aws;

import dev.shipgate.gate.scan.ImageIndex;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.aws.SdkDryRun.Answer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The responses scan-gate's SDK calls get in SnapStart priming's synthetic jobs instead of the network's
 * ({@link SdkDryRun#answer}): each in its service's shape (from the API references), so the SDK's unmarshalling and
 * response model classes run as for a real job, and the gate reads them as it reads real ones.
 */
public final class DryRunAnswers {

    private static final String REQUEST_ID = "00000000-0000-0000-0000-000000000000";

    private static final String BASIC_FINDING = """
            {"name":"%s","description":"dry run","uri":"https://example.invalid/%1$s","severity":"%s","attributes":[
             {"key":"package_version","value":"1.0"},{"key":"package_name","value":"pkg"},{"key":"CVSS2_SCORE","value":"7.5"}]}""";
    private static final String ENHANCED_FINDING = """
            {"awsAccountId":"123456789012","description":"dry run","findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/0",
             "firstObservedAt":1795816850.0,"lastObservedAt":1795816850.0,"score":7.5,"severity":"%2$s","status":"ACTIVE",
             "title":"%1$s - pkg","type":"PACKAGE_VULNERABILITY","updatedAt":1795816850.0,"fixAvailable":"YES","exploitAvailable":"NO",
             "packageVulnerabilityDetails":{"source":"NVD","sourceUrl":"https://example.invalid/%1$s","vendorSeverity":"%2$s",
              "vulnerabilityId":"%1$s","referenceUrls":["https://example.invalid"],
              "cvss":[{"baseScore":7.5,"scoringVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N","source":"NVD","version":"3.1"}],
              "vulnerablePackages":[{"arch":"AMD64","epoch":0,"name":"pkg","packageManager":"OS","version":"1.0","fixedInVersion":"1.1"}]},
             "remediation":{"recommendation":{"text":"None Provided"}},
             "resources":[{"id":"arn:aws:ecr:us-east-1:123456789012:repository/dry-run/%3$s","type":"AWS_ECR_CONTAINER_IMAGE"}]}""";
    /** Publish's answer: the message id. */
    public static final Answer SNS_PUBLISHED = Answer.ok("text/xml", """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>%s</MessageId></PublishResult>
              <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
            </PublishResponse>
            """.formatted(REQUEST_ID, REQUEST_ID).getBytes(StandardCharsets.UTF_8));
    /** PutObject's answer: no body, the ETag and the encryption S3 applied. */
    public static final Answer S3_PUT = new Answer(200, Map.of("ETag", List.of("\"0123456789abcdef0123456789abcdef\""),
            "x-amz-server-side-encryption", List.of("aws:kms"), "x-amz-request-id", List.of("0000000000000000"),
            "Content-Length", List.of("0")), new byte[0]);
    /** PutJobSuccessResult's and PutJobFailureResult's answer: an empty JSON object. */
    public static final Answer CODEPIPELINE_OK = Answer.ok("application/x-amz-json-1.1", "{}".getBytes(StandardCharsets.UTF_8));

    private DryRunAnswers() {
    }

    /** DescribeImageScanFindings' answer for a scan not finished yet: a status and no findings. */
    public static Answer scanInProgress(String digest) {
        return Answer.ok("application/x-amz-json-1.1", """
                {"registryId":"123456789012","repositoryName":"dry-run","imageId":{"imageDigest":"%s"},
                 "imageScanStatus":{"status":"IN_PROGRESS","description":"The scan is in progress."}}
                """.formatted(digest).getBytes(StandardCharsets.UTF_8));
    }

    /** A completed basic scan (status COMPLETE) with one finding of {@code severity}, CVE {@code id}. */
    public static Answer basicScan(String digest, String id, String severity) {
        return scan(digest, "COMPLETE", "{\"%s\":1}".formatted(severity), BASIC_FINDING.formatted(id, severity), "");
    }

    /** An enhanced (Inspector) scan (status ACTIVE) with one finding of {@code severity}, CVE {@code id}, package pkg. */
    public static Answer enhancedScan(String digest, String id, String severity) {
        return scan(digest, "ACTIVE", "{\"%s\":1}".formatted(severity), "", ENHANCED_FINDING.formatted(id, severity, digest));
    }

    private static Answer scan(String digest, String status, String counts, String basicFindings, String enhancedFindings) {
        return Answer.ok("application/x-amz-json-1.1", """
                {"registryId":"123456789012","repositoryName":"dry-run","imageId":{"imageDigest":"%s"},
                 "imageScanStatus":{"status":"%s","description":"The scan was completed successfully."},
                 "imageScanFindings":{"imageScanCompletedAt":1795816900.0,"vulnerabilitySourceUpdatedAt":1795800000.0,
                  "findingSeverityCounts":%s,"findings":[%s],"enhancedFindings":[%s]}}
                """.formatted(digest, status, counts, basicFindings, enhancedFindings).getBytes(StandardCharsets.UTF_8));
    }

    /** BatchGetImage's answer for a single-platform image: its OCI image manifest. */
    public static Answer imageManifest(String digest) {
        return image(digest, "application/vnd.oci.image.manifest.v1+json",
                "{\\\"schemaVersion\\\":2,\\\"mediaType\\\":\\\"application/vnd.oci.image.manifest.v1+json\\\",\\\"layers\\\":[]}");
    }

    /** BatchGetImage's answer for an image index of two platforms (what a multi-platform push stores). */
    public static Answer imageIndex(String digest, String amd64, String arm64) {
        return image(digest, ImageIndex.OCI_INDEX, """
                {\\"schemaVersion\\":2,\\"mediaType\\":\\"application/vnd.oci.image.index.v1+json\\",\\"manifests\\":[\
                {\\"mediaType\\":\\"application/vnd.oci.image.manifest.v1+json\\",\\"digest\\":\\"%s\\",\\"size\\":1,\
                \\"platform\\":{\\"architecture\\":\\"amd64\\",\\"os\\":\\"linux\\"}},\
                {\\"mediaType\\":\\"application/vnd.oci.image.manifest.v1+json\\",\\"digest\\":\\"%s\\",\\"size\\":1,\
                \\"platform\\":{\\"architecture\\":\\"arm64\\",\\"os\\":\\"linux\\"}}]}""".formatted(amd64, arm64));
    }

    private static Answer image(String digest, String mediaType, String escapedManifest) {
        return Answer.ok("application/x-amz-json-1.1", """
                {"images":[{"registryId":"123456789012","repositoryName":"dry-run","imageId":{"imageDigest":"%s"},
                  "imageManifestMediaType":"%s","imageManifest":"%s"}],"failures":[]}
                """.formatted(digest, mediaType, escapedManifest).getBytes(StandardCharsets.UTF_8));
    }

    /** GetObject's answer for a CodePipeline artifact holding one file: a zip, SSE-KMS encrypted, as S3 gives it. */
    public static Answer artifact(String path, String content) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry(path));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = zip.toByteArray();
        return new Answer(200, Map.of("Content-Type", List.of("application/zip"),
                "Content-Length", List.of(Integer.toString(body.length)),
                "ETag", List.of("\"0123456789abcdef0123456789abcdef\""),
                "Last-Modified", List.of("Sat, 28 Nov 2026 00:00:00 GMT"),
                "x-amz-server-side-encryption", List.of("aws:kms"),
                "x-amz-request-id", List.of("0000000000000000")), body);
    }
}
