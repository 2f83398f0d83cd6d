package dev.shipgate.webhook.aws;

import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.webhook.delivery.DeliveryLedger;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link DeliveryLedger} in the deliveries table: partition key {@code deliveryId} (S), TTL attribute
 * {@code expiresAt} (epoch seconds). The claim is a conditional put, so of two copies of a delivery
 * arriving together exactly one gets a fresh claim.
 */
public final class DynamoDbDeliveryLedger implements DeliveryLedger {

    static final String KEY = "deliveryId";
    static final String EXPIRES_AT = "expiresAt";
    static final String STATE = "state";
    static final String COMMIT = "commitId";
    static final String EXECUTION_ID = "executionId";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public DynamoDbDeliveryLedger(DynamoDbClient dynamo, String table) {
        this(dynamo, table, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming passes {@link SdkDryRun#mark} */
    public DynamoDbDeliveryLedger(DynamoDbClient dynamo, String table, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.dynamo = dynamo;
        this.table = table;
        this.requestSettings = requestSettings;
    }

    @Override
    public Claim claim(String deliveryId, String commitId, long expiresAtEpochSeconds) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .overrideConfiguration(requestSettings)
                    .item(Map.of(
                            KEY, s(deliveryId),
                            STATE, s("STARTING"),
                            COMMIT, s(commitId),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAtEpochSeconds))))
                    .conditionExpression("attribute_not_exists(" + KEY + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.newClaim();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = taken.hasItem() && !taken.item().isEmpty() ? taken.item() : read(deliveryId);
            AttributeValue execution = item.get(EXECUTION_ID);
            return Claim.existing(execution == null ? null : execution.s());
        } catch (LedgerUnavailable e) {
            throw e;
        } catch (SdkException e) {
            throw new LedgerUnavailable("claiming delivery " + deliveryId + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void recordStarted(String deliveryId, String executionId) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .overrideConfiguration(requestSettings)
                    .key(Map.of(KEY, s(deliveryId)))
                    .updateExpression("SET #state = :started, " + EXECUTION_ID + " = :execution")
                    .expressionAttributeNames(Map.of("#state", STATE))
                    .expressionAttributeValues(Map.of(":started", s("STARTED"), ":execution", s(executionId))));
        } catch (SdkException e) {
            throw new LedgerUnavailable("recording execution for delivery " + deliveryId + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Map<String, AttributeValue> read(String deliveryId) {
        try {
            return dynamo.getItem(b -> b.tableName(table).overrideConfiguration(requestSettings).key(Map.of(KEY, s(deliveryId))).consistentRead(true)).item();
        } catch (SdkException e) {
            throw new LedgerUnavailable("reading delivery " + deliveryId + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
