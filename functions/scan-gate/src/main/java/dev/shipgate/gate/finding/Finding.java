package dev.shipgate.gate.finding;

/**
 * One vulnerability in one package of the image, whatever scanner reported it.
 *
 * @param id          vulnerability id as the scanner names it (usually a CVE id)
 * @param severity    the severity the gate ranks: the scanner's, upper-cased, mapped onto the ECR names
 *                    ({@link Severity#ORDERED}); unranked values ({@code UNDEFINED}, {@code UNTRIAGED},
 *                    {@code UNKNOWN}, anything new) are kept as they are and never guessed
 * @param packageName affected package, or null when the scanner does not say
 * @param version     installed version of that package, or null
 * @param fixedIn     first fixed version, or null when none is known
 * @param fix         whether a fix is available
 * @param cvss        CVSS base score (0-10) as the scanner gives it, v3 preferred (the highest v3.x base score of
 *                    the finding; v4, then v2, only when there is no v3), or null when the scanner gives none
 * @param source      where the finding came from
 * @param uri         link a developer can follow, or null
 * @param scannerSeverity the severity exactly as the scanner wrote it ({@code "Unknown"}, {@code ""}, {@code "UNTRIAGED"}),
 *                    or null when it wrote none; differs from {@code severity} when the reader mapped or derived it
 *                    (for example Clair's {@code Unknown} ranked from its CVSS enrichment)
 */
public record Finding(String id, String severity, String packageName, String version, String fixedIn,
                      FixState fix, Double cvss, ScanSource source, String uri, String scannerSeverity) {

    /** The id of a finding whose scanner gave none; no policy exception ever matches it. */
    public static final String NO_ID = "UNKNOWN-ID";

    public Finding {
        id = id == null || id.isBlank() ? NO_ID : id.trim();
        severity = Severity.normalize(severity);
        fix = fix == null ? FixState.UNKNOWN : fix;
    }

    /** A finding whose severity is the scanner's own label. */
    public Finding(String id, String severity, String packageName, String version, String fixedIn,
                   FixState fix, Double cvss, ScanSource source, String uri) {
        this(id, severity, packageName, version, fixedIn, fix, cvss, source, uri, severity);
    }

    /** Whether the severity is one of the five ordered levels; unranked findings are judged by {@code cvss}. */
    public boolean ranked() {
        return Severity.isRanked(severity);
    }

    public int rank() {
        return Severity.rank(severity);
    }

    public boolean hasId() {
        return !NO_ID.equals(id);
    }
}
