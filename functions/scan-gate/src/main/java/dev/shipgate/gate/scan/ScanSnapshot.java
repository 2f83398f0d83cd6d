package dev.shipgate.gate.scan;

import dev.shipgate.gate.finding.Finding;

import java.util.List;
import java.util.Map;

/**
 * One read of an image's scan.
 *
 * @param found       false when ECR has no scan for the image yet ({@code ScanNotFoundException})
 * @param status      ECR's scan status as a string (new values are kept, not dropped)
 * @param description ECR's status description, or null
 * @param enhanced    whether this is an enhanced (Inspector) scan
 * @param counts      {@code findingSeverityCounts} by name, or null when ECR has not produced them yet
 * @param findings    every finding on every page, one per vulnerable package; empty unless the scan is complete
 * @param listed      how many findings ECR listed, by normalized severity, before an enhanced finding was split per
 *                    package: what {@code counts} must be compared with
 * @param digest      the image digest ECR reports, or null
 */
public record ScanSnapshot(boolean found, String status, String description, boolean enhanced,
                           Map<String, Integer> counts, List<Finding> findings, Map<String, Integer> listed, String digest) {

    public static ScanSnapshot notFound(String digest) {
        return new ScanSnapshot(false, null, null, false, null, List.of(), Map.of(), digest);
    }

    /** A read before the findings list: status and counts only. */
    public static ScanSnapshot unlisted(String status, String description, boolean enhanced, Map<String, Integer> counts, String digest) {
        return new ScanSnapshot(true, status, description, enhanced, counts, List.of(), Map.of(), digest);
    }
}
