package dev.shipgate.gate.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.ExceptionRule;

import java.util.List;
import java.util.Map;

/**
 * The verdict JSON published to the notify topic ({@code type shipgate.scan-gate.verdict}, version 1): the
 * contract the slack-notifier reads from {@code Records[].Sns.Message}.
 */
@JsonPropertyOrder({"type", "version", "pipelineName", "pipelineExecutionId", "jobId", "repository", "imageDigest",
        "imageTag", "scanSource", "verdict", "summary", "counts", "blockingCount", "blocking", "expiredExceptions",
        "unusedExceptions", "expiringSoon"})
public record VerdictSummary(String type, int version, String pipelineName, String pipelineExecutionId, String jobId,
                             String repository, String imageDigest, String imageTag, String scanSource, String verdict,
                             String summary, Map<String, Integer> counts, int blockingCount, List<Blocking> blocking,
                             List<String> expiredExceptions, List<String> unusedExceptions, List<String> expiringSoon) {

    public static final String TYPE = "shipgate.scan-gate.verdict";
    public static final int MAX_BLOCKING = 10;

    /** One blocking finding as the notifier shows it. */
    public record Blocking(String id, String severity, @JsonProperty("package") String packageName, String version,
                           String fixedIn, Double cvss, String uri) {
        static Blocking of(Finding f) {
            return new Blocking(f.id(), f.severity(), f.packageName(), f.version(), f.fixedIn(), f.cvss(), f.uri());
        }
    }

    public static VerdictSummary of(Subject subject, ScanSource source, Evaluation evaluation, String summary) {
        return new VerdictSummary(TYPE, 1, subject.pipelineName(), subject.pipelineExecutionId(), subject.jobId(),
                subject.repository(), subject.imageDigest(), subject.imageTag(), source.name(), evaluation.verdict().name(),
                summary, evaluation.countsBefore(), evaluation.blocking().size(),
                evaluation.blocking().stream().limit(MAX_BLOCKING).map(Blocking::of).toList(),
                ids(evaluation.expired()), ids(evaluation.unused()), ids(evaluation.expiringSoon()));
    }

    /** A gate that reached no policy verdict: scan failed, timed out, or could not be read. */
    public static VerdictSummary error(Subject subject, ScanSource source, String summary) {
        return new VerdictSummary(TYPE, 1, subject.pipelineName(), subject.pipelineExecutionId(), subject.jobId(),
                subject.repository(), subject.imageDigest(), subject.imageTag(), source == null ? null : source.name(),
                VerdictKind.ERROR.name(), summary, Map.of(), 0, List.of(), List.of(), List.of(), List.of());
    }

    private static List<String> ids(List<ExceptionRule> rules) {
        return rules.stream().map(ExceptionRule::id).distinct().toList();
    }
}
