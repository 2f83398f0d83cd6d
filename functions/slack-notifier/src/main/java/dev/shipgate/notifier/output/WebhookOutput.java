package dev.shipgate.notifier.output;

import dev.shipgate.notifier.message.MessageRenderer;
import dev.shipgate.notifier.message.Notification;
import dev.shipgate.notifier.message.SlackMessage;
import dev.shipgate.notifier.slack.SlackClient;
import dev.shipgate.shared.json.JsonTree;

import java.util.function.LongSupplier;

/** Each selected event as one message through the incoming webhook (which returns no message id to thread on). */
public final class WebhookOutput implements SlackOutput {

    private final SlackClient webhook;
    private final MessageRenderer renderer = new MessageRenderer();

    public WebhookOutput(SlackClient webhook) {
        this.webhook = webhook;
    }

    @Override
    public boolean showsUnselectedEvents() {
        return false;
    }

    @Override
    public void deliver(Notification n, boolean selected, LongSupplier remainingMillis) {
        if (selected) {
            postToChannel(renderer.render(n), remainingMillis);
        }
    }

    @Override
    public void postToChannel(SlackMessage message, LongSupplier remainingMillis) {
        webhook.send(JsonTree.write(message.toJson()), remainingMillis);
    }
}
