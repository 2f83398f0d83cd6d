package dev.shipgate.gate.aws;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;

/**
 * Runs scan-gate's SDK calls on the real clients with a per-request mark that {@link #STOP} turns into an exception
 * right before transmission: endpoint rules, marshalling, signing and the HTTP client set-up are loaded and
 * exercised, and nothing reaches the network. Used to warm up at init and for SnapStart priming.
 */
public final class DryRun {

    private static final ExecutionAttribute<Boolean> MARK = new ExecutionAttribute<>("shipgate.gate.dryRun");
    private static final String JOB = "00000000-0000-0000-0000-000000000000";

    /** Installed on every client; stops only requests marked as dry runs. */
    public static final ExecutionInterceptor STOP = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(MARK))) {
                throw new Stopped();
            }
        }
    };

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("dry run: request not sent", null, false, false);
        }
    }

    private DryRun() {
    }

    private static void mark(AwsRequestOverrideConfiguration.Builder override) {
        override.putExecutionAttribute(MARK, Boolean.TRUE);
    }

    public static int ecr(EcrClient ecr) {
        return stopped(() -> ecr.describeImageScanFindings(r -> r.repositoryName("dry-run")
                .imageId(i -> i.imageDigest("sha256:" + "0".repeat(64))).maxResults(EcrScanReader.PAGE_SIZE)
                .overrideConfiguration(DryRun::mark)));
    }

    public static int s3(S3Client s3) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create("dry", "run", "token"));
        return stopped(() -> s3.getObject(r -> r.bucket("dry-run-bucket").key("dry/run.zip")
                .overrideConfiguration(o -> mark(o.credentialsProvider(credentials)))));
    }

    public static int sns(SnsClient sns, String topicArn) {
        return stopped(() -> sns.publish(r -> r.topicArn(topicArn).message("{}")
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue("dry-run").build()))
                .overrideConfiguration(DryRun::mark)));
    }

    public static int codePipeline(CodePipelineClient codePipeline) {
        return stopped(() -> codePipeline.putJobSuccessResult(r -> r.jobId(JOB).continuationToken("dry-run")
                .executionDetails(d -> d.summary("dry run")).overrideConfiguration(DryRun::mark)))
                + stopped(() -> codePipeline.putJobFailureResult(r -> r.jobId(JOB)
                .failureDetails(d -> d.type(FailureType.JOB_FAILED).message("dry run")).overrideConfiguration(DryRun::mark)));
    }

    /** 1 when the call was stopped before sending, as intended; 0 when the SDK failed earlier. */
    private static int stopped(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Stopped) {
                    return 1;
                }
            }
            return 0;
        }
    }
}
