package dev.shipgate.notifier;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.event.AlarmNotification;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Incoming;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.notifier.event.PipelineEvent;
import dev.shipgate.notifier.execution.CommitResolver;
import dev.shipgate.notifier.execution.ExecutionDetails;
import dev.shipgate.notifier.execution.ExecutionLookup;
import dev.shipgate.notifier.github.CommitStatuses;
import dev.shipgate.notifier.github.GitHubStatusException;
import dev.shipgate.notifier.message.AlarmRenderer;
import dev.shipgate.notifier.message.MessageRenderer;
import dev.shipgate.notifier.message.Notification;
import dev.shipgate.notifier.message.SlackMessage;
import dev.shipgate.notifier.output.SlackOutput;
import dev.shipgate.notifier.policy.AlarmPolicy;
import dev.shipgate.notifier.slack.SlackDeliveryException;
import dev.shipgate.notifier.state.ExecutionMemo;
import dev.shipgate.notifier.state.Outcome;
import dev.shipgate.notifier.state.Recovery;
import dev.shipgate.notifier.state.StateStore;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.shared.log.JsonLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides, enriches, renders and delivers to Slack, and sets the commit status on GitHub. Remembering state and
 * looking the execution up are best effort (a failure degrades the message, never loses it); a Slack or GitHub
 * refusal or a delivery that runs out of time fails the whole invocation after every record and both channels were
 * tried, so the event is retried (each channel skips what it already did) and ends in the dead-letter queue rather
 * than vanishing.
 */
public final class NotifierService {

    /** What one invocation did. */
    public record Summary(int sent, int filtered, int skipped, int duplicates) {
    }

    private final NotifierConfig config;
    private final ExecutionLookup executions;
    private final StateStore state;
    private final SlackOutput output;
    private final CommitStatuses statuses;
    private final JsonLog log;
    private final Clock clock;
    private final CommitResolver commits;
    private final MessageRenderer renderer = new MessageRenderer();
    private final AlarmRenderer alarmRenderer = new AlarmRenderer();

    public NotifierService(NotifierConfig config, ExecutionLookup executions, StateStore state, SlackOutput output,
                           CommitStatuses statuses, JsonLog log, Clock clock) {
        this.config = config;
        this.executions = executions;
        this.state = state;
        this.output = output;
        this.statuses = statuses;
        this.log = log;
        this.clock = clock;
        this.commits = new CommitResolver();
    }

    public Summary handle(List<Incoming> events, LongSupplier remainingMillis) {
        int sent = 0;
        int filtered = 0;
        int skipped = 0;
        int duplicates = 0;
        List<RuntimeException> failures = new ArrayList<>();
        for (Incoming event : events) {
            Optional<Decided> notification = switch (event) {
                case PipelineEvent e -> notification(e);
                case GateVerdict v -> notification(v);
                case AlarmNotification a -> {
                    switch (post(a, remainingMillis, failures)) {
                        case SENT -> sent++;
                        case FILTERED -> filtered++;
                        case DUPLICATE -> duplicates++;
                        case FAILED -> { }
                    }
                    yield Optional.empty();
                }
                case Incoming.Unrecognized u -> {
                    log.warn("event-skipped", Map.of("type", u.type(), "reason", u.reason()));
                    skipped++;
                    yield Optional.empty();
                }
            };
            if (event instanceof Incoming.Unrecognized || event instanceof AlarmNotification) {
                continue;
            }
            String deliveryId = event instanceof PipelineEvent e ? e.deliveryId() : ((GateVerdict) event).deliveryId();
            if (notification.isEmpty()) {
                filtered++;
            } else if (alreadySent(deliveryId, fields(notification.get().notification()))) {
                duplicates++;
            } else {
                try {
                    deliver(notification.get(), remainingMillis);
                    if (notification.get().selected()) {
                        sent++;
                    } else {
                        filtered++;
                    }
                    markSent(deliveryId);
                } catch (SlackDeliveryException e) {
                    failures.add(e);
                }
            }
            // After Slack, whatever Slack did: a GitHub outage must not cost the Slack message its time, nor the reverse.
            try {
                statuses.update(event, () -> notification.map(d -> d.notification().commit()).orElseGet(() -> commit(event)),
                        remainingMillis);
            } catch (GitHubStatusException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            if (failures.size() > 1) {
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
            }
            throw first;
        }
        return new Summary(sent, filtered, skipped, duplicates);
    }

    /** The execution's commit when no message was rendered (the noise policy filtered it): as a message would show it. */
    private Commit commit(Incoming event) {
        return switch (event) {
            case PipelineEvent e -> {
                Enrichment enrichment = enrich(e.pipeline(), e.executionId());
                yield enrichment.variables.orElse(e.trigger()).orElse(enrichment.revision);
            }
            case GateVerdict v -> {
                Enrichment enrichment = enrich(v.pipeline(), v.executionId());
                yield enrichment.variables.orElse(enrichment.revision);
            }
            case AlarmNotification a -> Commit.NONE;
            case Incoming.Unrecognized u -> Commit.NONE;
        };
    }

    /** What NOTIFY_ON decided for a notification: a message of its own, or only the execution's thread parent. */
    record Decided(Notification notification, boolean selected) {
    }

    /**
     * The notification for a pipeline event, or empty when the noise policy filters it out and the output shows
     * only selected events.
     */
    Optional<Decided> notification(PipelineEvent e) {
        if (startedAfterItFinished(e)) {
            log.info("event-out-of-order", fields(e.kind(), e.state(), e.pipeline(), e.executionId()));
            return Optional.empty();
        }
        ExecutionMemo memo = remember(e);
        boolean recovered = e.finished() && trackOutcome(e);
        if (!e.kind().states().contains(e.state())) {
            // CodePipeline added a state: NOTIFY_ON's explicit lists cannot name it, so say so where operators look.
            log.warn("unknown-state", fields(e.kind(), e.state(), e.pipeline(), e.executionId()));
        }
        boolean selected = config.notifyOn().allows(e.kind(), e.state(), recovered);
        if (!selected) {
            log.info("event-filtered", fields(e.kind(), e.state(), e.pipeline(), e.executionId()));
            if (!output.showsUnselectedEvents()) {
                return Optional.empty();
            }
        }
        Enrichment enrichment = enrich(e.pipeline(), e.executionId());
        Commit commit = enrichment.variables.orElse(e.trigger()).orElse(enrichment.revision);
        Duration duration = null;
        Instant start = e.startTime() != null ? e.startTime() : memo.startedAt();
        if (e.finished() && start != null && e.time() != null && !e.time().isBefore(start)) {
            duration = Duration.between(start, e.time());
        }
        ActionInfo action = e.action();
        if (action == null && "FAILED".equals(e.state()) && memo.failedAction() != null
                && (e.kind() == Kind.PIPELINE || e.stage() == null || e.stage().equals(memo.failedAction().stage()))) {
            action = memo.failedAction();
        }
        Notification n = new Notification(e.kind(), e.state(), recovered, config.projectName(), e.pipeline(), e.executionId(),
                e.region() != null ? e.region() : config.region(), e.stage(), action, commit, config.githubRepository(),
                enrichment.compareUrl, duration, e.triggerType() != null ? e.triggerType() : enrichment.triggerType,
                e.stopComments(), e.attempt(), null, null, e.time());
        return Optional.of(new Decided(withMention(n), selected));
    }

    Optional<Decided> notification(GateVerdict v) {
        boolean selected = config.notifyOn().allows(Kind.GATE, v.verdict(), false);
        if (!selected) {
            log.info("event-filtered", fields(Kind.GATE, v.verdict(), v.pipeline(), v.executionId()));
            if (!output.showsUnselectedEvents()) {
                return Optional.empty();
            }
        }
        Enrichment enrichment = enrich(v.pipeline(), v.executionId());
        Notification n = new Notification(Kind.GATE, v.verdict(), false, config.projectName(),
                v.pipeline() != null ? v.pipeline() : "unknown-pipeline", v.executionId(), config.region(), null, null,
                enrichment.variables.orElse(enrichment.revision), config.githubRepository(), enrichment.compareUrl, null, null, null, 1,
                v, null, v.time());
        return Optional.of(new Decided(withMention(n), selected));
    }

    /** Renders without sending: the exact payload a notification would post. */
    public String payload(Notification n) {
        SlackMessage message = renderer.render(n);
        return JsonTree.write(message.toJson());
    }

    private void deliver(Decided decided, LongSupplier remainingMillis) {
        Notification n = decided.notification();
        Map<String, Object> fields = fields(n.kind(), n.state(), n.pipeline(), n.executionId());
        try {
            output.deliver(n, decided.selected(), remainingMillis);
            fields.put("selected", decided.selected());
            fields.put("recovered", n.recovered());
            log.info("slack-sent", fields);
        } catch (SlackDeliveryException e) {
            slackFailed(fields, e);
            throw e;
        }
    }

    private void slackFailed(Map<String, Object> fields, SlackDeliveryException e) {
        fields.put("status", e.status());
        fields.put("error", e.getMessage());
        fields.put("permanent", e.permanent());
        log.error("slack-failed", fields);
    }

    /** What became of an alarm notification. */
    private enum AlarmResult { SENT, FILTERED, DUPLICATE, FAILED }

    /**
     * A CloudWatch alarm notification: posted as a message of its own (never in an execution's thread) whatever
     * NOTIFY_ON selects, as {@link AlarmPolicy} decides.
     */
    private AlarmResult post(AlarmNotification alarm, LongSupplier remainingMillis, List<RuntimeException> failures) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("alarm", alarm.name());
        fields.put("state", alarm.state());
        if (alarm.previousState() != null) {
            fields.put("previousState", alarm.previousState());
        }
        if (!AlarmPolicy.posts(alarm)) {
            log.info("alarm-filtered", fields);
            return AlarmResult.FILTERED;
        }
        if (alreadySent(alarm.deliveryId(), fields)) {
            return AlarmResult.DUPLICATE;
        }
        SlackMessage message = alarmRenderer.render(alarm, config.projectName(), config.region(),
                config.mentionOnFailure().isEmpty() ? null : config.mentionOnFailure().text());
        try {
            output.postToChannel(message, remainingMillis);
            log.info("slack-sent", fields);
        } catch (SlackDeliveryException e) {
            slackFailed(fields, e);
            failures.add(e);
            return AlarmResult.FAILED;
        }
        markSent(alarm.deliveryId());
        return AlarmResult.SENT;
    }

    /** A redelivered event (EventBridge and SNS deliver at least once; failed invocations are retried) is not posted twice. */
    private boolean alreadySent(String deliveryId, Map<String, Object> fields) {
        if (deliveryId == null) {
            return false;
        }
        try {
            if (state.alreadySent(deliveryId)) {
                Map<String, Object> duplicate = new LinkedHashMap<>(fields);
                duplicate.put("deliveryId", deliveryId);
                log.info("duplicate-skipped", duplicate);
                return true;
            }
        } catch (RuntimeException ex) {
            // Unknown: sending twice is better than not at all.
            log.warn("state-unavailable", Map.of("deliveryId", deliveryId, "error", ex.getClass().getSimpleName()));
        }
        return false;
    }

    private void markSent(String deliveryId) {
        if (deliveryId == null) {
            return;
        }
        try {
            state.markSent(deliveryId);
        } catch (RuntimeException ex) {
            log.warn("state-unavailable", Map.of("deliveryId", deliveryId, "error", ex.getClass().getSimpleName()));
        }
    }

    private Notification withMention(Notification n) {
        if (!n.failure() || config.mentionOnFailure().isEmpty()) {
            return n;
        }
        return new Notification(n.kind(), n.state(), n.recovered(), n.project(), n.pipeline(), n.executionId(), n.region(),
                n.stage(), n.action(), n.commit(), n.repository(), n.compareUrl(), n.duration(), n.triggerType(),
                n.stopComments(), n.attempt(), n.verdict(), config.mentionOnFailure().text(), n.time());
    }

    private ExecutionMemo remember(PipelineEvent e) {
        try {
            if (e.kind() == Kind.PIPELINE && "STARTED".equals(e.state())) {
                state.recordStarted(e.pipeline(), e.executionId(), e.startTime() != null ? e.startTime() : e.time());
                return ExecutionMemo.EMPTY;
            }
            if (e.kind() == Kind.ACTION && "FAILED".equals(e.state()) && e.action() != null) {
                state.recordFailedAction(e.pipeline(), e.executionId(), e.action());
                return ExecutionMemo.EMPTY;
            }
            Instant started = e.finished() && e.startTime() == null
                    ? state.startedAt(e.pipeline(), e.executionId()).orElse(null) : null;
            ActionInfo failed = "FAILED".equals(e.state()) && e.action() == null
                    ? state.failedAction(e.pipeline(), e.executionId()).orElse(null) : null;
            return new ExecutionMemo(started, failed);
        } catch (RuntimeException ex) {
            degraded("state-unavailable", e, ex);
        }
        return ExecutionMemo.EMPTY;
    }

    /**
     * EventBridge does not keep order: an execution's STARTED can arrive after its SUCCEEDED or FAILED (the
     * pipeline's last remembered outcome), and announcing the start then would tell the channel it is running again.
     */
    private boolean startedAfterItFinished(PipelineEvent e) {
        if (e.kind() != Kind.PIPELINE || !"STARTED".equals(e.state())) {
            return false;
        }
        try {
            return state.lastOutcome(e.pipeline()).map(last -> last.executionId().equals(e.executionId())).orElse(false);
        } catch (RuntimeException ex) {
            degraded("state-unavailable", e, ex);
            return false;
        }
    }

    private boolean trackOutcome(PipelineEvent e) {
        if (!Recovery.remembered(e.state())) {
            return false;
        }
        Instant orderTime = e.startTime() != null ? e.startTime() : e.time() != null ? e.time() : clock.instant();
        try {
            Optional<Outcome> previous = state.lastOutcome(e.pipeline());
            Outcome current = new Outcome(e.executionId(), e.state(), orderTime.toEpochMilli(), false);
            boolean recovered = Recovery.isRecovery(current, previous);
            state.recordOutcome(e.pipeline(), new Outcome(e.executionId(), e.state(), current.order(), recovered));
            return recovered;
        } catch (RuntimeException ex) {
            degraded("state-unavailable", e, ex);
            return false;
        }
    }

    private Enrichment enrich(String pipeline, String executionId) {
        if (pipeline == null || executionId == null) {
            return Enrichment.NONE;
        }
        try {
            ExecutionDetails details = executions.find(pipeline, executionId);
            return new Enrichment(commits.fromVariables(details), commits.fromRevisions(details), commits.compareUrl(details),
                    details.triggerType());
        } catch (RuntimeException ex) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("pipeline", pipeline);
            fields.put("executionId", executionId);
            fields.put("error", ex.getClass().getSimpleName());
            log.warn("execution-lookup-failed", fields);
            return Enrichment.NONE;
        }
    }

    private void degraded(String event, PipelineEvent e, RuntimeException ex) {
        Map<String, Object> fields = fields(e.kind(), e.state(), e.pipeline(), e.executionId());
        fields.put("error", ex.getClass().getSimpleName());
        log.warn(event, fields);
    }

    private static Map<String, Object> fields(Notification n) {
        return fields(n.kind(), n.state(), n.pipeline(), n.executionId());
    }

    private static Map<String, Object> fields(Kind kind, String state, String pipeline, String executionId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", kind.label());
        fields.put("state", state);
        if (pipeline != null) {
            fields.put("pipeline", pipeline);
        }
        if (executionId != null) {
            fields.put("executionId", executionId);
        }
        return fields;
    }

    private record Enrichment(Commit variables, Commit revision, String compareUrl, String triggerType) {
        static final Enrichment NONE = new Enrichment(Commit.NONE, Commit.NONE, null, null);
    }
}
