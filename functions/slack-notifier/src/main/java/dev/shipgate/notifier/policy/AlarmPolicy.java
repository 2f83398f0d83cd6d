package dev.shipgate.notifier.policy;

import dev.shipgate.notifier.event.AlarmNotification;

/**
 * Which alarm notifications reach Slack. Alarms are operational signals the stack owner set up in the template, so
 * {@code NOTIFY_ON} (the noise policy for pipeline and gate events) does not filter them: a channel that only wants
 * failed executions still hears that the dead-letter queue is filling. Posted: every transition into ALARM, and OK
 * when it ends an ALARM (a recovery). Not posted: OK after INSUFFICIENT_DATA (what every new or updated alarm does on
 * its first evaluation, which would otherwise post one message per alarm on each deploy) and INSUFFICIENT_DATA itself
 * (the template's alarms treat missing data as not breaching and publish no such action; one added by hand is a
 * state without news for the channel).
 */
public final class AlarmPolicy {

    private AlarmPolicy() {
    }

    public static boolean posts(AlarmNotification alarm) {
        return switch (alarm.state()) {
            case AlarmNotification.ALARM -> true;
            // An OK without a previous state is posted: it cannot be told apart from a recovery.
            case AlarmNotification.OK -> !AlarmNotification.INSUFFICIENT_DATA.equals(alarm.previousState());
            default -> false;
        };
    }
}
