package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * template.yaml as the checks see it: decoded (short tags in long form) and SAM-expanded, both produced
 * once per JVM by tools/expand-template.py, plus runners for that script and cfn-lint on other files.
 */
final class Templates {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode sam;
    private static JsonNode expanded;

    private Templates() {
    }

    static Path root() {
        String configured = System.getProperty("shipgate.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no shipgate root (with template.yaml and .mvn/) above " + start);
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    static Path work() {
        Path dir = root().resolve("tools/template-checks/target/template-checks");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized JsonNode sam() {
        if (sam == null) {
            load();
        }
        return sam.deepCopy();
    }

    static synchronized JsonNode expanded() {
        if (expanded == null) {
            load();
        }
        return expanded.deepCopy();
    }

    private static void load() {
        Path decodedFile = work().resolve("template.decoded.json");
        Path expandedFile = work().resolve("template.expanded.json");
        Result r = expand(template(), "--decoded-out", decodedFile.toString(), "--out", expandedFile.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("tools/expand-template.py failed:\n" + r.output());
        }
        sam = read(decodedFile);
        expanded = read(expandedFile);
    }

    static Result expand(Path template, String... args) {
        List<String> cmd = new ArrayList<>(List.of("python3", root().resolve("tools/expand-template.py").toString(),
                "--template", template.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static Result cfnLint(Path file) {
        // -c I: informational findings (e.g. I3011 explicit deletion policies) count as well
        List<String> cmd = new ArrayList<>(List.of("cfn-lint", "-c", "I", "-r"));
        cmd.addAll(REGIONS);
        cmd.addAll(List.of("--", file.toString()));
        return run(cmd);
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(String name, String content) {
        try {
            return Files.writeString(work().resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String templateText() {
        try {
            return Files.readString(template());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the build phase of an inline buildspec with bash, its commands in one shell as CodeBuild runs them, then
     * {@code epilogue}; {@code env} is added to this process's environment ({@code PATH} replaces it).
     */
    static Result runBuildPhase(String name, JsonNode inlineSpec, String epilogue, Path workDir, Map<String, String> env) {
        Path specFile = write(name + ".buildspec.yml", inlineSpec.asText());
        Result parsed = run(List.of("python3", "-c",
                "import sys,yaml; print('\\n'.join(yaml.safe_load(open(sys.argv[1]))['phases']['build']['commands']))",
                specFile.toString()));
        if (parsed.exitCode() != 0) {
            throw new IllegalStateException("the " + name + " buildspec does not parse:\n" + parsed.output());
        }
        Path script = write(name + ".sh", parsed.output() + "\n" + epilogue + "\n");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(workDir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the " + name + " script timed out:\n" + output);
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(List<String> cmd) {
        try {
            Path log = Files.createTempFile(work(), "process", ".log");
            Process p = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            String output = Files.readString(log);
            Files.delete(log);
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd + " (is it on PATH? see requirements-dev.txt)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
