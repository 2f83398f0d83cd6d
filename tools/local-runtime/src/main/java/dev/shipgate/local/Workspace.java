package dev.shipgate.local;

import dev.shipgate.local.template.LocalParams;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the repository root, the local parameter file, the unpacked task roots. */
public final class Workspace {

    private Workspace() {
    }

    public static Path root() {
        String configured = System.getProperty("shipgate.root");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the shipgate repository (no .mvn/ and functions/ above " + start + ")");
    }

    public static LocalParams params(Path root) {
        return LocalParams.read(root.resolve("tools/local-runtime/local-params.json"));
    }

    public static Path workDir(Path root) {
        return root.resolve("tools/local-runtime/target/local");
    }
}
