package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact check on zips built here, independent of the real functions: what Lambda could run and what not. */
class ArtifactLoaderTest {

    private static final Map<String, String> SOURCES = Map.of(
            "demo/Good.java", """
                    package demo;
                    public class Good implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
                        public void handleRequest(java.io.InputStream in, java.io.OutputStream out,
                                com.amazonaws.services.lambda.runtime.Context context) { }
                    }""",
            "demo/NeedsArgs.java", """
                    package demo;
                    public class NeedsArgs implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
                        public NeedsArgs(String config) { }
                        public void handleRequest(java.io.InputStream in, java.io.OutputStream out,
                                com.amazonaws.services.lambda.runtime.Context context) { }
                    }""",
            "demo/Plain.java", """
                    package demo;
                    public class Plain {
                        public String handleRequest(String in) { return in; }
                    }""");

    @TempDir
    static Path build;

    @BeforeAll
    static void compile() throws IOException {
        Path src = build.resolve("src");
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Files.createDirectories(src.resolve(e.getKey()).getParent());
            Files.writeString(src.resolve(e.getKey()), e.getValue());
        }
        Path classes = Files.createDirectories(build.resolve("classes"));
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "--release", "21",
                "-cp", lambdaCoreJar().toString()));
        SOURCES.keySet().forEach(k -> args.add(src.resolve(k).toString()));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).isZero();
    }

    @Test
    void handlerImplementingRequestStreamHandler_inZipWithItsLibs_passes(@TempDir Path root) throws IOException {
        zip(root, "demo-fn", true);

        assertThat(ArtifactCheck.check(template("demo.Good::handleRequest"), root)).isEmpty();
    }

    @Test
    void handlerWhoseInterfaceIsNotInTheZip_isReported(@TempDir Path root) throws IOException {
        zip(root, "demo-fn", false);

        assertThat(ArtifactCheck.check(template("demo.Good::handleRequest"), root))
                .extracting(Violation::problem).singleElement().asString()
                .startsWith("Handler class demo.Good in functions/demo-fn/target/function.zip cannot be loaded")
                .contains("RequestStreamHandler");
    }

    @Test
    void handlerWithoutNoArgConstructor_isReported(@TempDir Path root) throws IOException {
        zip(root, "demo-fn", true);

        assertThat(ArtifactCheck.check(template("demo.NeedsArgs::handleRequest"), root))
                .extracting(Violation::problem).containsExactly("Handler class demo.NeedsArgs has no public no-argument constructor");
    }

    @Test
    void classThatIsNoLambdaHandler_isReported(@TempDir Path root) throws IOException {
        zip(root, "demo-fn", true);

        assertThat(ArtifactCheck.check(template("demo.Plain::handleRequest"), root))
                .extracting(Violation::problem)
                .containsExactly("Handler class demo.Plain implements neither RequestHandler nor RequestStreamHandler");
    }

    @Test
    void handlerMethodThatDoesNotExist_isReported(@TempDir Path root) throws IOException {
        zip(root, "demo-fn", true);

        assertThat(ArtifactCheck.check(template("demo.Good::handle"), root))
                .extracting(Violation::problem).containsExactly("Handler class demo.Good has no public method handle");
    }

    private static JsonNode template(String handler) {
        return Mutations.json("""
                {"Resources":{"DemoFunction":{"Type":"AWS::Serverless::Function","Metadata":{"BuildMethod":"makefile"},
                  "Properties":{"Handler":"%s","CodeUri":"."}}}}""".formatted(handler));
    }

    /** The function-zip layout: classes at the root, runtime jars under lib/; the Makefile target that builds it. */
    private static void zip(Path root, String module, boolean withLibs) throws IOException {
        Files.writeString(root.resolve("Makefile"), "build-DemoFunction: MODULE := " + module + "\n");
        Path zip = Files.createDirectories(root.resolve("functions/" + module + "/target")).resolve("function.zip");
        Path classes = build.resolve("classes");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
            if (withLibs) {
                z.putNextEntry(new ZipEntry("lib/aws-lambda-java-core.jar"));
                z.write(Files.readAllBytes(lambdaCoreJar()));
                z.closeEntry();
            }
        }
    }

    private static Path lambdaCoreJar() {
        try {
            return Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
