package dev.shipgate.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Lambda's {@code /var/task}: the deployment zip unpacked (classes at the root, jars in {@code lib/}). */
public final class TaskRoots {

    private TaskRoots() {
    }

    /** Unpacks {@code zip} into {@code target}, again only when the zip changed since the last unpack. */
    public static Path unpack(Path zip, Path target) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is not built (run ./mvnw -q package -DskipTests)");
        }
        try {
            Path stamp = target.resolve(".unpacked-from");
            FileTime zipTime = Files.getLastModifiedTime(zip);
            String marker = zip.toAbsolutePath() + " " + zipTime.toMillis() + " " + Files.size(zip);
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(marker)) {
                return target;
            }
            delete(target);
            Files.createDirectories(target);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
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
            Files.writeString(stamp, marker);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A task root holding only the given classes of this module (and jars under lib/): the trivial
     * baseline function and the SnapStart probe are deployed this way.
     */
    public static Path ofClasses(Path target, List<Class<?>> classes, List<Path> libJars) {
        try {
            delete(target);
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                Path out = target.resolve(resource);
                Files.createDirectories(out.getParent());
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("class file of " + type.getName() + " not found");
                    }
                    Files.copy(in, out);
                }
            }
            Files.createDirectories(target.resolve("lib"));
            for (Path jar : libJars) {
                Files.copy(jar, target.resolve("lib").resolve(jar.getFileName()));
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
