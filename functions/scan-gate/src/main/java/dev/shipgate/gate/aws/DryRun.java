package dev.shipgate.gate.aws;

import dev.shipgate.shared.aws.SdkDryRun;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;

/**
 * Runs scan-gate's SDK calls on the real clients as dry runs ({@link SdkDryRun}: the clients carry
 * {@link SdkDryRun#STOP_MARKED}, which stops these marked requests right before transmission): endpoint rules, marshalling, signing and the HTTP client set-up are loaded and
 * exercised, and nothing reaches the network. Used to warm up at init and for SnapStart priming.
 */
public final class DryRun {

    private static final String JOB = "00000000-0000-0000-0000-000000000000";

    private DryRun() {
    }

    public static int ecr(EcrClient ecr) {
        return SdkDryRun.stopped(() -> ecr.describeImageScanFindings(r -> r.repositoryName("dry-run")
                .imageId(i -> i.imageDigest("sha256:" + "0".repeat(64))).maxResults(EcrScanReader.PAGE_SIZE)
                .overrideConfiguration(SdkDryRun::mark)));
    }

    public static int s3(S3Client s3) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create("dry", "run", "token"));
        return SdkDryRun.stopped(() -> s3.getObject(r -> r.bucket("dry-run-bucket").key("dry/run.zip")
                .overrideConfiguration(o -> SdkDryRun.mark(o.credentialsProvider(credentials)))));
    }

    public static int sns(SnsClient sns, String topicArn) {
        return SdkDryRun.stopped(() -> sns.publish(r -> r.topicArn(topicArn).message("{}")
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue("dry-run").build()))
                .overrideConfiguration(SdkDryRun::mark)));
    }

    public static int codePipeline(CodePipelineClient codePipeline) {
        return SdkDryRun.stopped(() -> codePipeline.putJobSuccessResult(r -> r.jobId(JOB).continuationToken("dry-run")
                .executionDetails(d -> d.summary("dry run")).overrideConfiguration(SdkDryRun::mark)))
                + SdkDryRun.stopped(() -> codePipeline.putJobFailureResult(r -> r.jobId(JOB)
                .failureDetails(d -> d.type(FailureType.JOB_FAILED).message("dry run")).overrideConfiguration(SdkDryRun::mark)));
    }
}
