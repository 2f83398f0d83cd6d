package dev.shipgate.notifier.aws;

import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {

    @Test
    void everyCallIsStoppedBeforeTransmission_andNothingReachesTheServers() {
        MotoServer moto = MotoServer.shared();
        try (CodePipelineStandIn codePipelineServer = new CodePipelineStandIn().start();
             CodePipelineClient codePipeline = TestClients.local(CodePipelineClient.builder(), codePipelineServer.endpoint());
             DynamoDbClient dynamo = TestClients.local(DynamoDbClient.builder(), moto.endpoint())) {

            // A call that reached a server would fail differently (no such table) and not count as stopped.
            assertThat(DryRun.stateStore(dynamo, "no-such-table") + DryRun.executions(codePipeline)).isEqualTo(4);
            assertThat(codePipelineServer.calls()).isEmpty();
        }
    }
}
