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
import java.util.zip.ZipInputStream;

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
        try {
            String identity = zip.toAbsolutePath() + " " + Files.size(zip) + " " + Files.getLastModifiedTime(zip).toMillis();
            String suffix = Integer.toHexString(identity.hashCode());
            Path target = parent.resolve(module + "-" + suffix);
            if (Files.isDirectory(target)) {
                return target;
            }
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + module + "-unpacking-");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IllegalStateException("zip entry escapes the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherRunWon) {
                delete(staging);
                if (!Files.isDirectory(target)) {
                    throw anotherRunWon;
                }
            }
            deleteOldVersions(parent, module, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherRunWon) {
                delete(staging);
                if (!Files.isDirectory(target)) {
                    throw anotherRunWon;
                }
            }
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
