package dev.shipgate.webhook.delivery;

/**
 * Remembers which deliveries started a pipeline, so that neither a GitHub redelivery (same
 * {@code X-GitHub-Delivery}) nor a replay of the same signed body under another delivery id (that header
 * is not signed) ever starts a second run. Implemented over DynamoDB.
 */
public interface DeliveryLedger {

    /**
     * Claims a delivery and its body atomically before the start. The body is claimed first, by the
     * digest of its signed bytes: when another delivery id holds it, the claim says so ({@link
     * Claim#replayOf}) and the delivery id is not claimed. Otherwise a fresh claim means no one has seen
     * the delivery; an existing claim carries the execution id once recorded, or null while the first
     * attempt is (or was) still starting. An existing delivery id recorded with another body digest is
     * {@link Claim#bodyDiffers}, and leaves this body unclaimed so that its own delivery can still start it.
     *
     * @param bodyDigest the lower-case hex SHA-256 of the exact body bytes the signature covers
     * @throws LedgerUnavailable when the store cannot answer
     */
    Claim claim(String deliveryId, String bodyDigest, String commitId, long expiresAtEpochSeconds);

    /** Records the execution a claimed delivery started. */
    void recordStarted(String deliveryId, String executionId);

    /**
     * @param replayOf        the delivery id that first brought this exact body, when it was another one; null otherwise
     * @param bodyDiffers     the delivery id is known with another body: neither a redelivery nor a replay, and not claimed
     */
    record Claim(boolean fresh, String executionId, String replayOf, boolean bodyDiffers) {
        public static Claim newClaim() {
            return new Claim(true, null, null, false);
        }

        public static Claim existing(String executionId) {
            return new Claim(false, executionId, null, false);
        }

        public static Claim replayOf(String firstDeliveryId, String executionId) {
            return new Claim(false, executionId, firstDeliveryId, false);
        }

        public static Claim forAnotherBody() {
            return new Claim(false, null, null, true);
        }
    }

    final class LedgerUnavailable extends RuntimeException {
        public LedgerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
