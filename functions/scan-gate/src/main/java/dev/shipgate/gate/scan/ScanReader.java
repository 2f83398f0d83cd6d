package dev.shipgate.gate.scan;

import java.util.Optional;

/** Reads the current scan of an image, all pages; and, when there is none, whether one is coming. */
public interface ScanReader {
    ScanSnapshot read(ImageRef image);

    /** The registry's and the repository's scanning configuration. */
    ScanCoverage coverage(String repository);

    /**
     * Starts a basic scan of the image ({@code StartImageScan}); the scan's state right after, or empty when ECR
     * already scanned the image today (one manual scan per image per day) and the next read will find it.
     */
    Optional<ScanSnapshot> startBasicScan(ImageRef image);
}
