package dev.shipgate.zip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLibJarsTest {

    private static final long TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, the build's outputTimestamp

    @TempDir
    Path dir;

    @Test
    void rewrite_libJarsBecomeStored_withTheSameEntriesInTheSameOrder() throws IOException {
        // Arrange
        byte[] lib = zip(Map.of("a/A.class", "class A".repeat(50)), ZipEntry.DEFLATED);
        Path function = dir.resolve("function.zip");
        Files.write(function, zip(orderedMap("dev/Handler.class", "handler", "lib/x.jar", lib), ZipEntry.DEFLATED));

        // Act
        StoreLibJars.rewrite(function, false);

        // Assert
        List<String> outer = names(Files.readAllBytes(function));
        assertThat(outer).containsExactly("dev/Handler.class", "lib/x.jar");
        byte[] rewrittenLib = entry(Files.readAllBytes(function), "lib/x.jar");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(rewrittenLib))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("a/A.class");
            assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("class A".repeat(50));
        }
        assertThat(new String(entry(Files.readAllBytes(function), "dev/Handler.class"), StandardCharsets.UTF_8)).isEqualTo("handler");
    }

    @Test
    void rewrite_isReproducible() throws IOException {
        // Arrange
        byte[] original = zip(orderedMap("lib/x.jar", zip(Map.of("b/B.class", "B"), ZipEntry.DEFLATED)), ZipEntry.DEFLATED);
        Path first = Files.write(dir.resolve("first.zip"), original);
        Path second = Files.write(dir.resolve("second.zip"), original);

        // Act
        StoreLibJars.rewrite(first, false);
        StoreLibJars.rewrite(second, false);

        // Assert
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second)).isNotEqualTo(original);
    }

    @Test
    void rewrite_withLambdaClasses_turnsTheFunctionsOwnLambdasIntoClassesThatFollowTheirHost() throws IOException {
        // Arrange: a handler class of the function's own, at the zip's root, holding one lambda
        byte[] handler = compile("own/Handler", """
                package own;
                public class Handler {
                    public static Runnable task(String name) { return () -> System.out.println(name); }
                }""");
        Path function = dir.resolve("function.zip");
        byte[] original = zip(orderedMap("own/Handler.class", handler, "lib/x.jar", zip(Map.of("a/notes.txt", "A"), ZipEntry.DEFLATED)),
                ZipEntry.DEFLATED);
        Files.write(function, original);
        Path untouched = Files.write(dir.resolve("untouched.zip"), original);

        // Act
        StoreLibJars.rewrite(function, true);
        StoreLibJars.rewrite(untouched, false);

        // Assert
        assertThat(names(Files.readAllBytes(function))).containsExactly("own/Handler.class", "own/Handler$$Lambda$1.class", "lib/x.jar");
        assertThat(entry(Files.readAllBytes(function), "own/Handler.class")).isNotEqualTo(handler);
        assertThat(names(Files.readAllBytes(untouched))).containsExactly("own/Handler.class", "lib/x.jar");
        assertThat(entry(Files.readAllBytes(untouched), "own/Handler.class")).isEqualTo(handler);
    }

    /** One class compiled from source, as the function modules compile theirs. */
    private byte[] compile(String internalName, String source) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src")).resolve(internalName.substring(internalName.lastIndexOf('/') + 1) + ".java");
        Files.writeString(src, source);
        Path out = Files.createDirectories(dir.resolve("classes"));
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "21", "-d", out.toString(), src.toString());
        assertThat(exit).as("javac exit code").isZero();
        return Files.readAllBytes(out.resolve(internalName + ".class"));
    }

    private static Map<String, Object> orderedMap(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static byte[] zip(Map<String, ?> entries, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setMethod(method);
            for (Map.Entry<String, ?> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTime(TIME);
                out.putNextEntry(zipEntry);
                out.write(entry.getValue() instanceof byte[] b ? b : entry.getValue().toString().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> names(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in the zip");
    }
}
