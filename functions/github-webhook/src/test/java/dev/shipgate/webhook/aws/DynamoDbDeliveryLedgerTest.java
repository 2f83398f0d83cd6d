package dev.shipgate.webhook.aws;

import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.TestClients;
import dev.shipgate.webhook.delivery.DeliveryLedger.Claim;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger on moto_server's DynamoDB, with the deliveries table as template.yaml declares it. */
class DynamoDbDeliveryLedgerTest {

    private static final String TABLE = "ledger-test-deliveries";
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private final MotoServer moto = MotoServer.shared();
    private final DynamoDbClient dynamo = TestClients.local(DynamoDbClient.builder(), moto.endpoint());
    private final DynamoDbDeliveryLedger ledger = new DynamoDbDeliveryLedger(dynamo, TABLE);

    @BeforeEach
    void table() {
        moto.reset();
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("deliveryId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("deliveryId").keyType(KeyType.HASH)));
    }

    @Test
    void claim_sameBodyUnderAnotherDeliveryId_isAReplayOfTheFirstWithItsExecution() {
        assertThat(ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L).fresh()).isTrue();
        ledger.recordStarted("delivery-1", "exec-1");

        Claim replay = ledger.claim("delivery-2", DIGEST, SHA, 4_102_444_800L);

        assertThat(replay).isEqualTo(Claim.replayOf("delivery-1", "exec-1"));
        assertThat(dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("deliveryId", AttributeValue.fromS("delivery-2")))).hasItem()).isFalse();
        var body = dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("deliveryId", AttributeValue.fromS("sha256:" + DIGEST)))).item();
        assertThat(body.get("firstDeliveryId").s()).isEqualTo("delivery-1");
        assertThat(body.get("expiresAt").n()).isEqualTo("4102444800");
    }

    @Test
    void claim_redeliveryOfTheSameDeliveryAndBody_isTheExistingClaim() {
        ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L);
        ledger.recordStarted("delivery-1", "exec-1");

        assertThat(ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L)).isEqualTo(Claim.existing("exec-1"));
    }

    @Test
    void claim_otherBodyToTheSameCommit_isFresh() {
        ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L);

        assertThat(ledger.claim("delivery-2", DIGEST.replace('9', 'a'), SHA, 4_102_444_800L).fresh()).isTrue();
    }

    /**
     * Eight copies of one body under eight delivery ids, one after the other. That two copies arriving at the same
     * moment cannot both win rests on DynamoDB's conditional write, which is atomic per item; moto_server's is not (its
     * threaded server checks the condition and writes without a lock), so a concurrent version of this test failed
     * now and then on moto's account, not ours, and is not run against it.
     */
    @Test
    void claim_eightCopiesOfOneBody_onlyTheFirstIsFresh_theOthersNameIt() {
        List<Claim> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(ledger.claim("delivery-" + i, DIGEST, SHA, 4_102_444_800L));
        }

        assertThat(results.getFirst().fresh()).isTrue();
        assertThat(results.subList(1, 8)).allSatisfy(claim -> assertThat(claim).isEqualTo(Claim.replayOf("delivery-0", null)));
    }

    /** A delivery id equal to its body's record key shares one item; claiming the body again must not wipe the execution. */
    @Test
    void claim_bodyRecordAlreadyHeld_isNeverReplaced() {
        String bodyKey = "sha256:" + DIGEST;
        ledger.claim(bodyKey, DIGEST, SHA, 4_102_444_800L);
        ledger.recordStarted(bodyKey, "exec-1");

        assertThat(ledger.claim(bodyKey, DIGEST, SHA, 4_102_444_800L)).isEqualTo(Claim.existing("exec-1"));
    }

    @Test
    void claim_knownDeliveryIdWithAnotherBody_isRefused_andThatBodyStaysFreeForItsOwnDelivery() {
        String otherDigest = DIGEST.replace('9', 'a');
        ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L);
        ledger.recordStarted("delivery-1", "exec-1");

        assertThat(ledger.claim("delivery-1", otherDigest, SHA, 4_102_444_800L)).isEqualTo(Claim.forAnotherBody());
        assertThat(ledger.claim("delivery-2", otherDigest, SHA, 4_102_444_800L)).isEqualTo(Claim.newClaim());
        assertThat(ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L)).isEqualTo(Claim.existing("exec-1"));
    }

    /**
     * A used delivery id sent with this body claims the body before it learns the id is another body's, and gives it
     * back afterwards; the body's own delivery arriving in between (or after a give-back that failed) takes it over
     * instead of being called a replay of a push that was never started.
     */
    @Test
    void claim_bodyHeldByADeliveryIdOfAnotherBody_isTakenOverByItsOwnDelivery() {
        String otherDigest = DIGEST.replace('9', 'a');
        ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L);
        ledger.recordStarted("delivery-1", "exec-1");
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("deliveryId", AttributeValue.fromS("sha256:" + otherDigest),
                "firstDeliveryId", AttributeValue.fromS("delivery-1"), "expiresAt", AttributeValue.fromN("4102444800"))));

        assertThat(ledger.claim("delivery-2", otherDigest, SHA, 4_102_444_800L)).isEqualTo(Claim.newClaim());
        var body = dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("deliveryId", AttributeValue.fromS("sha256:" + otherDigest)))).item();
        assertThat(body.get("firstDeliveryId").s()).isEqualTo("delivery-2");
        assertThat(ledger.claim("delivery-1", otherDigest, SHA, 4_102_444_800L)).as("now a replay of the body's own delivery")
                .isEqualTo(Claim.replayOf("delivery-2", null));
        assertThat(ledger.claim("delivery-2", otherDigest, SHA, 4_102_444_800L)).isEqualTo(Claim.existing(null));
    }

    /** Items written before the digest was stored on the delivery record are still redeliveries, not conflicts. */
    @Test
    void claim_deliveryRecordWithoutDigest_isTheExistingClaim() {
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("deliveryId", AttributeValue.fromS("delivery-1"),
                "state", AttributeValue.fromS("STARTED"), "executionId", AttributeValue.fromS("exec-1"),
                "commitId", AttributeValue.fromS(SHA), "expiresAt", AttributeValue.fromN("4102444800"))));
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("deliveryId", AttributeValue.fromS("sha256:" + DIGEST),
                "firstDeliveryId", AttributeValue.fromS("delivery-1"), "expiresAt", AttributeValue.fromN("4102444800"))));

        assertThat(ledger.claim("delivery-1", DIGEST, SHA, 4_102_444_800L)).isEqualTo(Claim.existing("exec-1"));
    }
}
