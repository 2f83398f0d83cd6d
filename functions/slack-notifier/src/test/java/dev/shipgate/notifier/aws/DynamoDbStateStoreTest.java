package dev.shipgate.notifier.aws;

import dev.shipgate.notifier.StateTables;
import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.state.Outcome;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The state store against DynamoDB on moto_server, through the real SDK client. */
class DynamoDbStateStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final DynamoDbClient dynamo = TestClients.local(DynamoDbClient.builder(), MotoServer.shared().endpoint());
    private final String table = StateTables.create(dynamo);
    private final DynamoDbStateStore store = new DynamoDbStateStore(dynamo, table, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void drop() {
        dynamo.deleteTable(r -> r.tableName(table));
        dynamo.close();
    }

    @Test
    void recordOutcome_newerOrEqualOrder_replacesOlderNever() {
        assertThat(store.recordOutcome("p", new Outcome("e1", "FAILED", 1_000, false))).isTrue();
        assertThat(store.recordOutcome("p", new Outcome("e2", "SUCCEEDED", 2_000, true))).isTrue();
        assertThat(store.recordOutcome("p", new Outcome("e0", "FAILED", 500, false))).isFalse();

        assertThat(store.lastOutcome("p")).contains(new Outcome("e2", "SUCCEEDED", 2_000, true));
        assertThat(store.lastOutcome("other")).isEmpty();
    }

    @Test
    void recordOutcome_failureOfAnExecutionThatSucceeded_arrivingLate_changesNothing() {
        assertThat(store.recordOutcome("p", new Outcome("e1", "FAILED", 1_000, false))).isTrue();
        assertThat(store.recordOutcome("p", new Outcome("e1", "SUCCEEDED", 1_000, true))).isTrue();

        assertThat(store.recordOutcome("p", new Outcome("e1", "FAILED", 1_000, false))).isFalse();
        assertThat(store.lastOutcome("p")).contains(new Outcome("e1", "SUCCEEDED", 1_000, true));
    }

    @Test
    void markSent_thenAlreadySent_trueOnlyForThatDelivery() {
        store.markSent("event-1");

        assertThat(store.alreadySent("event-1")).isTrue();
        assertThat(store.alreadySent("event-2")).isFalse();
    }

    @Test
    void markSent_outlivesAMessageKeptTheLongestSqsAllowsInADeadLetterQueue() {
        store.markSent("event-1");

        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("pipeline", AttributeValue.fromS("sent#event-1")))).item();
        long sqsMaximumRetentionSeconds = 1_209_600;
        assertThat(Long.parseLong(item.get("expiresAt").n())).isGreaterThan(NOW.getEpochSecond() + sqsMaximumRetentionSeconds);
    }

    @Test
    void startedAndFailedAction_firstRecordedStaysWithTtl() {
        store.recordStarted("p", "e1", Instant.parse("2026-11-27T09:58:00Z"));
        store.recordStarted("p", "e1", Instant.parse("2026-11-27T09:59:00Z"));
        store.recordFailedAction("p", "e1", new ActionInfo("Build", "BuildImage", "CodeBuild", "Build", "exit 1", "proj:uuid", null, "JobFailed"));
        store.recordFailedAction("p", "e1", new ActionInfo("Test", "Later", "CodeBuild", "Test", "second", null, null, null));

        assertThat(store.startedAt("p", "e1")).contains(Instant.parse("2026-11-27T09:58:00Z"));
        ActionInfo failed = store.failedAction("p", "e1").orElseThrow();
        assertThat(failed.action()).isEqualTo("BuildImage");
        assertThat(failed.summary()).isEqualTo("exit 1");
        assertThat(failed.externalUrl()).isNull();
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("pipeline", AttributeValue.fromS("p#execution#e1#failure")))).item();
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(NOW.plus(DynamoDbStateStore.EXECUTION_TTL).getEpochSecond());
        assertThat(store.startedAt("p", "unknown")).isEmpty();
        assertThat(store.failedAction("p", "unknown")).isEmpty();
    }
}
