package dev.shipgate.notifier.event;

import java.time.Instant;

/**
 * A CodePipeline state change (from EventBridge, or a CodeStar notification through SNS), reduced to
 * what a message needs. {@code startTime} is the execution's start; {@code action} is set for action
 * events, and for pipeline failures when the notification names the failed action. {@code deliveryId}
 * (the EventBridge event id, else the SNS message id) is the same on every redelivery of the event.
 */
public record PipelineEvent(
        Kind kind,
        String origin,
        String pipeline,
        String executionId,
        String state,
        String stage,
        String region,
        Instant time,
        Instant startTime,
        Commit trigger,
        String triggerType,
        String triggerDetail,
        ActionInfo action,
        String stopComments,
        int attempt,
        String deliveryId) implements Incoming {

    public boolean finished() {
        return kind == Kind.PIPELINE && switch (state) {
            case "SUCCEEDED", "FAILED", "STOPPED", "SUPERSEDED", "CANCELED" -> true;
            default -> false;
        };
    }
}
