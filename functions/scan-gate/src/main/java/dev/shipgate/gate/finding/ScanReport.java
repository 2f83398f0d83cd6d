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
 * @param indexedNothing whether the scanner found neither an operating system nor any package (Clair: no packages
 *                     and no distributions; Trivy: OS family none and no results; Grype: no distro and no matches):
 *                     such a report shows nothing about the image, as ECR's UNSUPPORTED_IMAGE
 */
public record ScanReport(ScanSource source, Set<String> imageDigests, List<Finding> findings, boolean indexedNothing) {

    public ScanReport {
        imageDigests = Set.copyOf(imageDigests);
        findings = List.copyOf(findings);
    }

    public boolean describes(String digest) {
        return imageDigests.contains(digest);
    }
}
