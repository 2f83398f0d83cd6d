package dev.shipgate.gate.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What blocks a deploy. Built from the stack's {@link Floor}, then the project's policy file, then the pipeline's
 * {@code UserParameters}; the later ones may only tighten what the floor says.
 *
 * @param floor                 the stack owner's floor; findings judged at or above it block whatever the rest says
 * @param failOnSeverity        findings at this severity or worse block (never less strict than the floor)
 * @param unscoredSeverity      how findings with an unranked severity and no CVSS score are judged (never milder than
 *                              the floor's)
 * @param maxCounts             per severity below the floor, how many findings are tolerated; a severity listed here is
 *                              judged by its count instead of {@code failOnSeverity}
 * @param ignoreWithoutFix      findings below the floor whose scanner says no fix exists never block
 * @param minCvss               findings below the floor with a CVSS score below this never block (null: no CVSS rule)
 * @param exceptions            reviewed, expiring exceptions
 * @param auditUntil            until this date (inclusive) breaks are reported but do not block (null: enforcing)
 * @param allowUnsupportedImage let an image nothing could scan pass with a warning instead of failing (only where the
 *                              floor allows it)
 * @param maxExceptionDays      how far ahead an exception or {@code auditUntil} may lie
 * @param origin                where the policy came from, for messages
 */
public record Policy(Floor floor, String failOnSeverity, String unscoredSeverity, Map<String, Integer> maxCounts,
                     boolean ignoreWithoutFix, Double minCvss, List<ExceptionRule> exceptions, LocalDate auditUntil,
                     boolean allowUnsupportedImage, int maxExceptionDays, String origin) {

    /** The stack's limit for exceptions and audit mode; a policy file may only shorten it. */
    public static final int DEFAULT_MAX_EXCEPTION_DAYS = 90;

    public Policy {
        maxCounts = Map.copyOf(maxCounts);
        exceptions = List.copyOf(exceptions);
    }

    public static Policy defaults(Floor floor) {
        return new Policy(floor, floor.failOnSeverity(), floor.unscoredSeverity(), Map.of(), false, null, List.of(), null,
                floor.allowUnsupportedImage(), DEFAULT_MAX_EXCEPTION_DAYS, "defaults");
    }

    /** Defaults under a floor with the default unscored severity. */
    public static Policy defaults(String failOnSeverity) {
        return defaults(Floor.of(failOnSeverity));
    }

    public Policy withFailOnSeverity(String severity, String by) {
        return new Policy(floor, severity, unscoredSeverity, maxCounts, ignoreWithoutFix, minCvss, exceptions, auditUntil,
                allowUnsupportedImage, maxExceptionDays, origin + " + " + by);
    }

    public Policy withOrigin(String newOrigin) {
        return new Policy(floor, failOnSeverity, unscoredSeverity, maxCounts, ignoreWithoutFix, minCvss, exceptions, auditUntil,
                allowUnsupportedImage, maxExceptionDays, newOrigin);
    }
}
