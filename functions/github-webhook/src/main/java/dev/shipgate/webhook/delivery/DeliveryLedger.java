package dev.shipgate.webhook.delivery;

/**
 * Remembers which deliveries started a pipeline, so a GitHub redelivery (same {@code X-GitHub-Delivery})
 * never starts a second run. Implemented over DynamoDB.
 */
public interface DeliveryLedger {

    /**
     * Claims a delivery atomically before the start. A fresh claim means no one has seen it; an existing
     * claim carries the execution id once recorded, or null while the first attempt is (or was) still
     * starting.
     *
     * @throws LedgerUnavailable when the store cannot answer
     */
    Claim claim(String deliveryId, String commitId, long expiresAtEpochSeconds);

    /** Records the execution a claimed delivery started. */
    void recordStarted(String deliveryId, String executionId);

    record Claim(boolean fresh, String executionId) {
        public static Claim newClaim() {
            return new Claim(true, null);
        }

        public static Claim existing(String executionId) {
            return new Claim(false, executionId);
        }
    }

    final class LedgerUnavailable extends RuntimeException {
        public LedgerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
