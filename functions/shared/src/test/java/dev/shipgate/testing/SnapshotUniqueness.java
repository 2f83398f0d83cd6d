package dev.shipgate.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds random sources in compiled classes that a SnapStart snapshot would share between every copy restored from
 * it: {@code java.util.Random}, {@code ThreadLocalRandom}, {@code SplittableRandom} and {@code Math.random()} are
 * seeded once per JVM (or per thread), so a seed drawn before the checkpoint gives every restored copy the same
 * sequence. {@code SecureRandom} and {@code UUID.randomUUID()} draw from the operating system and are safe.
 * Reads the class files' constant pools, so a field type, a call and a lambda all count.
 */
public final class SnapshotUniqueness {

    private static final List<String> SEEDED = List.of("java/util/Random", "java/util/concurrent/ThreadLocalRandom",
            "java/util/SplittableRandom", "java/util/random/RandomGenerator");

    private SnapshotUniqueness() {
    }

    /** The folder or jar root the given class was loaded from. */
    public static Path classesOf(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line per offending class file and the seeded source it uses; empty when there is none. */
    public static List<String> seededRandomUses(Path classes) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (String use : seededRandomUses(in)) {
                        found.add(classes.relativize(file) + ": " + use);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    static TreeSet<String> seededRandomUses(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[][] memberRefs = new int[count][];
        int[] nameOfNameAndType = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11 -> memberRefs[i] = new int[]{in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    nameOfNameAndType[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> in.readInt();
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        TreeSet<String> uses = new TreeSet<>();
        for (String text : utf8) {
            if (text == null) {
                continue;
            }
            for (String seeded : SEEDED) {
                if (text.equals(seeded) || text.contains("L" + seeded + ";")) {
                    uses.add(seeded.replace('/', '.'));
                }
            }
        }
        for (int[] ref : memberRefs) {
            if (ref != null && "java/lang/Math".equals(utf8[classNames[ref[0]]]) && "random".equals(utf8[nameOfNameAndType[ref[1]]])) {
                uses.add("java.lang.Math.random()");
            }
        }
        return uses;
    }
}
