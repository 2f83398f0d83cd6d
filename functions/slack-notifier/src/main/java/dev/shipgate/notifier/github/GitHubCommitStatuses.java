package dev.shipgate.notifier.github;

import dev.shipgate.notifier.event.AlarmNotification;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Incoming;
import dev.shipgate.notifier.event.PipelineEvent;
import dev.shipgate.notifier.state.StateStore;
import dev.shipgate.shared.log.JsonLog;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Commit statuses on the execution's commit, independent of what {@code NOTIFY_ON} lets through to Slack.
 * <ul>
 *   <li>Each event sets its status once: a mark {@code <delivery id>#github-status} in the state table, separate from
 *   the Slack mark, so a redelivery after a failed invocation retries only what did not succeed (Slack is never
 *   posted twice because GitHub failed, and the reverse).</li>
 *   <li>An execution's final {@code shipgate/pipeline} status is remembered per execution and attempt; a
 *   {@code pending} arriving after it (EventBridge does not keep order) is not set, so a finished commit never turns
 *   yellow again.</li>
 *   <li>No status without a full 40-hex commit sha: the event is logged with the reason and nothing is sent.</li>
 * </ul>
 * State-table failures are logged and the status is set anyway (a second identical status does no harm).
 */
public final class GitHubCommitStatuses implements CommitStatuses {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");

    private final GitHubStatusClient client;
    private final StateStore state;
    private final String repository;
    private final String region;
    private final JsonLog log;

    public GitHubCommitStatuses(GitHubStatusClient client, StateStore state, String repository, String region, JsonLog log) {
        this.client = client;
        this.state = state;
        this.repository = repository;
        this.region = region;
        this.log = log;
    }

    @Override
    public void update(Incoming event, Supplier<Commit> commit, LongSupplier remainingMillis) {
        Optional<Planned> planned = plan(event);
        if (planned.isEmpty()) {
            return;
        }
        Planned p = planned.get();
        CommitStatus status = p.status();
        Map<String, Object> fields = fields(p, status);
        String doneMark = p.deliveryId() == null ? null : p.deliveryId() + "#github-status";
        if (doneMark != null && marked(doneMark, fields)) {
            log.info("github-status-duplicate-skipped", fields);
            return;
        }
        if (CommitStatus.PENDING.equals(status.state()) && marked(finalMark(p), fields)) {
            fields.put("reason", "the execution's final status is already set; a late pending would replace it");
            log.info("github-status-skipped", fields);
            return;
        }
        String sha = commit.get().sha();
        if (sha == null || !SHA.matcher(sha).matches()) {
            fields.put("reason", sha == null ? "the execution's commit is unknown" : "the execution's revision is not a 40-hex commit sha");
            log.warn("github-status-skipped", fields);
            return;
        }
        sha = sha.toLowerCase(Locale.ROOT);
        fields.put("sha", sha);
        try {
            client.create(repository, sha, status, remainingMillis);
        } catch (GitHubStatusException e) {
            fields.put("status", e.status());
            fields.put("error", e.getMessage());
            fields.put("permanent", e.permanent());
            log.error("github-status-failed", fields);
            throw e;
        }
        log.info("github-status-set", fields);
        mark(doneMark, fields);
        if (StatusRules.isFinal(status)) {
            mark(finalMark(p), fields);
        }
    }

    /** The status an event sets, with what identifies its execution. */
    record Planned(CommitStatus status, String pipeline, String executionId, int attempt, String deliveryId) {
    }

    private Optional<Planned> plan(Incoming event) {
        return StatusRules.of(event, region).map(status -> switch (event) {
            case PipelineEvent e -> new Planned(status, e.pipeline(), e.executionId(), e.attempt(), e.deliveryId());
            case GateVerdict v -> new Planned(status, v.pipeline(), v.executionId(), 1, v.deliveryId());
            case AlarmNotification a -> throw new IllegalStateException("an alarm sets no status");
            case Incoming.Unrecognized u -> throw new IllegalStateException("an unrecognized event sets no status");
        });
    }

    private static String finalMark(Planned p) {
        return "github-status-final#" + p.pipeline() + "#" + p.executionId() + "#" + p.attempt();
    }

    private boolean marked(String mark, Map<String, Object> fields) {
        try {
            return state.alreadySent(mark);
        } catch (RuntimeException ex) {
            degraded(fields, ex);
            return false;
        }
    }

    private void mark(String mark, Map<String, Object> fields) {
        if (mark == null) {
            return;
        }
        try {
            state.markSent(mark);
        } catch (RuntimeException ex) {
            degraded(fields, ex);
        }
    }

    private void degraded(Map<String, Object> fields, RuntimeException ex) {
        Map<String, Object> warn = new LinkedHashMap<>(fields);
        warn.put("error", ex.getClass().getSimpleName());
        log.warn("state-unavailable", warn);
    }

    private static Map<String, Object> fields(Planned p, CommitStatus status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("context", status.context());
        fields.put("state", status.state());
        fields.put("pipeline", p.pipeline());
        fields.put("executionId", p.executionId());
        return fields;
    }
}
