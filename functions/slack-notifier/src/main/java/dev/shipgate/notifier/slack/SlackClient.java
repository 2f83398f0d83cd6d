package dev.shipgate.notifier.slack;

import java.util.function.LongSupplier;

/** Posts one message to Slack, retrying what can be retried while time remains. */
public interface SlackClient {

    /**
     * Sends a webhook payload. Returns once Slack answered {@code ok}; throws
     * {@link SlackDeliveryException} when Slack refused the message or time ran out.
     *
     * @param remainingMillis how long the invocation may still run (Lambda's remaining time)
     */
    void send(String payloadJson, LongSupplier remainingMillis);
}
