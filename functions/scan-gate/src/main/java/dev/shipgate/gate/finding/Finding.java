package dev.shipgate.gate.finding;

/**
 * One vulnerability in one package of the image, whatever scanner reported it.
 *
 * @param id          vulnerability id as the scanner names it (usually a CVE id)
 * @param severity    the scanner's severity, upper-cased; unknown values are kept as they are
 * @param packageName affected package, or null when the scanner does not say
 * @param version     installed version of that package, or null
 * @param fixedIn     first fixed version, or null when none is known
 * @param fix         whether a fix is available
 * @param cvss        CVSS base score (0-10), or null when the scanner gives none
 * @param source      where the finding came from
 * @param uri         link a developer can follow, or null
 */
public record Finding(String id, String severity, String packageName, String version, String fixedIn,
                      FixState fix, Double cvss, ScanSource source, String uri) {

    public Finding {
        id = id == null || id.isBlank() ? "UNKNOWN-ID" : id.trim();
        severity = Severity.normalize(severity);
        fix = fix == null ? FixState.UNKNOWN : fix;
    }

    public int rank() {
        return Severity.rank(severity);
    }
}
