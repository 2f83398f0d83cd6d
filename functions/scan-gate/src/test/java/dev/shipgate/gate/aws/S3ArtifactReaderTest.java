package dev.shipgate.gate.aws;

import dev.shipgate.gate.job.GateFailure;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ArtifactReaderTest {

    static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("src/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void find_entryWithDotSlashPrefix_matchesPlainPath() throws IOException {
        assertThat(S3ArtifactReader.find(new ByteArrayInputStream(zip("./.shipgate/policy.yaml", "version: 1")), ".shipgate/policy.yaml", 100, "SourceOutput"))
                .hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("version: 1"));
    }

    @Test
    void find_absentEntry_isEmpty() throws IOException {
        assertThat(S3ArtifactReader.find(new ByteArrayInputStream(zip("README.md", "x")), ".shipgate/policy.yaml", 100, "SourceOutput")).isEmpty();
    }

    @Test
    void find_tooLarge_isConfigurationError() {
        assertThatThrownBy(() -> S3ArtifactReader.find(new ByteArrayInputStream(zip("p.yaml", "x".repeat(101))), "p.yaml", 100, "SourceOutput"))
                .isInstanceOf(GateFailure.class).hasMessageContaining("larger than 100 bytes");
    }

    @Test
    void find_notAZip_isReported() {
        assertThatThrownBy(() -> S3ArtifactReader.find(new ByteArrayInputStream("plain text".getBytes(StandardCharsets.UTF_8)), "p.yaml", 100, "SourceOutput"))
                .isInstanceOf(IOException.class).hasMessageContaining("no zip entries");
    }
}
