package dev.shipgate.notifier.event;

/**
 * One thing the notifier was invoked with: a pipeline event, a gate verdict, a CloudWatch alarm notification, or something
 * it does not handle.
 */
public sealed interface Incoming permits PipelineEvent, GateVerdict, AlarmNotification, Incoming.Unrecognized {

    /** An event the notifier skips; {@code type} names what it was (never its content). */
    record Unrecognized(String type, String reason) implements Incoming {
    }
}
