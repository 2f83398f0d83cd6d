package dev.shipgate.gate;

import dev.shipgate.gate.aws.RecordingServer;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticJobsTest {

    final RecordingServer server = RecordingServer.notFound();
    final EcrClient ecr = TestClients.local(EcrClient.builder(), server.endpoint());
    final S3Client s3 = TestClients.local(S3Client.builder().forcePathStyle(true), server.endpoint());
    final SnsClient sns = TestClients.local(SnsClient.builder(), server.endpoint());
    final CodePipelineClient codePipeline = TestClients.local(CodePipelineClient.builder(), server.endpoint());

    @AfterEach
    void tearDown() {
        server.close();
    }

    static ScanGateConfig config(String floor) {
        return config(floor, null);
    }

    static ScanGateConfig config(String floor, String scanReportPath) {
        return new ScanGateConfig(floor, 30, "arn:aws:sns:us-east-1:123456789012:shipgate-verdicts", ".shipgate/policy.yaml", "HIGH",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/shipgate-demo", "shipgate-demo-artifacts-123456789012", scanReportPath, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HIGH", "LOW", "CRITICAL"})
    void run_waitsFailsAndPassesThroughTheRealGate_andNoRequestLeavesTheProcess(String floor) {
        SyntheticJobs.Ran ran = SyntheticJobs.of(ecr, s3, sns, codePipeline, config(floor)).run();

        assertThat(ran.outcomes()).containsExactly("Continue", "Fail", "Succeed");
        assertThat(ran.sdkCallsAnswered()).isEqualTo(21);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void run_onAStackJudgingAClairReport_stillRunsTheEcrJobs() {
        SyntheticJobs.Ran ran = SyntheticJobs.of(ecr, s3, sns, codePipeline, config("HIGH", "reports/clair.json")).run();

        assertThat(ran.outcomes()).containsExactly("Continue", "Fail", "Succeed");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void run_isRepeatable_eachRunWithItsOwnScript() {
        SyntheticJobs.of(ecr, s3, sns, codePipeline, config("HIGH")).run();

        assertThat(SyntheticJobs.of(ecr, s3, sns, codePipeline, config("HIGH")).run().sdkCallsAnswered()).isEqualTo(21);
    }

    @Test
    void run_aDryRunThatFails_failsThePrimingWithTheJobItSpoiled_andStillSendsNothing() {
        S3Client withoutCredentials = SdkDryRun.enable(S3Client.builder(), UrlConnectionHttpClient.create()).forcePathStyle(true)
                .endpointOverride(server.endpoint()).region(TestClients.REGION)
                .credentialsProvider(() -> {
                    throw new IllegalStateException("no credentials");
                }).build();

        assertThatThrownBy(() -> SyntheticJobs.of(ecr, withoutCredentials, sns, codePipeline, config("HIGH")).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synthetic job 'fail' ended Fail[type=JobFailed")
                .hasMessageContaining("Findings report not written")
                .hasMessageContaining("\"event\":\"report-write-failed\"");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void refusedBy_aMisconfiguredGate_reportsTheConfigurationError() {
        Gate refuses = (job, remaining) -> new Outcome.Fail(FailureType.ConfigurationError, "misconfigured");

        SyntheticJobs.Ran ran = SyntheticJobs.refusedBy(refuses, codePipeline).run();

        assertThat(ran.outcomes()).containsExactly("Fail");
        assertThat(ran.sdkCallsAnswered()).isEqualTo(1);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void run_aJobThatDoesNotEndAsExpected_failsThePriming() {
        Gate passes = (job, remaining) -> new Outcome.Succeed(Map.of(), "passed");

        assertThatThrownBy(() -> SyntheticJobs.refusedBy(passes, codePipeline).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synthetic job 'refused' ended Succeed");
        assertThat(server.requests()).isEmpty();
    }
}
