package dev.shipgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the shared sample events in {@code events/<function>/<scenario>.json}, the same bytes local invoke uses. */
public final class Events {

    private Events() {
    }

    public static Path root() {
        String configured = System.getProperty("shipgate.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no shipgate root (with events/ and .mvn/) above " + start);
    }

    public static Path path(String function, String scenario) {
        return root().resolve("events").resolve(function).resolve(scenario);
    }

    public static String read(String function, String scenario) {
        try {
            return Files.readString(path(function, scenario));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String function, String scenario) {
        try {
            return Files.readAllBytes(path(function, scenario));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
