package dev.shipgate.gate.aws;

import dev.shipgate.gate.scan.ImageIndex;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.aws.SdkDryRun.Answer;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Runs scan-gate's SDK calls on the real clients as dry runs ({@link SdkDryRun}): endpoint rules, marshalling and
 * signing run, and each call gets a response in the service's shape (from the API references) instead of the
 * network's, so unmarshalling and the response model classes are loaded too. The responses are then read the way
 * the gate reads real ones, and each method returns 1 per call only when that read found what the answer holds.
 * Nothing reaches the network. Used to warm up at init and for SnapStart priming; the answers below also answer the
 * calls of priming's synthetic jobs ({@code SyntheticJobs}).
 */
public final class DryRun {

    private static final String JOB = "00000000-0000-0000-0000-000000000000";
    private static final String DIGEST = "sha256:" + "0".repeat(64);

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
    /** A composite: a registry returns basic or enhanced findings, the dry run loads both. */
    private static final Answer ECR_SCAN = scan(DIGEST, "COMPLETE", "{\"HIGH\":2}",
            BASIC_FINDING.formatted("CVE-0000-0001", "HIGH"), ENHANCED_FINDING.formatted("CVE-0000-0002", "HIGH", DIGEST));
    private static final Answer ECR_IMAGE_INDEX = imageIndex(DIGEST, "sha256:" + "2".repeat(64), "sha256:" + "3".repeat(64));
    public static final Answer SNS_PUBLISHED = Answer.ok("text/xml", """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>%s</MessageId></PublishResult>
              <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
            </PublishResponse>
            """.formatted(JOB, JOB).getBytes(StandardCharsets.UTF_8));
    /** PutObject's answer: no body, the ETag and the encryption S3 applied. */
    public static final Answer S3_PUT = new Answer(200, Map.of("ETag", List.of("\"0123456789abcdef0123456789abcdef\""),
            "x-amz-server-side-encryption", List.of("aws:kms"), "x-amz-request-id", List.of("0000000000000000"),
            "Content-Length", List.of("0")), new byte[0]);
    /** PutJobSuccessResult's and PutJobFailureResult's answer: an empty JSON object. */
    public static final Answer CODEPIPELINE_OK = Answer.ok("application/x-amz-json-1.1", "{}".getBytes(StandardCharsets.UTF_8));

    private DryRun() {
    }

    /**
     * The scan read, answered with a completed scan holding one basic and one enhanced finding (a composite: a
     * registry returns one kind or the other, the dry run loads both); returns 1.
     */
    public static int ecr(EcrClient ecr) {
        return SdkDryRun.answered(() -> EcrScanReader.page(ecr.describeImageScanFindings(r -> r.repositoryName("dry-run")
                .imageId(i -> i.imageDigest(DIGEST)).maxResults(EcrScanReader.PAGE_SIZE)
                .overrideConfiguration(SdkDryRun.answer(ECR_SCAN)))).items().size() == 2);
    }

    /** The manifest read (an image index is judged platform by platform), answered with a two-platform index; returns 1. */
    public static int ecrImage(EcrClient ecr) {
        return SdkDryRun.answered(() -> ImageIndex.platforms(ecr.batchGetImage(r -> r.repositoryName("dry-run")
                .imageIds(i -> i.imageDigest(DIGEST)).acceptedMediaTypes(EcrScanReader.ACCEPTED_MEDIA_TYPES)
                .overrideConfiguration(SdkDryRun.answer(ECR_IMAGE_INDEX))).images().getFirst().imageManifest()).size() == 2);
    }

    /** The artifact read, answered with a zip holding a policy file, which is then looked up in it; returns 1. */
    public static int s3(S3Client s3) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create("dry", "run", "token"));
        String path = ".shipgate/policy.yaml";
        Answer artifact = artifact(path, "version: 1\n");
        return SdkDryRun.answered(() -> {
            try (ResponseInputStream<GetObjectResponse> object = s3.getObject(r -> r.bucket("dry-run-bucket").key("dry/run.zip")
                    .overrideConfiguration(o -> SdkDryRun.answer(artifact).accept(o.credentialsProvider(credentials))))) {
                return S3ArtifactReader.find(object, path, 1024, "dry-run").isPresent();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A findings report write, as {@link S3ReportStore} makes it, answered as S3 does; returns 1. */
    public static int s3Report(S3Client s3, String bucket) {
        return SdkDryRun.answered(() -> s3.putObject(r -> r.bucket(bucket).key("shipgate-reports/dry-run.html")
                        .contentType("text/html; charset=utf-8").contentDisposition("inline").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .overrideConfiguration(SdkDryRun.answer(S3_PUT)),
                RequestBody.fromBytes("<!DOCTYPE html>".getBytes(StandardCharsets.UTF_8))).serverSideEncryption() == ServerSideEncryption.AWS_KMS);
    }

    public static int sns(SnsClient sns, String topicArn) {
        return SdkDryRun.answered(() -> JOB.equals(sns.publish(r -> r.topicArn(topicArn).message("{}")
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue("dry-run").build()))
                .overrideConfiguration(SdkDryRun.answer(SNS_PUBLISHED))).messageId()));
    }

    public static int codePipeline(CodePipelineClient codePipeline) {
        return SdkDryRun.answered(() -> codePipeline.putJobSuccessResult(r -> r.jobId(JOB).continuationToken("dry-run")
                .executionDetails(d -> d.summary("dry run")).overrideConfiguration(SdkDryRun.answer(CODEPIPELINE_OK)))
                .sdkHttpResponse().isSuccessful())
                + SdkDryRun.answered(() -> codePipeline.putJobFailureResult(r -> r.jobId(JOB)
                .failureDetails(d -> d.type(FailureType.JOB_FAILED).message("dry run")).overrideConfiguration(SdkDryRun.answer(CODEPIPELINE_OK)))
                .sdkHttpResponse().isSuccessful());
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
