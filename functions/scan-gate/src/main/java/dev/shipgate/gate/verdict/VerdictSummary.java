package dev.shipgate.gate.verdict;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.ExceptionRule;

import java.util.List;
import java.util.Map;

/**
 * The verdict JSON published to the notify topic ({@code type shipgate.scan-gate.verdict}, version 1): the
 * contract the slack-notifier reads from {@code Records[].Sns.Message}. Null members are left out.
 *
 * @param reportUrl where a person reads the full findings report (HTML), or null when none was written
 * @param sarifUrl  where the same verdict lies as SARIF 2.1.0, or null when none was written
 */
public record VerdictSummary(String type, int version, String pipelineName, String pipelineExecutionId, String jobId,
                             String repository, String imageDigest, String imageTag, String scanSource, String verdict,
                             String summary, Map<String, Integer> counts, int blockingCount, List<Blocking> blocking,
                             List<String> expiredExceptions, List<String> unusedExceptions, List<String> expiringSoon,
                             String reportUrl, String sarifUrl) {

    public static final String TYPE = "shipgate.scan-gate.verdict";
    public static final int MAX_BLOCKING = 10;

    /**
     * One blocking finding as the notifier shows it; {@code judgedSeverity} and {@code judgedBecause} only when the
     * scanner's severity is one the gate does not rank.
     */
    public record Blocking(String id, String severity, String packageName, String version, String fixedIn, Double cvss,
                           String uri, String judgedSeverity, String judgedBecause) {
        static Blocking of(Finding f, Ranked ranked) {
            return new Blocking(f.id(), f.severity(), f.packageName(), f.version(), f.fixedIn(), f.cvss(), f.uri(),
                    ranked == null ? null : ranked.severity(), ranked == null ? null : ranked.why());
        }

        ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            putText(json, "id", id);
            putText(json, "severity", severity);
            putText(json, "package", packageName);
            putText(json, "version", version);
            putText(json, "fixedIn", fixedIn);
            if (cvss != null) {
                json.put("cvss", cvss);
            }
            putText(json, "uri", uri);
            putText(json, "judgedSeverity", judgedSeverity);
            putText(json, "judgedBecause", judgedBecause);
            return json;
        }
    }

    public static VerdictSummary of(Subject subject, ScanSource source, Evaluation evaluation, String summary) {
        Map<Finding, Ranked> ranked = evaluation.rankedByFinding();
        return new VerdictSummary(TYPE, 1, subject.pipelineName(), subject.pipelineExecutionId(), subject.jobId(),
                subject.repository(), subject.imageDigest(), subject.imageTag(), source.name(), evaluation.verdict().name(),
                summary, evaluation.countsBefore(), evaluation.blocking().size(),
                evaluation.blocking().stream().limit(MAX_BLOCKING).map(f -> Blocking.of(f, ranked.get(f))).toList(),
                ids(evaluation.expired()), ids(evaluation.unused()), ids(evaluation.expiringSoon()), null, null);
    }

    /** A gate that reached no policy verdict: scan failed, timed out, or could not be read. */
    public static VerdictSummary error(Subject subject, ScanSource source, String summary) {
        return new VerdictSummary(TYPE, 1, subject.pipelineName(), subject.pipelineExecutionId(), subject.jobId(),
                subject.repository(), subject.imageDigest(), subject.imageTag(), source == null ? null : source.name(),
                VerdictKind.ERROR.name(), summary, Map.of(), 0, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    /** The same verdict, linking the findings report written for it. */
    public VerdictSummary withReport(String report, String sarif) {
        return new VerdictSummary(type, version, pipelineName, pipelineExecutionId, jobId, repository, imageDigest, imageTag,
                scanSource, verdict, summary, counts, blockingCount, blocking, expiredExceptions, unusedExceptions, expiringSoon,
                report, sarif);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        putText(json, "type", type);
        json.put("version", version);
        putText(json, "pipelineName", pipelineName);
        putText(json, "pipelineExecutionId", pipelineExecutionId);
        putText(json, "jobId", jobId);
        putText(json, "repository", repository);
        putText(json, "imageDigest", imageDigest);
        putText(json, "imageTag", imageTag);
        putText(json, "scanSource", scanSource);
        putText(json, "verdict", verdict);
        putText(json, "summary", summary);
        if (counts != null) {
            ObjectNode bySeverity = json.putObject("counts");
            counts.forEach((severity, count) -> {
                if (count != null) {
                    bySeverity.put(severity, count);
                }
            });
        }
        json.put("blockingCount", blockingCount);
        if (blocking != null) {
            ArrayNode findings = json.putArray("blocking");
            blocking.forEach(b -> findings.add(b.toJson()));
        }
        putTexts(json, "expiredExceptions", expiredExceptions);
        putTexts(json, "unusedExceptions", unusedExceptions);
        putTexts(json, "expiringSoon", expiringSoon);
        putText(json, "reportUrl", reportUrl);
        putText(json, "sarifUrl", sarifUrl);
        return json;
    }

    private static void putText(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static void putTexts(ObjectNode json, String name, List<String> values) {
        if (values != null) {
            ArrayNode array = json.putArray(name);
            values.forEach(array::add);
        }
    }

    private static List<String> ids(List<ExceptionRule> rules) {
        return rules.stream().map(ExceptionRule::id).distinct().toList();
    }
}
