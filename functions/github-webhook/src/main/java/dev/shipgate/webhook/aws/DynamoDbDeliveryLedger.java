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
 * {@code expiresAt} (epoch seconds), one item per delivery id (with the digest of its body) and one per
 * body digest. Both claims are
 * conditional puts, so of two copies of a delivery (or of a body) arriving together exactly one wins.
 */
public final class DynamoDbDeliveryLedger implements DeliveryLedger {

    static final String KEY = "deliveryId";
    static final String EXPIRES_AT = "expiresAt";
    static final String STATE = "state";
    static final String COMMIT = "commitId";
    static final String EXECUTION_ID = "executionId";
    static final String FIRST_DELIVERY = "firstDeliveryId";
    static final String BODY_DIGEST = "bodyDigest";
    static final String BODY_KEY_PREFIX = "sha256:";

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
    public Claim claim(String deliveryId, String bodyDigest, String commitId, long expiresAtEpochSeconds) {
        try {
            String firstDelivery = claimBody(bodyDigest, deliveryId, expiresAtEpochSeconds);
            if (!firstDelivery.equals(deliveryId)) {
                Map<String, AttributeValue> first = read(firstDelivery);
                AttributeValue firstDigest = first.get(BODY_DIGEST);
                if (firstDigest != null && !bodyDigest.equals(firstDigest.s())) {
                    // That delivery id belongs to another body, so its hold on this one is a claim it is giving back
                    // (or failed to): take the body over instead of calling this push a replay of a push never made.
                    releaseBody(bodyDigest, firstDelivery);
                    if (!claimBody(bodyDigest, deliveryId, expiresAtEpochSeconds).equals(deliveryId)) {
                        throw new LedgerUnavailable("body " + bodyDigest + " changed hands while it was taken over; retry", null);
                    }
                    return claimDelivery(deliveryId, bodyDigest, commitId, expiresAtEpochSeconds);
                }
                AttributeValue execution = first.get(EXECUTION_ID);
                return Claim.replayOf(firstDelivery, execution == null ? null : execution.s());
            }
            return claimDelivery(deliveryId, bodyDigest, commitId, expiresAtEpochSeconds);
        } catch (LedgerUnavailable e) {
            throw e;
        } catch (SdkException e) {
            throw new LedgerUnavailable("claiming delivery " + deliveryId + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Claim claimDelivery(String deliveryId, String bodyDigest, String commitId, long expiresAtEpochSeconds) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .overrideConfiguration(requestSettings)
                    .item(Map.of(
                            KEY, s(deliveryId),
                            STATE, s("STARTING"),
                            COMMIT, s(commitId),
                            BODY_DIGEST, s(bodyDigest),
                            EXPIRES_AT, n(expiresAtEpochSeconds)))
                    .conditionExpression("attribute_not_exists(" + KEY + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.newClaim();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = taken.hasItem() && !taken.item().isEmpty() ? taken.item() : read(deliveryId);
            AttributeValue knownDigest = item.get(BODY_DIGEST);
            // Records written before the digest was stored have none: they count as this body.
            if (knownDigest != null && !bodyDigest.equals(knownDigest.s())) {
                releaseBody(bodyDigest, deliveryId);
                return Claim.forAnotherBody();
            }
            AttributeValue execution = item.get(EXECUTION_ID);
            return Claim.existing(execution == null ? null : execution.s());
        }
    }

    /**
     * Claims the body for this delivery id, in the same table under the key {@code sha256:<digest>} (no
     * delivery id looks like that), and returns the delivery id that holds it: this one, or the one that
     * brought the same bytes first.
     */
    private String claimBody(String bodyDigest, String deliveryId, long expiresAtEpochSeconds) {
        String key = BODY_KEY_PREFIX + bodyDigest;
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .overrideConfiguration(requestSettings)
                    .item(Map.of(KEY, s(key), FIRST_DELIVERY, s(deliveryId), EXPIRES_AT, n(expiresAtEpochSeconds)))
                    // Never replace: the item may be a delivery record carrying its execution id.
                    .conditionExpression("attribute_not_exists(" + KEY + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return deliveryId;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = taken.hasItem() && !taken.item().isEmpty() ? taken.item() : read(key);
            AttributeValue first = item.get(FIRST_DELIVERY);
            if (first == null || first.s() == null) {
                throw new LedgerUnavailable("the body record " + key + " names no delivery", null);
            }
            return first.s();
        }
    }

    /** Gives back a body held by a delivery id that belongs to another body, so the body's own delivery can start it. */
    private void releaseBody(String bodyDigest, String deliveryId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .overrideConfiguration(requestSettings)
                    .key(Map.of(KEY, s(BODY_KEY_PREFIX + bodyDigest)))
                    .conditionExpression(FIRST_DELIVERY + " = :delivery")
                    .expressionAttributeValues(Map.of(":delivery", s(deliveryId))));
        } catch (ConditionalCheckFailedException heldByAnother) {
            // Another delivery holds it now: nothing of ours to give back.
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

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
