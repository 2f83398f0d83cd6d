package dev.shipgate.notifier.event;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudWatch alarm state change as CloudWatch publishes it to an SNS topic (the JSON in {@code Sns.Message}): a
 * metric alarm carries its {@code trigger}, a composite alarm its {@code rule}; either may be null. {@code regionName}
 * is CloudWatch's display name ("US East (N. Virginia)"), not a region code. {@code deliveryId} is the SNS message id,
 * the same on every redelivery.
 */
public record AlarmNotification(
        String name,
        String description,
        String arn,
        String accountId,
        String regionName,
        String state,
        String previousState,
        String reason,
        Instant changedAt,
        AlarmTrigger trigger,
        String rule,
        String deliveryId) implements Incoming {

    public static final String ALARM = "ALARM";
    public static final String OK = "OK";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
    public static final List<String> STATES = List.of(ALARM, OK, INSUFFICIENT_DATA);

    private static final Pattern ARN_REGION = Pattern.compile("arn:aws[a-z-]*:cloudwatch:([a-z]{2}(?:-[a-z]+)+-\\d{1,2}):.*");

    /** The region code in the alarm's ARN, or null when the message has no well-formed ARN (older messages have none). */
    public String regionFromArn() {
        Matcher match = arn == null ? null : ARN_REGION.matcher(arn);
        return match != null && match.matches() ? match.group(1) : null;
    }

    /**
     * What a metric alarm watches. {@code expression} is set for a metric-math alarm (the expression or metric whose
     * data the alarm evaluates) and {@code metric}/{@code namespace} for a single-metric one. Numbers are null when
     * the message lacks them.
     */
    public record AlarmTrigger(
            String namespace,
            String metric,
            List<String> dimensions,
            String expression,
            String statistic,
            Integer periodSeconds,
            Integer evaluationPeriods,
            String comparison,
            Double threshold) {

        public AlarmTrigger {
            dimensions = List.copyOf(dimensions);
        }
    }
}
