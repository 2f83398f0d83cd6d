package dev.shipgate.notifier.message;

import dev.shipgate.notifier.event.AlarmNotification;
import dev.shipgate.notifier.event.AlarmNotification.AlarmTrigger;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a CloudWatch {@link AlarmNotification} into a Slack message: what is wrong (or no longer wrong), CloudWatch's
 * reason, the metric and condition, and a link to the alarm in the CloudWatch console of its region.
 */
public final class AlarmRenderer {

    static final int DESCRIPTION_MAX = 1024;
    static final int REASON_MAX = 1500;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /**
     * @param project        the stack's project name
     * @param stackRegion    the notifier's region: the stack's alarms publish to a topic in their own region, so this is
     *                       the alarm's region when the message carries no alarm ARN
     * @param mentionOnAlarm who to mention when an alarm goes off (the failure mention), or null
     */
    public SlackMessage render(AlarmNotification a, String project, String stackRegion, String mentionOnAlarm) {
        String marker = marker(a.state());
        boolean alarm = AlarmNotification.ALARM.equals(a.state());
        String mention = alarm ? mentionOnAlarm : null;
        String region = a.regionFromArn() != null ? a.regionFromArn() : stackRegion;

        StringBuilder fallback = new StringBuilder();
        if (mention != null) {
            fallback.append(mention).append(' ');
        }
        fallback.append(Text.escape(marker + " " + a.name(), 300)).append(" (project ").append(Text.escape(project, 200)).append(')');
        if (a.reason() != null) {
            fallback.append(" — ").append(Text.escape(a.reason(), 500));
        }
        SlackMessage message = new SlackMessage(fallback.toString());
        message.header(marker + " · " + a.name());

        StringBuilder intro = new StringBuilder();
        if (mention != null) {
            intro.append(mention).append(' ');
        }
        intro.append("CloudWatch alarm ").append(Text.code(a.name(), 255)).append(" of project *").append(Text.escape(project, 200))
                .append("* ").append(switch (a.state()) {
                    case AlarmNotification.ALARM -> "is *in ALARM*";
                    case AlarmNotification.OK -> "is *back to OK*";
                    default -> "has *insufficient data*";
                });
        if (a.previousState() != null) {
            intro.append(" (was ").append(Text.escape(a.previousState(), 30)).append(')');
        }
        intro.append('.');
        if (a.description() != null) {
            intro.append('\n').append(Text.escape(a.description(), DESCRIPTION_MAX));
        }
        if (REGION.matcher(region == null ? "" : region).matches()) {
            intro.append('\n').append(Text.link(Links.alarm(region, a.name()), "Open the alarm in the CloudWatch console"));
        }
        message.section(intro.toString());
        if (a.reason() != null) {
            message.section("*Reason:* " + Text.escape(a.reason(), REASON_MAX));
        }
        message.fields(fields(a));

        List<String> footer = new ArrayList<>();
        footer.add("shipgate");
        if (a.regionName() != null || region != null) {
            footer.add(Text.escape(a.regionName() != null ? a.regionName() : region, 60));
        }
        if (a.accountId() != null) {
            footer.add("account " + Text.escape(a.accountId(), 20));
        }
        if (a.changedAt() != null) {
            footer.add(DateTimeFormatter.ISO_INSTANT.format(a.changedAt().truncatedTo(ChronoUnit.SECONDS)));
        }
        message.context(List.of(String.join(" · ", footer)));
        return message;
    }

    /** The marker of an alarm state: a coloured circle and the state, like the console's. */
    public static String marker(String state) {
        return switch (state) {
            case AlarmNotification.ALARM -> "🔴 ALARM";
            case AlarmNotification.OK -> "🟢 OK";
            default -> "⚪ INSUFFICIENT DATA";
        };
    }

    private static List<String> fields(AlarmNotification a) {
        List<String> fields = new ArrayList<>();
        AlarmTrigger t = a.trigger();
        if (t != null) {
            if (t.expression() != null) {
                fields.add("*Expression*\n" + Text.code(t.expression(), 500));
            } else if (t.metric() != null) {
                String metric = (t.namespace() != null ? t.namespace() + " " : "") + t.metric();
                StringBuilder field = new StringBuilder("*Metric*\n").append(Text.code(metric, 300));
                if (!t.dimensions().isEmpty()) {
                    field.append('\n').append(Text.escape(String.join(", ", t.dimensions()), 500));
                }
                fields.add(field.toString());
            }
            String condition = condition(t);
            if (condition != null) {
                fields.add("*Condition*\n" + Text.escape(condition, 300));
            }
        }
        if (a.rule() != null) {
            fields.add("*Rule*\n" + Text.code(a.rule(), 1500));
        }
        return fields;
    }

    /** For example "Maximum ≥ 1 in 1 of 1 period of 5 min". */
    static String condition(AlarmTrigger t) {
        String operator = operator(t.comparison());
        if (operator == null || t.threshold() == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        if (t.statistic() != null) {
            s.append(statistic(t.statistic())).append(' ');
        }
        s.append(operator).append(' ').append(number(t.threshold()));
        if (t.evaluationPeriods() != null && t.periodSeconds() != null) {
            s.append(" for ").append(t.evaluationPeriods()).append(t.evaluationPeriods() == 1 ? " period" : " periods")
                    .append(" of ").append(period(t.periodSeconds()));
        }
        return s.toString();
    }

    private static String operator(String comparison) {
        if (comparison == null) {
            return null;
        }
        return switch (comparison) {
            case "GreaterThanOrEqualToThreshold" -> "≥";
            case "GreaterThanThreshold" -> ">";
            case "LessThanThreshold" -> "<";
            case "LessThanOrEqualToThreshold" -> "≤";
            default -> comparison;
        };
    }

    /** CloudWatch writes SUM, AVERAGE, MAXIMUM in alarm messages, Sum, Average, Maximum elsewhere. */
    private static String statistic(String statistic) {
        if (statistic.equals(statistic.toUpperCase(java.util.Locale.ROOT)) && statistic.length() > 1) {
            return statistic.charAt(0) + statistic.substring(1).toLowerCase(java.util.Locale.ROOT);
        }
        return statistic;
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String period(int seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
