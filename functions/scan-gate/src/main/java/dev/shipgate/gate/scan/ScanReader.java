package dev.shipgate.gate.scan;

/** Reads the current scan of an image, all pages; and, when there is none, whether one is coming. */
public interface ScanReader {
    ScanSnapshot read(ImageRef image);

    /** The image's manifest ({@code BatchGetImage}): its digest, and its platform images when it is an image index. */
    ResolvedImage resolve(ImageRef image);

    /** The registry's and the repository's scanning configuration. */
    ScanCoverage coverage(String repository);

    /** Starts a basic scan of the image ({@code StartImageScan}); the scan's state right after. */
    ScanSnapshot startBasicScan(ImageRef image);
}
