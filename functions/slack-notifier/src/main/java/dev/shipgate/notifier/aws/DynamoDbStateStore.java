package dev.shipgate.notifier.aws;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.state.ExecutionMemo;
import dev.shipgate.notifier.state.Outcome;
import dev.shipgate.notifier.state.StateStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link StateStore} in the DynamoDB table {@code STATE_TABLE_NAME} (partition key {@code pipeline}, S).
 * Two kinds of items: {@code pipeline = <name>} holds the pipeline's last finished outcome
 * ({@code lastExecutionId}, {@code lastState}, {@code lastOrder}, {@code recovered}); and
 * {@code pipeline = <name>#execution#<id>} holds per-execution facts ({@code startedAt}, {@code failure})
 * with a TTL attribute {@code expiresAt} (epoch seconds, 30 days on); and {@code pipeline = sent#<delivery id>}
 * marks an event whose message reached Slack, so a redelivered event is not posted twice (TTL 2 days).
 */
public final class DynamoDbStateStore implements StateStore {

    static final String KEY = "pipeline";
    static final Duration EXECUTION_TTL = Duration.ofDays(30);
    static final Duration SENT_TTL = Duration.ofDays(2);
    private static final int SUMMARY_MAX = 2000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbStateStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public ExecutionMemo memo(String pipeline, String executionId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(KEY, s(executionKey(pipeline, executionId))))).item();
        if (item == null || item.isEmpty()) {
            return ExecutionMemo.EMPTY;
        }
        Instant startedAt = item.containsKey("startedAt") ? Instant.ofEpochMilli(Long.parseLong(item.get("startedAt").n())) : null;
        ActionInfo failure = null;
        AttributeValue f = item.get("failure");
        if (f != null && f.hasM()) {
            Map<String, AttributeValue> m = f.m();
            failure = new ActionInfo(str(m, "stage"), str(m, "action"), str(m, "provider"), str(m, "category"),
                    str(m, "summary"), str(m, "externalId"), str(m, "externalUrl"), str(m, "errorCode"));
        }
        return new ExecutionMemo(startedAt, failure);
    }

    @Override
    public void recordStarted(String pipeline, String executionId, Instant startedAt) {
        if (startedAt == null) {
            return;
        }
        dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of(KEY, s(executionKey(pipeline, executionId))))
                .updateExpression("SET startedAt = if_not_exists(startedAt, :s), expiresAt = :e")
                .expressionAttributeValues(Map.of(":s", n(startedAt.toEpochMilli()), ":e", n(expiresAt()))));
    }

    @Override
    public void recordFailedAction(String pipeline, String executionId, ActionInfo action) {
        Map<String, AttributeValue> failure = new HashMap<>();
        put(failure, "stage", action.stage());
        put(failure, "action", action.action());
        put(failure, "provider", action.provider());
        put(failure, "category", action.category());
        put(failure, "summary", action.summary() == null || action.summary().length() <= SUMMARY_MAX
                ? action.summary() : action.summary().substring(0, SUMMARY_MAX));
        put(failure, "externalId", action.externalId());
        put(failure, "externalUrl", action.externalUrl());
        put(failure, "errorCode", action.errorCode());
        // The first failed action is the cause; later ones (other parallel actions) do not replace it.
        dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of(KEY, s(executionKey(pipeline, executionId))))
                .updateExpression("SET failure = if_not_exists(failure, :f), expiresAt = :e")
                .expressionAttributeValues(Map.of(":f", AttributeValue.fromM(failure), ":e", n(expiresAt()))));
    }

    @Override
    public Optional<Outcome> lastOutcome(String pipeline) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(KEY, s(pipeline)))).item();
        if (item == null || !item.containsKey("lastState")) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(str(item, "lastExecutionId"), str(item, "lastState"),
                Long.parseLong(item.get("lastOrder").n()),
                item.containsKey("recovered") && Boolean.TRUE.equals(item.get("recovered").bool())));
    }

    @Override
    public boolean recordOutcome(String pipeline, Outcome outcome) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of(KEY, s(pipeline),
                            "lastExecutionId", s(outcome.executionId()),
                            "lastState", s(outcome.state()),
                            "lastOrder", n(outcome.order()),
                            "recovered", AttributeValue.fromBool(outcome.recovered()),
                            "updatedAt", s(clock.instant().toString())))
                    .conditionExpression("attribute_not_exists(#k) OR lastOrder <= :o")
                    .expressionAttributeNames(Map.of("#k", KEY))
                    .expressionAttributeValues(Map.of(":o", n(outcome.order()))));
            return true;
        } catch (ConditionalCheckFailedException newerAlreadyStored) {
            return false;
        }
    }

    @Override
    public boolean alreadySent(String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(KEY, s(sentKey(deliveryId))))).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public void markSent(String deliveryId) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(KEY, s(sentKey(deliveryId)),
                "sentAt", s(clock.instant().toString()), "expiresAt", n(clock.instant().plus(SENT_TTL).getEpochSecond()))));
    }

    static String sentKey(String deliveryId) {
        return "sent#" + deliveryId;
    }

    private long expiresAt() {
        return clock.instant().plus(EXECUTION_TTL).getEpochSecond();
    }

    static String executionKey(String pipeline, String executionId) {
        return pipeline + "#execution#" + executionId;
    }

    private static void put(Map<String, AttributeValue> map, String name, String value) {
        if (value != null) {
            map.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
