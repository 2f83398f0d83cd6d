package dev.shipgate.notifier.slack;

/**
 * A message Slack did not take. {@code status} is the last HTTP status (0 when none arrived) and
 * {@code slackError} Slack's error code from the response body ({@code channel_not_found}, …).
 * The message never contains the webhook URL.
 */
public final class SlackDeliveryException extends RuntimeException {

    private final int status;
    private final String slackError;
    private final boolean permanent;

    public SlackDeliveryException(String message, int status, String slackError, boolean permanent) {
        super(message);
        this.status = status;
        this.slackError = slackError;
        this.permanent = permanent;
    }

    public int status() {
        return status;
    }

    public String slackError() {
        return slackError;
    }

    /** True when Slack refused the message itself (4xx), false when it could not be delivered in time. */
    public boolean permanent() {
        return permanent;
    }
}
