package dev.shipgate.gate.scan;

/** Reads the current scan of an image, all pages. */
public interface ScanReader {
    ScanSnapshot read(ImageRef image);
}
