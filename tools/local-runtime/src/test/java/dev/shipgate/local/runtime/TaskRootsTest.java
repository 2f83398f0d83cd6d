package dev.shipgate.local.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRootsTest {

    @TempDir
    Path dir;

    @Test
    void unpack_sameZip_reusesOneTaskRoot_andARebuiltZipGetsItsOwn() throws IOException {
        Path zip = dir.resolve("function.zip");
        write(zip, "v1");

        Path first = TaskRoots.unpack(zip, dir.resolve("local"), "github-webhook");
        Path again = TaskRoots.unpack(zip, dir.resolve("local"), "github-webhook");
        write(zip, "version 2");
        Files.setLastModifiedTime(zip, FileTime.fromMillis(Files.getLastModifiedTime(zip).toMillis() + 5_000));
        Path rebuilt = TaskRoots.unpack(zip, dir.resolve("local"), "github-webhook");

        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(first.resolve("dev/shipgate/Handler.class"))).isEqualTo("v1");
        assertThat(first.resolve("lib/dep.jar")).isRegularFile();
        assertThat(rebuilt).isNotEqualTo(first);
        assertThat(Files.readString(rebuilt.resolve("dev/shipgate/Handler.class"))).isEqualTo("version 2");
        assertThat(first).isDirectory();
    }

    private static void write(Path zip, String content) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("dev/shipgate/Handler.class"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("lib/dep.jar"));
            out.write(new byte[]{1, 2, 3});
            out.closeEntry();
        }
    }
}
