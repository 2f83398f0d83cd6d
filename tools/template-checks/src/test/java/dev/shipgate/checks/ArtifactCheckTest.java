package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ArtifactCheckTest {

    @Test
    void template_handlersAreRunnableClassesInTheBuiltZips() {
        assertThat(ArtifactCheck.check(Templates.sam(), Templates.root())).isEmpty();
    }

    @Test
    void copyWithHandlerClassNotInTheZip_isReported() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "WebhookFunction").put("Handler", "dev.shipgate.webhook.NoSuchHandler::handleRequest");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).contains(
                "WebhookFunction: Handler class dev.shipgate.webhook.NoSuchHandler is not in functions/github-webhook/target/function.zip");
    }

    @Test
    void makefileTargetOfAnUnbuiltModule_isReported(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("Makefile"), "build-ScanGateFunction: MODULE := not-built\n");

        var violations = ArtifactCheck.check(Templates.sam(), root);

        assertThat(violations).extracting(Violation::toString).contains(
                "ScanGateFunction: functions/not-built/target/function.zip does not exist (run ./mvnw package)",
                "WebhookFunction: the Makefile has no 'build-WebhookFunction: MODULE := <module>' target (sam build runs it)");
    }

    @Test
    void copyWithCodeUriNamingTheZip_isReported_becauseSamBuildSkipsZips() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "NotifierFunction").put("CodeUri", "functions/slack-notifier/target/function.zip");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "NotifierFunction: CodeUri 'functions/slack-notifier/target/function.zip' with BuildMethod 'makefile': "
                        + "sam build needs CodeUri '.' and Metadata BuildMethod 'makefile' (the root Makefile)");
    }

    @Test
    void copyWithoutBuildMethod_isReported() {
        JsonNode template = Templates.sam();
        ((ObjectNode) template.path("Resources").path("WebhookFunction")).remove("Metadata");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "WebhookFunction: CodeUri '.' with BuildMethod '': sam build needs CodeUri '.' and Metadata BuildMethod 'makefile' (the root Makefile)");
    }

    @Test
    void copyWithHandlerWithoutMethod_isReported() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "NotifierFunction").put("Handler", "dev.shipgate.notifier.SlackNotifierHandler");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).contains(
                "NotifierFunction: Handler 'dev.shipgate.notifier.SlackNotifierHandler' is not <class>::<method>");
    }

    @Test
    void builtZips_haveTheColdStartLayout() {
        assertThat(ArtifactCheck.layout(Templates.sam(), Templates.root())).isEmpty();
    }

    @Test
    void builtZipRoot_carriesTheClassList_andStoresItsJars(@TempDir Path dir) throws IOException {
        Path unpacked = dir.resolve("function");
        Files.createDirectories(unpacked.resolve("lib"));
        Files.writeString(unpacked.resolve(ArtifactCheck.PRELOAD_LIST), "java.lang.String\n");
        writeJar(unpacked.resolve("lib/stored.jar"), ZipEntry.STORED);

        assertThat(ArtifactCheck.layoutProblem(unpacked, "functions/x/target/function.zip")).isNull();

        writeJar(unpacked.resolve("lib/deflated.jar"), ZipEntry.DEFLATED);
        assertThat(ArtifactCheck.layoutProblem(unpacked, "functions/x/target/function.zip"))
                .contains("lib/deflated.jar deflates a/B.class");

        Files.delete(unpacked.resolve("lib/deflated.jar"));
        Files.delete(unpacked.resolve(ArtifactCheck.PRELOAD_LIST));
        assertThat(ArtifactCheck.layoutProblem(unpacked, "functions/x/target/function.zip"))
                .contains("has no " + ArtifactCheck.PRELOAD_LIST);
    }

    private static void writeJar(Path jar, int method) throws IOException {
        byte[] data = "class bytes".getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            ZipEntry entry = new ZipEntry("a/B.class");
            entry.setMethod(method);
            if (method == ZipEntry.STORED) {
                entry.setSize(data.length);
                entry.setCompressedSize(data.length);
                entry.setCrc(crc.getValue());
            }
            out.putNextEntry(entry);
            out.write(data);
            out.closeEntry();
        }
    }
}
