package dev.shipgate.notifier.aws;

import dev.shipgate.notifier.thread.ExecutionView;
import dev.shipgate.notifier.thread.ThreadRecord;
import dev.shipgate.notifier.thread.ThreadStore;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.json.JsonTree;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.shipgate.notifier.aws.DynamoDbStateStore.n;
import static dev.shipgate.notifier.aws.DynamoDbStateStore.s;
import static dev.shipgate.notifier.aws.DynamoDbStateStore.str;

/**
 * {@link ThreadStore} in the notifier's state table: the item {@code pipeline = <name>#execution#<id>#thread} holds
 * {@code view} (the execution view as JSON), {@code version}, the parent's {@code ts} once posted, the claim
 * ({@code claimId}, {@code claimedAt}) until then, and the TTL {@code expiresAt} (30 days, like the other
 * per-execution facts). Every write is a conditional write.
 */
public final class DynamoDbThreadStore implements ThreadStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public DynamoDbThreadStore(DynamoDbClient dynamo, String table, Clock clock) {
        this(dynamo, table, clock, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming passes {@link SdkDryRun#answer} */
    public DynamoDbThreadStore(DynamoDbClient dynamo, String table, Clock clock,
                               Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.requestSettings = requestSettings;
    }

    static String key(String pipeline, String executionId) {
        return DynamoDbStateStore.executionKey(pipeline, executionId, "thread");
    }

    @Override
    public Optional<ThreadRecord> find(String pipeline, String executionId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).overrideConfiguration(requestSettings).consistentRead(true)
                .key(Map.of(DynamoDbStateStore.KEY, s(key(pipeline, executionId))))).item();
        if (item == null || item.isEmpty() || !item.containsKey("view")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ThreadRecord(ExecutionView.fromJson(JsonTree.parse(item.get("view").s())),
                    Long.parseLong(item.get("version").n()), str(item, "ts"), str(item, "claimId"),
                    item.containsKey("claimedAt") ? Long.parseLong(item.get("claimedAt").n()) : 0));
        } catch (IOException e) {
            throw new UncheckedIOException("thread item " + key(pipeline, executionId) + " holds no JSON view", e);
        }
    }

    @Override
    public boolean create(ExecutionView view, String claimId, long nowMillis) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbStateStore.KEY, s(key(view.pipeline(), view.executionId())));
        item.put("view", s(JsonTree.write(view.toJson())));
        item.put("version", n(1));
        item.put("claimId", s(claimId));
        item.put("claimedAt", n(nowMillis));
        item.put("expiresAt", n(clock.instant().plus(DynamoDbStateStore.EXECUTION_TTL).getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table).overrideConfiguration(requestSettings).item(item)
                    .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", DynamoDbStateStore.KEY)));
            return true;
        } catch (ConditionalCheckFailedException another) {
            return false;
        }
    }

    @Override
    public boolean updateView(ExecutionView view, long version) {
        return update(view.pipeline(), view.executionId(), r -> r
                .updateExpression("SET #view = :view, #version = :next")
                .conditionExpression("#version = :version")
                .expressionAttributeNames(Map.of("#view", "view", "#version", "version"))
                .expressionAttributeValues(Map.of(":view", s(JsonTree.write(view.toJson())), ":next", n(version + 1),
                        ":version", n(version))));
    }

    @Override
    public boolean claim(String pipeline, String executionId, String heldBy, String claimId, long nowMillis) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":me", s(claimId), ":now", n(nowMillis)));
        String held;
        if (heldBy == null) {
            held = "attribute_not_exists(#claim)";
        } else {
            held = "#claim = :held";
            values.put(":held", s(heldBy));
        }
        return update(pipeline, executionId, r -> r
                .updateExpression("SET #claim = :me, #claimedAt = :now")
                .conditionExpression("attribute_exists(#k) AND attribute_not_exists(#ts) AND " + held)
                .expressionAttributeNames(Map.of("#k", DynamoDbStateStore.KEY, "#ts", "ts", "#claim", "claimId",
                        "#claimedAt", "claimedAt"))
                .expressionAttributeValues(values));
    }

    @Override
    public void release(String pipeline, String executionId, String claimId) {
        update(pipeline, executionId, r -> r
                .updateExpression("REMOVE #claim, #claimedAt")
                .conditionExpression("#claim = :me AND attribute_not_exists(#ts)")
                .expressionAttributeNames(Map.of("#ts", "ts", "#claim", "claimId", "#claimedAt", "claimedAt"))
                .expressionAttributeValues(Map.of(":me", s(claimId))));
    }

    @Override
    public boolean recordParent(String pipeline, String executionId, String claimId, String ts) {
        return update(pipeline, executionId, r -> r
                .updateExpression("SET #ts = :ts")
                .conditionExpression("#claim = :me AND attribute_not_exists(#ts)")
                .expressionAttributeNames(Map.of("#ts", "ts", "#claim", "claimId"))
                .expressionAttributeValues(Map.of(":me", s(claimId), ":ts", s(ts))));
    }

    @Override
    public void forgetParent(String pipeline, String executionId, String ts) {
        update(pipeline, executionId, r -> r
                .updateExpression("REMOVE #ts, #claim, #claimedAt")
                .conditionExpression("#ts = :ts")
                .expressionAttributeNames(Map.of("#ts", "ts", "#claim", "claimId", "#claimedAt", "claimedAt"))
                .expressionAttributeValues(Map.of(":ts", s(ts))));
    }

    private boolean update(String pipeline, String executionId, Consumer<UpdateItemRequest.Builder> expression) {
        try {
            dynamo.updateItem(r -> {
                r.tableName(table).overrideConfiguration(requestSettings).key(Map.of(DynamoDbStateStore.KEY, s(key(pipeline, executionId))));
                expression.accept(r);
            });
            return true;
        } catch (ConditionalCheckFailedException conditionNotMet) {
            return false;
        }
    }
}
