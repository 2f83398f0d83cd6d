package dev.shipgate.gate.aws;

import dev.shipgate.gate.job.GateFailure;
import dev.shipgate.gate.job.JobEvent;
import dev.shipgate.testing.TestClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
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
    void read_signsWithTheJobsArtifactCredentials_notTheFunctionRole() throws IOException {
        try (RecordingServer s3Server = new RecordingServer(200, "application/zip", zip(".shipgate/policy.yaml", "version: 1"))) {
            S3ArtifactReader reader = new S3ArtifactReader(S3Client.builder().endpointOverride(s3Server.endpoint())
                    .region(TestClients.REGION).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFUNCTIONROLE", "role-secret")))
                    .httpClient(UrlConnectionHttpClient.create()).build());
            JobEvent.Artifact artifact = new JobEvent.Artifact("SourceOutput", null,
                    new JobEvent.Location("S3", new JobEvent.S3Location("artifacts", "pipe/SourceOutp/abc.zip")));

            var policy = reader.read(artifact, new JobEvent.ArtifactCredentials("ASIAJOBCREDENTIALS", "job-secret", "job-token"),
                    ".shipgate/policy.yaml", 1000);

            assertThat(policy).isPresent();
            assertThat(s3Server.requests()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/artifacts/pipe/SourceOutp/abc.zip");
                assertThat(r.authorization()).contains("Credential=ASIAJOBCREDENTIALS/").doesNotContain("AKIAFUNCTIONROLE");
            });
        }
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
