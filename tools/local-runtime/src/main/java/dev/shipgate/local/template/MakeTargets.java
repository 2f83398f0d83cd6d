package dev.shipgate.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root Makefile's {@code build-<LogicalId>} targets, which {@code sam build} runs for functions whose
 * template Metadata says {@code BuildMethod: makefile}: each names the Maven module it builds with a line
 * {@code build-<LogicalId>: MODULE := <module>}, and that module's {@code target/function.zip} is the
 * function's code.
 */
public final class MakeTargets {

    private static final Pattern MODULE_LINE = Pattern.compile("^build-(\\w+): MODULE := ([a-z0-9-]+)\\s*$", Pattern.MULTILINE);

    private MakeTargets() {
    }

    /** Logical ID → module folder under {@code functions/}, in Makefile order; empty without a Makefile. */
    public static Map<String, String> modules(Path repoRoot) {
        Path makefile = repoRoot.resolve("Makefile");
        Map<String, String> modules = new LinkedHashMap<>();
        if (!Files.isRegularFile(makefile)) {
            return modules;
        }
        try {
            Matcher line = MODULE_LINE.matcher(Files.readString(makefile));
            while (line.find()) {
                modules.put(line.group(1), line.group(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    /** The zip {@code ./mvnw package} builds for a module, relative to the repository root. */
    public static String zip(String module) {
        return "functions/" + module + "/target/function.zip";
    }
}
