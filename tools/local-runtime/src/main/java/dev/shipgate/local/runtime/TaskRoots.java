package dev.shipgate.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Lambda's {@code /var/task}: the deployment zip unpacked (classes at the root, jars in {@code lib/}). */
public final class TaskRoots {

    private TaskRoots() {
    }

    /**
     * Unpacks {@code zip} into a directory under {@code parent} named after the module and the zip's
     * identity (path, size, mtime), so runs in parallel (a bench while someone runs the demo) never
     * unpack over a task root a JVM is loading from. The unpack goes to a temporary directory first and
     * is renamed into place atomically.
     */
    public static Path unpack(Path zip, Path parent, String module) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is not built (run ./mvnw -q package -DskipTests)");
        }
        // A build may be rewriting the zip right now (the working tree is shared): unpack only a
        // complete zip (ZipFile needs its central directory) that did not change while being read.
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                String before = identity(zip);
                Path unpacked = unpackOnce(zip, parent, module, before);
                if (before.equals(identity(zip))) {
                    return unpacked;
                }
            } catch (IOException incompleteOrChanging) {
                last = incompleteOrChanging;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException(zip + " kept changing or is not a complete zip (a build still writing it?)", last);
    }

    private static String identity(Path zip) throws IOException {
        return zip.toAbsolutePath() + " " + Files.size(zip) + " " + Files.getLastModifiedTime(zip).toMillis();
    }

    private static Path unpackOnce(Path zip, Path parent, String module, String identity) throws IOException {
        Path target = parent.resolve(module + "-" + Integer.toHexString(identity.hashCode()));
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + module + "-unpacking-");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IllegalStateException("zip entry escapes the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            delete(staging);
            throw e;
        }
        if (!identity.equals(identity(zip))) {
            delete(staging);
            throw new IOException(zip + " changed while it was unpacked");
        }
        publish(staging, target);
        deleteOldVersions(parent, module, target);
        return target;
    }

    /** Moves a finished staging folder into place; when a parallel run got there first, keeps its copy. */
    private static void publish(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherRunWon) {
            delete(staging);
            if (!Files.isDirectory(target)) {
                throw anotherRunWon;
            }
        }
    }

    /** Earlier unpacks of the same module, once a day old: no local run lives that long. */
    private static void deleteOldVersions(Path parent, String module, Path current) throws IOException {
        long dayAgo = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path old : siblings.filter(p -> !p.equals(current) && p.getFileName().toString().startsWith(module + "-")).toList()) {
                if (Files.getLastModifiedTime(old).toMillis() < dayAgo) {
                    delete(old);
                }
            }
        }
    }

    /**
     * A task root holding only the given classes of this module (and jars under lib/): the trivial
     * baseline function and the SnapStart probe are deployed this way. Named after its content, so
     * parallel runs share it and never rewrite it under a running JVM.
     */
    public static Path ofClasses(Path parent, String name, List<Class<?>> classes, List<Path> libJars) {
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + name + "-building-");
            long identity = 17;
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                Path out = staging.resolve(resource);
                Files.createDirectories(out.getParent());
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("class file of " + type.getName() + " not found");
                    }
                    byte[] bytes = in.readAllBytes();
                    identity = identity * 31 + java.util.Arrays.hashCode(bytes);
                    Files.write(out, bytes);
                }
            }
            Files.createDirectories(staging.resolve("lib"));
            for (Path jar : libJars) {
                identity = identity * 31 + jar.toAbsolutePath().hashCode();
                Files.copy(jar, staging.resolve("lib").resolve(jar.getFileName()));
            }
            Path target = parent.resolve(name + "-" + Long.toHexString(identity));
            if (Files.isDirectory(target)) {
                delete(staging);
                return target;
            }
            publish(staging, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
