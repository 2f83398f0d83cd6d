package dev.shipgate.gate.scan;

import java.util.List;

/**
 * The image a job names, as the registry has it.
 *
 * @param image     pinned to its digest
 * @param platforms the platform images when the digest is an image index; empty for a single image manifest
 */
public record ResolvedImage(ImageRef image, List<ImageIndex.Platform> platforms) {

    public ResolvedImage {
        platforms = List.copyOf(platforms);
    }

    public boolean isIndex() {
        return !platforms.isEmpty();
    }
}
