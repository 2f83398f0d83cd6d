package dev.shipgate.notifier.aws;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.state.Outcome;
import dev.shipgate.notifier.state.StateStore;
import dev.shipgate.shared.aws.SdkDryRun;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link StateStore} in the DynamoDB table {@code STATE_TABLE_NAME} (partition key {@code pipeline}, S).
 * Two kinds of items: {@code pipeline = <name>} holds the pipeline's last finished outcome
 * ({@code lastExecutionId}, {@code lastState}, {@code lastOrder}, {@code recovered}); and
 * {@code pipeline = <name>#execution#<id>#started} and {@code …#failure} hold per-execution facts (its
 * start, its first failed action), written once (conditional put, first wins), with a TTL attribute
 * {@code expiresAt} (epoch seconds, 30 days on); and {@code pipeline = sent#<delivery id>}
 * marks an event whose message reached Slack, so a redelivered event is not posted twice (TTL 15 days).
 */
public final class DynamoDbStateStore implements StateStore {

    static final String KEY = "pipeline";
    static final Duration EXECUTION_TTL = Duration.ofDays(30);
    /**
     * Longer than SQS keeps any message (14 days at most, what the template's dead-letter queues keep): an event
     * redriven late from a dead-letter queue is still known as sent.
     */
    static final Duration SENT_TTL = Duration.ofDays(15);
    private static final int SUMMARY_MAX = 2000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public DynamoDbStateStore(DynamoDbClient dynamo, String table, Clock clock) {
        this(dynamo, table, clock, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming passes {@link SdkDryRun#answer} */
    public DynamoDbStateStore(DynamoDbClient dynamo, String table, Clock clock,
                              Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.requestSettings = requestSettings;
    }

    @Override
    public Optional<Instant> startedAt(String pipeline, String executionId) {
        Map<String, AttributeValue> item = get(executionKey(pipeline, executionId, "started"));
        return item.containsKey("startedAt") ? Optional.of(Instant.ofEpochMilli(Long.parseLong(item.get("startedAt").n()))) : Optional.empty();
    }

    @Override
    public Optional<ActionInfo> failedAction(String pipeline, String executionId) {
        Map<String, AttributeValue> m = get(executionKey(pipeline, executionId, "failure"));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ActionInfo(str(m, "stage"), str(m, "action"), str(m, "provider"), str(m, "category"),
                str(m, "summary"), str(m, "externalId"), str(m, "externalUrl"), str(m, "errorCode")));
    }

    @Override
    public void recordStarted(String pipeline, String executionId, Instant startedAt) {
        if (startedAt == null) {
            return;
        }
        putFirst(Map.of(KEY, s(executionKey(pipeline, executionId, "started")), "startedAt", n(startedAt.toEpochMilli()),
                "expiresAt", n(expiresAt(EXECUTION_TTL))));
    }

    @Override
    public void recordFailedAction(String pipeline, String executionId, ActionInfo action) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(executionKey(pipeline, executionId, "failure")));
        put(item, "stage", action.stage());
        put(item, "action", action.action());
        put(item, "provider", action.provider());
        put(item, "category", action.category());
        put(item, "summary", action.summary() == null || action.summary().length() <= SUMMARY_MAX
                ? action.summary() : action.summary().substring(0, SUMMARY_MAX));
        put(item, "externalId", action.externalId());
        put(item, "externalUrl", action.externalUrl());
        put(item, "errorCode", action.errorCode());
        item.put("expiresAt", n(expiresAt(EXECUTION_TTL)));
        putFirst(item);
    }

    @Override
    public Optional<Outcome> lastOutcome(String pipeline) {
        Map<String, AttributeValue> item = get(pipeline);
        if (!item.containsKey("lastState")) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(str(item, "lastExecutionId"), str(item, "lastState"),
                Long.parseLong(item.get("lastOrder").n()),
                item.containsKey("recovered") && Boolean.TRUE.equals(item.get("recovered").bool())));
    }

    @Override
    public boolean recordOutcome(String pipeline, Outcome outcome) {
        try {
            dynamo.putItem(r -> r.tableName(table).overrideConfiguration(requestSettings)
                    .item(Map.of(KEY, s(pipeline),
                            "lastExecutionId", s(outcome.executionId()),
                            "lastState", s(outcome.state()),
                            "lastOrder", n(outcome.order()),
                            "recovered", AttributeValue.fromBool(outcome.recovered()),
                            "updatedAt", s(clock.instant().toString())))
                    // SUCCEEDED ends an execution: a FAILED of it arriving late (a redrive) must not undo that.
                    .conditionExpression("attribute_not_exists(#k) OR (lastOrder <= :o"
                            + " AND NOT (lastExecutionId = :execution AND lastState = :succeeded))")
                    .expressionAttributeNames(Map.of("#k", KEY))
                    .expressionAttributeValues(Map.of(":o", n(outcome.order()), ":execution", s(outcome.executionId()),
                            ":succeeded", s("SUCCEEDED"))));
            return true;
        } catch (ConditionalCheckFailedException newerAlreadyStored) {
            return false;
        }
    }

    @Override
    public boolean alreadySent(String deliveryId) {
        return !get(sentKey(deliveryId)).isEmpty();
    }

    @Override
    public void markSent(String deliveryId) {
        dynamo.putItem(r -> r.tableName(table).overrideConfiguration(requestSettings).item(Map.of(KEY, s(sentKey(deliveryId)),
                "sentAt", s(clock.instant().toString()), "expiresAt", n(expiresAt(SENT_TTL)))));
    }

    static String sentKey(String deliveryId) {
        return "sent#" + deliveryId;
    }

    /** Writes an item unless one with its key exists: the first write wins, later ones are dropped on purpose. */
    private void putFirst(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(r -> r.tableName(table).overrideConfiguration(requestSettings).item(item)
                    .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", KEY)));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // an earlier event of the same execution was first
        }
    }

    private Map<String, AttributeValue> get(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).overrideConfiguration(requestSettings).consistentRead(true)
                .key(Map.of(KEY, s(key)))).item();
        return item == null ? Map.of() : item;
    }

    private long expiresAt(Duration ttl) {
        return clock.instant().plus(ttl).getEpochSecond();
    }

    static String executionKey(String pipeline, String executionId, String fact) {
        return pipeline + "#execution#" + executionId + "#" + fact;
    }

    private static void put(Map<String, AttributeValue> map, String name, String value) {
        if (value != null) {
            map.put(name, s(value));
        }
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
