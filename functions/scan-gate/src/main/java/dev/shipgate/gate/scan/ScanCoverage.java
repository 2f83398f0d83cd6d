package dev.shipgate.gate.scan;

/**
 * Whether anything will scan a repository's new images on its own: the registry's scan type and the repository's
 * effective scanning configuration, read once when a job finds no scan for its image.
 *
 * @param enhanced whether the registry uses enhanced scanning (Amazon Inspector)
 * @param covered  whether pushed images get scanned without being asked (scan on push, or a continuous or on-push
 *                 enhanced-scanning rule that matches the repository)
 * @param detail   what ECR said, for the message a developer reads
 */
public record ScanCoverage(boolean enhanced, boolean covered, String detail) {
}
