package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.local.template.MakeTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment each function reads (the {@code static final String X = "NAME";} constants of its
 * {@code *Config.java}) must be exactly what template.yaml sets for it.
 */
public final class EnvContract {

    private static final Pattern CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([A-Z][A-Z0-9_]*)\"\\s*;");
    /** Set by the Lambda runtime itself; a function may read them without the template setting them. */
    public static final Set<String> LAMBDA_PROVIDED = Set.of(
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "_X_AMZN_TRACE_ID");
    /** Read by the JVM, not by function code; the template may set them for every function. */
    public static final Set<String> JVM_READ = Set.of("JAVA_TOOL_OPTIONS");

    private EnvContract() {
    }

    /** The variable names a function module declares in its {@code *Config.java} files. */
    public static Set<String> variablesReadBy(Path moduleDir) {
        Path sources = moduleDir.resolve("src/main/java");
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith("Config.java")).toList()) {
                names.addAll(constants(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * Every {@code static final String X = "UPPER_NAME";} in one source file, except {@code DEFAULT_*}
     * constants: those hold default values (e.g. {@code DEFAULT_FAIL_ON_SEVERITY = "HIGH"}), not names.
     */
    public static Set<String> constants(String javaSource) {
        Set<String> names = new TreeSet<>();
        Matcher m = CONSTANT.matcher(javaSource);
        while (m.find()) {
            if (!m.group(1).startsWith("DEFAULT_")) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** The module the root Makefile's {@code build-<logicalId>} target builds (what sam build runs for the function). */
    public static Optional<String> module(Path root, String logicalId) {
        return Optional.ofNullable(MakeTargets.modules(root).get(logicalId));
    }

    static String noMakeTarget(String logicalId) {
        return "the Makefile has no 'build-" + logicalId + ": MODULE := <module>' target (sam build runs it)";
    }

    /** Compares template.yaml (decoded, not expanded) with the functions' sources under {@code root}. */
    public static List<Violation> check(JsonNode samTemplate, Path root) {
        List<Violation> violations = new ArrayList<>();
        Set<String> global = names(samTemplate.path("Globals").path("Function").path("Environment").path("Variables"));
        for (Map.Entry<String, JsonNode> fn : Cfn.resourcesOfType(samTemplate, "AWS::Serverless::Function").entrySet()) {
            String id = fn.getKey();
            Optional<String> module = module(root, id);
            if (module.isEmpty()) {
                violations.add(new Violation(id, noMakeTarget(id)));
                continue;
            }
            Path moduleDir = root.resolve("functions").resolve(module.get());
            Set<String> read = variablesReadBy(moduleDir);
            if (read.isEmpty()) {
                violations.add(new Violation(id, "functions/" + module.get()
                        + " declares no environment variables (no static final String constants in a *Config.java)"));
                continue;
            }
            Set<String> set = new TreeSet<>(global);
            set.addAll(names(Cfn.properties(fn.getValue()).path("Environment").path("Variables")));
            for (String name : read) {
                if (!set.contains(name) && !LAMBDA_PROVIDED.contains(name)) {
                    violations.add(new Violation(id, "functions/" + module.get() + " reads " + name
                            + " but template.yaml does not set it"));
                }
            }
            for (String name : set) {
                if (!read.contains(name) && !JVM_READ.contains(name)) {
                    violations.add(new Violation(id, "template.yaml sets " + name + " but functions/"
                            + module.get() + " does not read it (no constant in its *Config.java)"));
                }
            }
        }
        return violations;
    }

    private static Set<String> names(JsonNode variables) {
        Set<String> names = new TreeSet<>();
        variables.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
