package dev.shipgate.notifier.github;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.event.AlarmNotification;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Incoming;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.notifier.event.PipelineEvent;
import dev.shipgate.notifier.message.Links;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which commit status an event sets. {@code shipgate/pipeline}: {@code pending} when the execution starts or resumes;
 * when it ends {@code success} (SUCCEEDED), {@code failure} (FAILED), or {@code error} for an execution that ended
 * without a result (STOPPED, CANCELED, SUPERSEDED): the commit was not fully checked, so it must not look green, but
 * nothing in it failed either. STOPPING and stage or action events set nothing. {@code shipgate/security-gate}: PASS
 * {@code success}, FAIL {@code failure}, AUDIT {@code success} (the policy is in audit mode: the gate let the image
 * through and says what would have blocked), ERROR {@code error} (no verdict was reached).
 */
public final class StatusRules {

    private static final List<String> SEVERITY_ORDER = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED");

    private StatusRules() {
    }

    /**
     * The status {@code event} sets, linked to the execution in the CodePipeline console (in the event's region, else
     * {@code region}), or for the gate to its findings report when it wrote one.
     */
    public static Optional<CommitStatus> of(Incoming event, String region) {
        return switch (event) {
            case PipelineEvent e -> e.pipeline() == null || e.executionId() == null ? Optional.empty()
                    : forPipeline(e, Links.execution(e.region() != null ? e.region() : region, e.pipeline(), e.executionId()));
            case GateVerdict v -> v.pipeline() == null || v.executionId() == null ? Optional.empty()
                    : forGate(v, v.reportUrl() != null ? v.reportUrl() : Links.execution(region, v.pipeline(), v.executionId()));
            case AlarmNotification a -> Optional.empty(); // an alarm is about the stack, not a commit
            case Incoming.Unrecognized u -> Optional.empty();
        };
    }

    /** @param executionUrl the execution in the CodePipeline console */
    static Optional<CommitStatus> forPipeline(PipelineEvent e, String executionUrl) {
        if (e.kind() != Kind.PIPELINE || e.state() == null) {
            return Optional.empty();
        }
        String pipeline = "CodePipeline " + e.pipeline();
        return switch (e.state()) {
            case "STARTED" -> status(CommitStatus.PENDING, pipeline + ": running", executionUrl);
            case "RESUMED" -> status(CommitStatus.PENDING, pipeline + ": resumed (attempt " + e.attempt() + ")", executionUrl);
            case "SUCCEEDED" -> status(CommitStatus.SUCCESS, pipeline + ": succeeded", executionUrl);
            case "FAILED" -> status(CommitStatus.FAILURE, pipeline + ": failed" + where(e), executionUrl);
            case "STOPPED" -> status(CommitStatus.ERROR, pipeline + ": stopped before it finished"
                    + (e.stopComments() == null ? "" : " (" + e.stopComments() + ")"), executionUrl);
            case "CANCELED" -> status(CommitStatus.ERROR, pipeline + ": canceled before it finished", executionUrl);
            case "SUPERSEDED" -> status(CommitStatus.ERROR, pipeline + ": superseded by a newer execution; this commit was not fully checked",
                    executionUrl);
            default -> Optional.empty();
        };
    }

    /** Whether the status ends the execution's {@code shipgate/pipeline} line (a later {@code pending} must not replace it). */
    public static boolean isFinal(CommitStatus status) {
        return CommitStatus.PIPELINE.equals(status.context()) && !CommitStatus.PENDING.equals(status.state());
    }

    /** @param targetUrl the findings report when the gate wrote one, else the execution in the console */
    static Optional<CommitStatus> forGate(GateVerdict v, String targetUrl) {
        String counts = counts(v.counts());
        int blocking = v.blockingCount();
        String findings = blocking + " blocking finding" + (blocking == 1 ? "" : "s");
        String description = switch (v.verdict()) {
            case "PASS" -> "Passed: no blocking findings" + counts;
            case "FAIL" -> "Blocked: " + findings + counts;
            case "AUDIT" -> "Audit mode, not blocking: " + findings + counts;
            case "ERROR" -> "No verdict: " + (v.summary() == null ? "the gate could not judge the image" : v.summary());
            default -> null;
        };
        String state = switch (v.verdict()) {
            case "PASS", "AUDIT" -> CommitStatus.SUCCESS;
            case "FAIL" -> CommitStatus.FAILURE;
            case "ERROR" -> CommitStatus.ERROR;
            default -> null;
        };
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(new CommitStatus(CommitStatus.SECURITY_GATE, state, description, targetUrl));
    }

    private static Optional<CommitStatus> status(String state, String description, String url) {
        return Optional.of(new CommitStatus(CommitStatus.PIPELINE, state, description, url));
    }

    private static String where(PipelineEvent e) {
        ActionInfo action = e.action();
        String stage = action != null && action.stage() != null ? action.stage() : e.stage();
        if (stage == null) {
            return "";
        }
        return " in stage " + stage + (action != null && action.action() != null ? ", action " + action.action() : "");
    }

    /** " (CRITICAL 1, HIGH 2)": the severities found, worst first; empty when none. */
    static String counts(Map<String, Integer> counts) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        SEVERITY_ORDER.forEach(s -> {
            if (counts.containsKey(s)) {
                ordered.put(s, counts.get(s));
            }
        });
        counts.forEach(ordered::putIfAbsent);
        List<String> parts = new ArrayList<>();
        ordered.forEach((severity, count) -> {
            if (count != null && count > 0) {
                parts.add(severity + " " + count);
            }
        });
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
