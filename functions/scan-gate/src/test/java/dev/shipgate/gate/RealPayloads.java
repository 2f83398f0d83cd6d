package dev.shipgate.gate;

import dev.shipgate.testing.Events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Published scanner reports and API answers: the shared corpus {@code events/real/scan-gate/} (provenance in
 * {@code events/real/SOURCES.md}) and the few shapes it lacks under {@code src/test/resources/real/} (PROVENANCE.md there).
 */
public final class RealPayloads {

    private RealPayloads() {
    }

    /** A file of the shared corpus, by its path under {@code events/real/scan-gate/}. */
    public static byte[] corpus(String path) {
        return Events.bytes("real", "scan-gate/" + path);
    }

    public static String corpusText(String path) {
        return new String(corpus(path), StandardCharsets.UTF_8);
    }

    /** A file of this module's {@code src/test/resources/real/}. */
    public static byte[] bytes(String path) {
        try (InputStream in = RealPayloads.class.getResourceAsStream("/real/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource real/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
