package dev.shipgate.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotUniquenessTest {

    /** Holds a Random seeded at class initialization, as a handler field would be before a checkpoint. */
    static final class SeededAtInit {
        static final Random JITTER = new Random();
    }

    static final class DrawsPerThread {
        long jitter() {
            return ThreadLocalRandom.current().nextLong(100);
        }
    }

    static final class MathRandom {
        double jitter() {
            return Math.random();
        }
    }

    static final class DrawsFromTheSystem {
        long jitter() {
            return new SecureRandom().nextLong(100) + UUID.randomUUID().getLeastSignificantBits();
        }
    }

    @Test
    void seededSources_areFound_inFieldsCallsAndMathRandom() throws IOException {
        assertThat(uses(SeededAtInit.class)).containsExactly("java.util.Random");
        assertThat(uses(DrawsPerThread.class)).containsExactly("java.util.concurrent.ThreadLocalRandom");
        assertThat(uses(MathRandom.class)).containsExactly("java.lang.Math.random()");
    }

    @Test
    void secureRandomAndRandomUuid_areNotSeededSources() throws IOException {
        assertThat(uses(DrawsFromTheSystem.class)).isEmpty();
    }

    @Test
    void theSharedCode_usesNoSeededRandomSource() {
        assertThat(SnapshotUniqueness.seededRandomUses(SnapshotUniqueness.classesOf(dev.shipgate.shared.aws.SdkDryRun.class))).isEmpty();
    }

    private static Iterable<String> uses(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return SnapshotUniqueness.seededRandomUses(in);
        }
    }
}
