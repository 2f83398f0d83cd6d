package dev.shipgate.notifier;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A new, empty notifier state table shaped like the stack's (partition key {@code pipeline}, S) for one test. */
public final class StateTables {

    private StateTables() {
    }

    public static String create(DynamoDbClient dynamo) {
        String name = "notifier-state-" + System.nanoTime();
        dynamo.createTable(r -> r.tableName(name)
                .attributeDefinitions(a -> a.attributeName("pipeline").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pipeline").keyType(KeyType.HASH))
                .billingMode("PAY_PER_REQUEST"));
        return name;
    }
}
