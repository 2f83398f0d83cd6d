package dev.shipgate.gate.scan;

import dev.shipgate.gate.job.FailureType;

import java.util.Map;
import java.util.Objects;

/**
 * Decides, from one scan read, whether to judge the findings now, keep waiting, or fail closed. Enhanced scans
 * can say COMPLETE/ACTIVE before Inspector's findings are in (aws/aws-sdk#289), so they are judged only once
 * their severity counts are unchanged across two reads. ECR lists counts only for severities present, so a clean
 * image has none at all (aws/aws-cli#6759): no counts and no findings read as zero counts, and settle the same way;
 * findings without counts mean the counts are still coming.
 */
public sealed interface ScanStep {

    /** Judge these findings. */
    record Evaluate(String warning) implements ScanStep {
    }

    /** Not ready; {@code counts} is remembered for the settling check. */
    record Wait(String reason, Map<String, Integer> counts) implements ScanStep {
    }

    /** Fail closed. */
    record Fail(FailureType type, String message) implements ScanStep {
    }

    static ScanStep decide(ScanSnapshot scan, Map<String, Integer> previousCounts, boolean allowUnsupportedImage, ImageRef image) {
        if (!scan.found()) {
            return new Wait("no scan for " + image + " yet", null);
        }
        String described = scan.description() == null || scan.description().isBlank() ? "" : ": " + scan.description();
        return switch (scan.status()) {
            case "PENDING", "IN_PROGRESS" -> new Wait("scan " + scan.status() + described, null);
            case "COMPLETE", "ACTIVE" -> {
                if (!scan.enhanced()) {
                    yield new Evaluate(null);
                }
                Map<String, Integer> counts = scan.counts() == null && scan.findings().isEmpty() ? Map.of() : scan.counts();
                if (counts == null) {
                    yield new Wait("enhanced scan " + scan.status() + " but Inspector has not reported severity counts yet", null);
                }
                if (!Objects.equals(previousCounts, counts)) {
                    yield new Wait("enhanced scan findings still settling (counts " + counts + ")", counts);
                }
                yield new Evaluate(null);
            }
            case "UNSUPPORTED_IMAGE" -> allowUnsupportedImage
                    ? new Evaluate("ECR cannot scan this image (UNSUPPORTED_IMAGE" + described
                            + "); passed without findings because the stack sets AllowUnsupportedImage")
                    : new Fail(FailureType.JobFailed, "ECR cannot scan " + image + " (UNSUPPORTED_IMAGE" + described
                            + "). Use a supported base image (not scratch/distroless for basic scanning), enable enhanced"
                            + " scanning, or have the stack owner set AllowUnsupportedImage=true to pass such images with a"
                            + " warning.");
            case "FAILED" -> new Fail(FailureType.JobFailed, "The ECR scan of " + image + " FAILED" + described
                    + ". Push the image again or re-run the build; the deploy stays blocked until a scan completes.");
            case "SCAN_ELIGIBILITY_EXPIRED" -> new Fail(FailureType.JobFailed, "The scan of " + image
                    + " is no longer eligible (SCAN_ELIGIBILITY_EXPIRED" + described
                    + "). Rebuild and push the image, or lengthen the registry's enhanced-scanning re-scan duration.");
            case "FINDINGS_UNAVAILABLE", "LIMIT_EXCEEDED" -> new Fail(FailureType.JobFailed, "ECR gives no usable findings for "
                    + image + " (" + scan.status() + described + "). The deploy stays blocked; retry the stage later.");
            case "IMAGE_ARCHIVED" -> new Fail(FailureType.ConfigurationError, image + " is archived in ECR (IMAGE_ARCHIVED"
                    + described + "): restore it or gate the image the build just pushed.");
            default -> new Fail(FailureType.JobFailed, "Unknown ECR scan status '" + scan.status() + "'" + described
                    + " for " + image + "; failing closed until scan-gate knows this status.");
        };
    }
}
