package dev.shipgate.gate.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What blocks a deploy. Built from the function's defaults, then the project's policy file, then the
 * pipeline's {@code UserParameters} overrides.
 *
 * @param failOnSeverity        findings at this severity or worse block (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL)
 * @param maxCounts             per severity, how many findings are tolerated; a severity listed here is judged by
 *                              its count instead of the threshold (works for UNDEFINED and other unranked values too)
 * @param ignoreWithoutFix      findings whose scanner says no fix exists never block
 * @param minCvss               findings with a CVSS score below this never block (null: no CVSS rule)
 * @param exceptions            reviewed, expiring exceptions
 * @param auditUntil            until this date (inclusive) breaks are reported but do not block (null: enforcing)
 * @param allowUnsupportedImage let an image ECR cannot scan pass with a warning instead of failing
 * @param maxExceptionDays      how far ahead an exception may expire
 * @param origin                where the policy came from, for messages
 */
public record Policy(String failOnSeverity, Map<String, Integer> maxCounts, boolean ignoreWithoutFix, Double minCvss,
                     List<ExceptionRule> exceptions, LocalDate auditUntil, boolean allowUnsupportedImage,
                     int maxExceptionDays, String origin) {

    public static final int DEFAULT_MAX_EXCEPTION_DAYS = 90;

    public Policy {
        maxCounts = Map.copyOf(maxCounts);
        exceptions = List.copyOf(exceptions);
    }

    public static Policy defaults(String failOnSeverity) {
        return new Policy(failOnSeverity, Map.of(), false, null, List.of(), null, false, DEFAULT_MAX_EXCEPTION_DAYS, "defaults");
    }

    public Policy withFailOnSeverity(String severity, String by) {
        return new Policy(severity, maxCounts, ignoreWithoutFix, minCvss, exceptions, auditUntil, allowUnsupportedImage,
                maxExceptionDays, origin + " + " + by);
    }
}
