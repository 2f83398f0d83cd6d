package dev.shipgate.gate.report;

import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Judgement;
import dev.shipgate.gate.verdict.Subject;
import dev.shipgate.gate.verdict.VerdictKind;

import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a job's findings report shows: the verdict, the image, the policy in force, and every finding of every
 * platform judged (one part for a single image, one per platform of an image index).
 *
 * @param subject     the pipeline run and the image (for an index: the index digest)
 * @param headline    the verdict in one sentence, as the notifier shows it
 * @param parts       the evaluations behind the verdict, each of one image manifest
 * @param generatedAt when the gate judged
 */
public record FindingsReport(Subject subject, VerdictKind verdict, String headline, Policy policy, List<Part> parts,
                             Instant generatedAt) {

    /** Where reports lie in the artifact bucket; the gate's role may write only below it. */
    public static final String KEY_PREFIX = "shipgate-reports/";
    private static final Pattern KEY_SEGMENT = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    /**
     * One image manifest's evaluation.
     *
     * @param platform {@code linux/amd64} and so on for a platform of an image index, else null
     * @param digest   the manifest judged
     */
    public record Part(String platform, String digest, ScanSource source, Evaluation evaluation) {
    }

    public FindingsReport {
        parts = List.copyOf(parts);
    }

    /**
     * {@code shipgate-reports/<pipeline>/<executionId>/<jobId>}, the report files' key without their extension. A
     * segment that is missing, is {@code .} or {@code ..}, or holds anything but {@code [A-Za-z0-9._@-]} becomes
     * {@code _}, so no value from the job can leave the prefix.
     */
    public String key() {
        return KEY_PREFIX + segment(subject.pipelineName()) + "/" + segment(subject.pipelineExecutionId()) + "/"
                + segment(subject.jobId());
    }

    private static String segment(String value) {
        if (value == null || !KEY_SEGMENT.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            return "_";
        }
        return value;
    }

    public int findingCount() {
        return parts.stream().mapToInt(p -> p.evaluation().judgements().size()).sum();
    }

    public int blockingCount() {
        return parts.stream().mapToInt(p -> p.evaluation().blocking().size()).sum();
    }

    /** What became of one exception of the policy, over every part. */
    public record ExceptionUse(ExceptionRule rule, Status status, int covered, boolean expiringSoon) {

        public enum Status { APPLIED, EXPIRED, UNUSED }
    }

    /** Each exception of the policy in its order: applied (how many findings it covered), expired, or unused. */
    public List<ExceptionUse> exceptionUses() {
        Map<ExceptionRule, Integer> covered = new IdentityHashMap<>();
        Set<ExceptionRule> expired = identitySet();
        Set<ExceptionRule> soon = identitySet();
        for (Part part : parts) {
            for (Judgement j : part.evaluation().judgements()) {
                if (j.exception() != null) {
                    covered.merge(j.exception(), 1, Integer::sum);
                }
            }
            expired.addAll(part.evaluation().expired());
            soon.addAll(part.evaluation().expiringSoon());
        }
        return policy.exceptions().stream().map(rule -> {
            int n = covered.getOrDefault(rule, 0);
            ExceptionUse.Status status = expired.contains(rule) ? ExceptionUse.Status.EXPIRED
                    : n > 0 ? ExceptionUse.Status.APPLIED : ExceptionUse.Status.UNUSED;
            return new ExceptionUse(rule, status, n, soon.contains(rule));
        }).toList();
    }

    private static Set<ExceptionRule> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
