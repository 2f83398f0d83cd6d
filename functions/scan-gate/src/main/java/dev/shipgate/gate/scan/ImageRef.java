package dev.shipgate.gate.scan;

/** The image to gate: its digest (preferred) or, until the digest is known, its tag. */
public record ImageRef(String repository, String digest, String tag) {

    public ImageRef {
        if (digest == null && tag == null) {
            throw new IllegalArgumentException("an image needs a digest or a tag");
        }
    }

    @Override
    public String toString() {
        return digest != null ? repository + "@" + digest : repository + ":" + tag;
    }
}
