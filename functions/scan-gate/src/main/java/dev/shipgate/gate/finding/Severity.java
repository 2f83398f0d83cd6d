package dev.shipgate.gate.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Severities are strings, not an enum: ECR has {@code UNDEFINED}, Inspector {@code UNTRIAGED}, and a value
 * AWS adds tomorrow must still be counted and shown. Only the five ordered levels can be a threshold.
 */
public final class Severity {

    public static final List<String> ORDERED = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");
    /** Severities always present in counts, in display order. */
    public static final List<String> REPORTED = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED");
    /** ECR basic: no or unrecognised priority from the CVE source; also Clair's {@code Unknown}. */
    public static final String UNDEFINED = "UNDEFINED";
    /** Inspector (ECR enhanced): not yet triaged by the vendor; often carries a CVSS score. */
    public static final String UNTRIAGED = "UNTRIAGED";
    /** Trivy's and Grype's {@code UNKNOWN}/{@code Unknown}. */
    public static final String UNKNOWN = "UNKNOWN";

    /** Worst first: severity, then CVSS, then id, then package, so the order is stable. */
    public static final Comparator<Finding> WORST_FIRST = Comparator
            .comparingInt(Finding::rank).reversed()
            .thenComparing(Finding::cvss, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Finding::id)
            .thenComparing(Finding::packageName, Comparator.nullsFirst(Comparator.naturalOrder()));

    private Severity() {
    }

    public static String normalize(String severity) {
        if (severity == null || severity.isBlank()) {
            return UNDEFINED;
        }
        return severity.trim().toUpperCase(Locale.ROOT);
    }

    /** 5 for CRITICAL down to 1 for INFORMATIONAL; 0 for anything unranked (UNDEFINED, UNTRIAGED, unknown). */
    public static int rank(String severity) {
        return switch (severity) {
            case "CRITICAL" -> 5;
            case "HIGH" -> 4;
            case "MEDIUM" -> 3;
            case "LOW" -> 2;
            case "INFORMATIONAL" -> 1;
            default -> 0;
        };
    }

    /** True for the five ordered levels; UNDEFINED, UNTRIAGED, UNKNOWN and any new value are unranked. */
    public static boolean isRanked(String severity) {
        return rank(severity) > 0;
    }

    /**
     * The CVSS v3 qualitative band of a base score: 9.0-10.0 CRITICAL, 7.0-8.9 HIGH, 4.0-6.9 MEDIUM, 0.1-3.9 LOW;
     * null for no score or 0.0 (CVSS "None", which scanners also write when they have no score).
     */
    public static String fromCvss(Double score) {
        if (score == null || score.isNaN() || score <= 0.0) {
            return null;
        }
        return score >= 9.0 ? "CRITICAL" : score >= 7.0 ? "HIGH" : score >= 4.0 ? "MEDIUM" : "LOW";
    }

    public static boolean isThreshold(String severity) {
        return ORDERED.contains(severity);
    }

    /** Counts per severity: the reported ones always (0 when absent), then any other value seen, by name. */
    public static Map<String, Integer> count(Iterable<Finding> findings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        REPORTED.forEach(s -> counts.put(s, 0));
        List<String> others = new ArrayList<>();
        for (Finding finding : findings) {
            Integer now = counts.merge(finding.severity(), 1, Integer::sum);
            if (now == 1 && !REPORTED.contains(finding.severity())) {
                others.add(finding.severity());
            }
        }
        if (others.size() > 1) {
            Map<String, Integer> sorted = new LinkedHashMap<>();
            REPORTED.forEach(s -> sorted.put(s, counts.get(s)));
            others.stream().sorted().forEach(s -> sorted.put(s, counts.get(s)));
            return sorted;
        }
        return counts;
    }
}
