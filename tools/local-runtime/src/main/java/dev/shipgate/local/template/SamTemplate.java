package dev.shipgate.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.local.runtime.TaskRoots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The functions {@code template.yaml} declares, with Globals applied and their environment resolved locally. */
public final class SamTemplate {

    private final JsonNode root;
    private final Path repoRoot;
    private final Map<String, String> modules;

    /**
     * One {@code AWS::Serverless::Function} as written in the template (Globals merged); {@code module} is the
     * Maven module its Makefile target builds ({@link MakeTargets}), or the logical ID when it has none.
     */
    public record Function(String logicalId, String module, String handler, String codeUri, int memoryMb, int timeoutSeconds,
                           JsonNode variables, JsonNode loggingConfig, boolean snapStart) {
    }

    private SamTemplate(JsonNode root, Path repoRoot) {
        this.root = root;
        this.repoRoot = repoRoot;
        this.modules = MakeTargets.modules(repoRoot);
    }

    public static SamTemplate read(Path repoRoot) {
        Path file = repoRoot.resolve("template.yaml");
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalStateException("no template.yaml in " + repoRoot);
        }
        return new SamTemplate(CfnYaml.read(file), repoRoot);
    }

    public JsonNode root() {
        return root;
    }

    public List<Function> functions() {
        JsonNode globals = root.path("Globals").path("Function");
        List<Function> functions = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(entry -> {
            JsonNode resource = entry.getValue();
            if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) {
                return;
            }
            JsonNode props = resource.path("Properties");
            ObjectNode variables = globals.path("Environment").path("Variables").isObject()
                    ? ((ObjectNode) globals.path("Environment").path("Variables")).deepCopy()
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            if (props.path("Environment").path("Variables").isObject()) {
                variables.setAll((ObjectNode) props.path("Environment").path("Variables"));
            }
            JsonNode logging = props.has("LoggingConfig") ? props.get("LoggingConfig") : globals.path("LoggingConfig");
            boolean snapStart = "PublishedVersions".equals(
                    (props.has("SnapStart") ? props.get("SnapStart") : globals.path("SnapStart")).path("ApplyOn").asText());
            functions.add(new Function(entry.getKey(), modules.getOrDefault(entry.getKey(), entry.getKey()),
                    pick(props, globals, "Handler").asText(),
                    pick(props, globals, "CodeUri").asText(),
                    pick(props, globals, "MemorySize").asInt(128),
                    pick(props, globals, "Timeout").asInt(3),
                    variables, logging, snapStart));
        });
        return functions;
    }

    /** A function by logical ID or by module folder name ({@code github-webhook}). */
    public Function function(String name) {
        List<Function> all = functions();
        return all.stream()
                .filter(f -> f.logicalId().equals(name) || f.module().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function '" + name + "' in template.yaml; known: "
                        + all.stream().map(f -> f.module() + " (" + f.logicalId() + ")").toList()));
    }

    /** The function ready to run: the zip {@code ./mvnw package} built, unpacked under {@code workDir}; environment resolved. */
    public FunctionSpec spec(String name, LocalParams params, Path workDir) {
        Function function = function(name);
        return spec(function, params, TaskRoots.unpack(repoRoot.resolve(MakeTargets.zip(function.module())), workDir, function.module()));
    }

    /** The function ready to run from {@code taskRoot} (for example the folder {@code sam build}'s target filled). */
    public FunctionSpec spec(Function function, LocalParams params, Path taskRoot) {
        Resolver resolver = new Resolver(root, params, LocalFunction.REGION, LocalFunction.ACCOUNT);
        Map<String, String> env = new LinkedHashMap<>();
        function.variables().fields().forEachRemaining(e -> {
            if (!resolver.isNoValue(e.getValue())) {
                env.put(e.getKey(), resolver.string(e.getValue()));
            }
        });
        JsonNode logging = function.loggingConfig();
        if (logging.has("LogFormat")) {
            env.put("AWS_LAMBDA_LOG_FORMAT", resolver.string(logging.get("LogFormat")));
        }
        if (logging.has("ApplicationLogLevel")) {
            env.put("AWS_LAMBDA_LOG_LEVEL", resolver.string(logging.get("ApplicationLogLevel")));
        }
        return new FunctionSpec(params.stackName() + "-" + function.logicalId(), function.handler(), taskRoot,
                function.memoryMb(), function.timeoutSeconds(), env);
    }

    private static JsonNode pick(JsonNode props, JsonNode globals, String field) {
        return props.has(field) ? props.get(field) : globals.path(field);
    }
}
