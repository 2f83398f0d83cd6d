package dev.shipgate.gate.scan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ImageIndexTest {

    private static final String AMD64 = "sha256:" + "2".repeat(64);
    private static final String ARM64 = "sha256:" + "3".repeat(64);
    private static final String ATTESTATION = "sha256:" + "4".repeat(64);

    private static String entry(String digest, String platform, boolean annotated) {
        return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest + "\",\"size\":1"
                + (platform == null ? "" : ",\"platform\":" + platform)
                + (annotated ? ",\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\"}" : "") + "}";
    }

    private static String index(String... entries) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + ImageIndex.OCI_INDEX + "\",\"manifests\":[" + String.join(",", entries) + "]}";
    }

    @Test
    void platforms_buildkitAttestations_areLeftOut() {
        String index = index(entry(AMD64, "{\"architecture\":\"amd64\",\"os\":\"linux\"}", false),
                entry(ATTESTATION, "{\"architecture\":\"unknown\",\"os\":\"unknown\"}", true),
                entry(ATTESTATION.replace('4', '5'), null, true));

        assertThat(ImageIndex.platforms(index)).extracting(ImageIndex.Platform::name, ImageIndex.Platform::digest)
                .containsExactly(tuple("linux/amd64", AMD64));
    }

    @Test
    void platforms_attestationAnnotationOnARealPlatform_isStillJudged() {
        String index = index(entry(AMD64, "{\"architecture\":\"amd64\",\"os\":\"linux\"}", false),
                entry(ARM64, "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}", true));

        assertThat(ImageIndex.platforms(index)).extracting(ImageIndex.Platform::name, ImageIndex.Platform::digest)
                .containsExactly(tuple("linux/amd64", AMD64), tuple("linux/arm64/v8", ARM64));
    }
}
