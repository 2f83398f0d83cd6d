package dev.shipgate.shared.aws;

import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;

import static org.assertj.core.api.Assertions.assertThat;

class SdkDryRunTest {

    @Test
    void stopMarked_stopsOnlyMarkedRequests_andNothingMarkedReachesTheServer() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder()
                     .overrideConfiguration(o -> o.addExecutionInterceptor(SdkDryRun.STOP_MARKED)), server.endpoint())) {

            int stopped = SdkDryRun.stopped(() -> client.startPipelineExecution(r -> r.name("demo").overrideConfiguration(SdkDryRun::mark)));
            int sent = SdkDryRun.stopped(() -> client.startPipelineExecution(r -> r.name("demo").overrideConfiguration(SdkDryRun::none)));

            assertThat(stopped).isEqualTo(1);
            assertThat(sent).isZero();
            assertThat(server.calls()).hasSize(1);
        }
    }

    @Test
    void stopAll_stopsEveryRequest() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder()
                     .overrideConfiguration(o -> o.addExecutionInterceptor(SdkDryRun.STOP_ALL)), server.endpoint())) {

            assertThat(SdkDryRun.stopped(() -> client.startPipelineExecution(r -> r.name("demo")))).isEqualTo(1);
            assertThat(server.calls()).isEmpty();
        }
    }
}
