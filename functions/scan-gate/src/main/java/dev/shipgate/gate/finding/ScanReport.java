package dev.shipgate.gate.finding;

import java.util.List;
import java.util.Set;

/**
 * A scanner's report read from the build's output artifact.
 *
 * @param source       the scanner that wrote it
 * @param imageDigests every image digest the report says it describes (Clair's {@code manifest_hash}, Trivy's
 *                     {@code RepoDigests} and {@code ImageID}, Grype's {@code manifestDigest} and {@code repoDigests});
 *                     never empty: a report that names no digest cannot be tied to the pushed image
 * @param findings     one finding per (package, vulnerability) pair
 * @param nothingScanned why the report shows that nothing was scanned (Clair: no packages; Trivy: OS family none and
 *                     no results; Grype: no distro and no matches), where its lack of findings proves nothing, as ECR's
 *                     UNSUPPORTED_IMAGE; null when something was scanned
 */
public record ScanReport(ScanSource source, Set<String> imageDigests, List<Finding> findings, String nothingScanned) {

    public ScanReport {
        imageDigests = Set.copyOf(imageDigests);
        findings = List.copyOf(findings);
    }

    public boolean describes(String digest) {
        return imageDigests.contains(digest);
    }
}
