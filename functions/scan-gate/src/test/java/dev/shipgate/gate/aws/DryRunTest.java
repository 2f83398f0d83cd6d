package dev.shipgate.gate.aws;

import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {

    final RecordingServer server = RecordingServer.notFound();

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void dryRun_everyCallIsAnsweredAndRead_andNothingReachesTheNetwork() {
        EcrClient ecr = TestClients.local(EcrClient.builder(), server.endpoint());
        SnsClient sns = TestClients.local(SnsClient.builder(), server.endpoint());
        CodePipelineClient codePipeline = TestClients.local(CodePipelineClient.builder(), server.endpoint());
        S3Client s3 = TestClients.local(S3Client.builder().forcePathStyle(true), server.endpoint());

        int answered = DryRun.ecr(ecr) + DryRun.ecrImage(ecr) + DryRun.s3(s3) + DryRun.s3Report(s3, "shipgate-demo-artifactbucket-1x2y3z4w5v6u")
                + DryRun.sns(sns, "arn:aws:sns:us-east-1:123456789012:t") + DryRun.codePipeline(codePipeline);

        assertThat(answered).isEqualTo(7);
        assertThat(server.requests()).isEmpty();
    }
}
