package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.local.template.MakeTargets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Each function is built by {@code sam build} through the root Makefile ({@code CodeUri: .},
 * {@code Metadata: BuildMethod: makefile}, a {@code build-<LogicalId>} target naming its module), that module's
 * zip is built, and its Handler names a class in that zip that Lambda can
 * run: public, with a public no-argument constructor, implementing a Lambda handler interface, with
 * the named public method. The class is loaded (not initialized) from the zip's own classes and lib/
 * jars only, the way Lambda sees it.
 */
public final class ArtifactCheck {

    private static final Set<String> HANDLER_INTERFACES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private ArtifactCheck() {
    }

    public static List<Violation> check(JsonNode samTemplate, Path root) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> fn : Cfn.resourcesOfType(samTemplate, "AWS::Serverless::Function").entrySet()) {
            JsonNode props = Cfn.properties(fn.getValue());
            String problem = buildProblem(fn.getKey(), fn.getValue(), root);
            if (problem == null) {
                String zip = MakeTargets.zip(EnvContract.module(root, fn.getKey()).orElseThrow());
                problem = problem(root, zip, props.path("Handler").asText(""));
            }
            if (problem != null) {
                violations.add(new Violation(fn.getKey(), problem));
            }
        }
        return violations;
    }

    /** What keeps sam build from building this function with the root Makefile, or null. */
    private static String buildProblem(String logicalId, JsonNode function, Path root) {
        String codeUri = Cfn.properties(function).path("CodeUri").asText("");
        String buildMethod = function.path("Metadata").path("BuildMethod").asText("");
        if (!codeUri.equals(".") || !buildMethod.equals("makefile")) {
            return "CodeUri '" + codeUri + "' with BuildMethod '" + buildMethod
                    + "': sam build needs CodeUri '.' and Metadata BuildMethod 'makefile' (the root Makefile)";
        }
        return EnvContract.module(root, logicalId).isEmpty() ? EnvContract.noMakeTarget(logicalId) : null;
    }

    private static String problem(Path root, String codeUri, String handler) {
        Path zip = root.resolve(codeUri);
        if (!Files.isRegularFile(zip)) {
            return codeUri + " does not exist (run ./mvnw package)";
        }
        String[] parts = handler.split("::");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            return "Handler '" + handler + "' is not <class>::<method>";
        }
        Path unpacked = null;
        try {
            unpacked = unzip(zip);
            return classProblem(unpacked, codeUri, parts[0], parts[1]);
        } catch (IOException e) {
            return "cannot read " + codeUri + ": " + e.getMessage();
        } finally {
            delete(unpacked);
        }
    }

    /** Each function's built zip has the cold-start layout ({@link #layoutProblem}). */
    public static List<Violation> layout(JsonNode samTemplate, Path root) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> fn : Cfn.resourcesOfType(samTemplate, "AWS::Serverless::Function").entrySet()) {
            var module = EnvContract.module(root, fn.getKey());
            String codeUri = module.map(MakeTargets::zip).orElse("");
            Path zip = root.resolve(codeUri);
            if (module.isEmpty() || !Files.isRegularFile(zip)) {
                continue; // check() reports these
            }
            Path unpacked = null;
            try {
                unpacked = unzip(zip);
                String problem = layoutProblem(unpacked, codeUri);
                if (problem != null) {
                    violations.add(new Violation(fn.getKey(), problem));
                }
            } catch (IOException e) {
                violations.add(new Violation(fn.getKey(), "cannot read " + codeUri + ": " + e.getMessage()));
            } finally {
                delete(unpacked);
            }
        }
        return violations;
    }

    static final String PRELOAD_LIST = "shipgate-preload-classes.txt";

    /** The cold-start parts of the layout: the recorded class list, and lib/*.jar with every entry stored, not deflated. */
    static String layoutProblem(Path unpacked, String codeUri) throws IOException {
        if (!Files.isRegularFile(unpacked.resolve(PRELOAD_LIST))) {
            return codeUri + " has no " + PRELOAD_LIST + " (record it: tools/shipgate-local preload-list)";
        }
        Path lib = unpacked.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return null;
        }
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
                    for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                        if (entry.getMethod() != ZipEntry.STORED) {
                            return codeUri + ": lib/" + jar.getFileName() + " deflates " + entry.getName()
                                    + " (the build stores lib jars uncompressed: tools/function-zip)";
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String classProblem(Path unpacked, String codeUri, String className, String methodName)
            throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(unpacked));
        Path lib = unpacked.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(url(jar));
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                return "Handler class " + className + " is not in " + codeUri;
            } catch (LinkageError e) {
                return "Handler class " + className + " in " + codeUri + " cannot be loaded: " + e;
            }
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
                return "Handler class " + className + " must be public and concrete";
            }
            try {
                type.getConstructor();
            } catch (NoSuchMethodException e) {
                return "Handler class " + className + " has no public no-argument constructor";
            }
            if (!implementsHandler(type)) {
                return "Handler class " + className + " implements neither RequestHandler nor RequestStreamHandler";
            }
            boolean hasMethod = false;
            for (Method m : type.getMethods()) {
                hasMethod |= m.getName().equals(methodName) && !Modifier.isStatic(m.getModifiers());
            }
            return hasMethod ? null : "Handler class " + className + " has no public method " + methodName;
        } catch (LinkageError e) {
            return "Handler class " + className + " in " + codeUri + " cannot be linked: " + e;
        }
    }

    private static boolean implementsHandler(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (HANDLER_INTERFACES.contains(i.getName()) || implementsHandler(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Path unzip(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("function-zip");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream zin = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zin.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zin, target);
                }
            }
        }
        return dir;
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
