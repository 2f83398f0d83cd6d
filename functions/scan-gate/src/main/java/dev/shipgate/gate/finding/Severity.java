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
    public static final String UNDEFINED = "UNDEFINED";

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
