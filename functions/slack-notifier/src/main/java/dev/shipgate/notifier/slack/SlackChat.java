package dev.shipgate.notifier.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.LongSupplier;

/**
 * Slack's Web API methods for messages in one channel. Both return once Slack answered {@code ok}; both throw
 * {@link SlackDeliveryException} when Slack refused the call or time ran out.
 */
public interface SlackChat {

    /**
     * {@code chat.postMessage}: posts {@code message} ({@code text} and {@code blocks}) to the channel, as a reply in
     * the thread of {@code threadTs} when that is not null, also shown in the channel when {@code broadcast}.
     *
     * @return the new message's {@code ts}
     */
    String post(ObjectNode message, String threadTs, boolean broadcast, LongSupplier remainingMillis);

    /** {@code chat.update}: replaces the text and blocks of the message {@code ts}. */
    void update(String ts, ObjectNode message, LongSupplier remainingMillis);
}
