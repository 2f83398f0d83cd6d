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
 * Nothing reaches the network. Used to warm up at init and for SnapStart priming.
 */
public final class DryRun {

    private static final String JOB = "00000000-0000-0000-0000-000000000000";
    private static final String DIGEST = "sha256:" + "0".repeat(64);

    private static final Answer ECR_SCAN = Answer.ok("application/x-amz-json-1.1", """
            {"registryId":"123456789012","repositoryName":"dry-run","imageId":{"imageDigest":"%s"},
             "imageScanStatus":{"status":"COMPLETE","description":"The scan was completed successfully."},
             "imageScanFindings":{"imageScanCompletedAt":1795816900.0,"vulnerabilitySourceUpdatedAt":1795800000.0,
              "findingSeverityCounts":{"HIGH":2},
              "findings":[{"name":"CVE-0000-0001","description":"dry run","uri":"https://example.invalid/CVE-0000-0001",
               "severity":"HIGH","attributes":[{"key":"package_version","value":"1.0"},{"key":"package_name","value":"pkg"},
               {"key":"CVSS2_SCORE","value":"7.5"}]}],
              "enhancedFindings":[{"awsAccountId":"123456789012","description":"dry run",
               "findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/0","firstObservedAt":1795816850.0,
               "lastObservedAt":1795816850.0,"score":7.5,"severity":"HIGH","status":"ACTIVE","title":"CVE-0000-0002 - pkg",
               "type":"PACKAGE_VULNERABILITY","updatedAt":1795816850.0,"fixAvailable":"YES","exploitAvailable":"NO",
               "packageVulnerabilityDetails":{"source":"NVD","sourceUrl":"https://example.invalid/CVE-0000-0002",
                "vendorSeverity":"HIGH","vulnerabilityId":"CVE-0000-0002","referenceUrls":["https://example.invalid"],
                "cvss":[{"baseScore":7.5,"scoringVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N","source":"NVD","version":"3.1"}],
                "vulnerablePackages":[{"arch":"AMD64","epoch":0,"name":"pkg","packageManager":"OS","version":"1.0","fixedInVersion":"1.1"}]},
               "remediation":{"recommendation":{"text":"None Provided"}},
               "resources":[{"id":"arn:aws:ecr:us-east-1:123456789012:repository/dry-run/%s","type":"AWS_ECR_CONTAINER_IMAGE"}]}]}}
            """.formatted(DIGEST, DIGEST).getBytes(StandardCharsets.UTF_8));
    /** An image index (two platforms), as BatchGetImage returns it for a multi-platform push. */
    private static final Answer ECR_IMAGE_INDEX = Answer.ok("application/x-amz-json-1.1", """
            {"images":[{"registryId":"123456789012","repositoryName":"dry-run","imageId":{"imageDigest":"%s","imageTag":"dry-run"},
              "imageManifestMediaType":"application/vnd.oci.image.index.v1+json",
              "imageManifest":"{\\"schemaVersion\\":2,\\"mediaType\\":\\"application/vnd.oci.image.index.v1+json\\",\\"manifests\\":[{\\"mediaType\\":\\"application/vnd.oci.image.manifest.v1+json\\",\\"digest\\":\\"sha256:%s\\",\\"size\\":1,\\"platform\\":{\\"architecture\\":\\"amd64\\",\\"os\\":\\"linux\\"}},{\\"mediaType\\":\\"application/vnd.oci.image.manifest.v1+json\\",\\"digest\\":\\"sha256:%s\\",\\"size\\":1,\\"platform\\":{\\"architecture\\":\\"arm64\\",\\"os\\":\\"linux\\"}}]}"}],
             "failures":[]}
            """.formatted(DIGEST, "2".repeat(64), "3".repeat(64)).getBytes(StandardCharsets.UTF_8));
    private static final Answer SNS_PUBLISHED = Answer.ok("text/xml", """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>%s</MessageId></PublishResult>
              <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
            </PublishResponse>
            """.formatted(JOB, JOB).getBytes(StandardCharsets.UTF_8));
    /** PutObject's answer: no body, the ETag and the encryption S3 applied. */
    private static final Answer S3_PUT = new Answer(200, Map.of("ETag", List.of("\"0123456789abcdef0123456789abcdef\""),
            "x-amz-server-side-encryption", List.of("aws:kms"), "x-amz-request-id", List.of("0000000000000000"),
            "Content-Length", List.of("0")), new byte[0]);
    private static final Answer CODEPIPELINE_OK = Answer.ok("application/x-amz-json-1.1", "{}".getBytes(StandardCharsets.UTF_8));

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
        Answer artifact = artifactAnswer(path);
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

    /** A GetObject answer as S3 gives for a CodePipeline artifact: a zip, SSE-KMS encrypted. */
    private static Answer artifactAnswer(String path) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry(path));
            out.write("version: 1\n".getBytes(StandardCharsets.UTF_8));
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
