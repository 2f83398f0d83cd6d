package dev.shipgate.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment a running function JVM actually has, read from {@code /proc/<pid>/environ}. */
public final class ChildEnvironment {

    private ChildEnvironment() {
    }

    public static Map<String, String> of(LocalFunction function) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(function.pid()), "environ")), StandardCharsets.UTF_8);
            Map<String, String> env = new HashMap<>();
            for (String entry : raw.split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
