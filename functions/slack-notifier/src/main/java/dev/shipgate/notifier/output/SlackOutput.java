package dev.shipgate.notifier.output;

import dev.shipgate.notifier.message.Notification;
import dev.shipgate.notifier.message.SlackMessage;

import java.util.function.LongSupplier;

/**
 * How notifications reach Slack: an incoming webhook (one message per selected event) or the Web API (one thread
 * per execution whose parent shows every event). Chosen once in the composition root.
 */
public interface SlackOutput {

    /** Whether events {@code NOTIFY_ON} does not select still reach {@link #deliver} (a thread's parent shows every event). */
    boolean showsUnselectedEvents();

    /**
     * Shows {@code n}; {@code selected} says whether {@code NOTIFY_ON} selects it for a message of its own. Throws
     * {@link dev.shipgate.notifier.slack.SlackDeliveryException} when Slack refused it or time ran out.
     */
    void deliver(Notification n, boolean selected, LongSupplier remainingMillis);

    /**
     * Posts a message that belongs to no execution (a CloudWatch alarm, say) as a plain channel message; throws like
     * {@link #deliver}.
     */
    void postToChannel(SlackMessage message, LongSupplier remainingMillis);
}
