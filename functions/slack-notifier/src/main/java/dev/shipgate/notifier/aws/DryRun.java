package dev.shipgate.notifier.aws;

import dev.shipgate.shared.aws.SdkDryRun;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Runs the notifier's SDK calls on its real clients as dry runs ({@link SdkDryRun}: these marked requests are
 * stopped right before transmission): endpoint rules, marshalling and signing are loaded and exercised, nothing
 * reaches the network. Used to warm up at init and for SnapStart priming.
 */
public final class DryRun {

    private DryRun() {
    }

    /**
     * The state store's read, conditional write and conditional update (the Web API mode's thread); returns how many
     * were stopped before sending (3).
     */
    public static int stateStore(DynamoDbClient dynamo, String table) {
        Map<String, AttributeValue> key = Map.of(DynamoDbStateStore.KEY, AttributeValue.fromS("dry-run"));
        return SdkDryRun.stopped(() -> dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key)
                        .overrideConfiguration(SdkDryRun::mark)))
                + SdkDryRun.stopped(() -> dynamo.putItem(r -> r.tableName(table).item(key)
                        .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", DynamoDbStateStore.KEY))
                        .overrideConfiguration(SdkDryRun::mark)))
                + SdkDryRun.stopped(() -> dynamo.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET #v = :v").conditionExpression("#v = :o")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("2"), ":o", AttributeValue.fromN("1")))
                        .overrideConfiguration(SdkDryRun::mark)));
    }

    /** The execution lookup; returns how many were stopped before sending (1). */
    public static int executions(CodePipelineClient codePipeline) {
        return SdkDryRun.stopped(() -> codePipeline.getPipelineExecution(r -> r.pipelineName("dry-run")
                .pipelineExecutionId("00000000-0000-0000-0000-000000000000").overrideConfiguration(SdkDryRun::mark)));
    }
}
