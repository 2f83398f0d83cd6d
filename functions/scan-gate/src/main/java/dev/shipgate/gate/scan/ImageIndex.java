package dev.shipgate.gate.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An image index (OCI {@code image.index.v1}, Docker {@code manifest.list.v2}): what {@code docker buildx} pushes by
 * default. ECR scans its platform manifests, never the index, so the gate judges each platform. BuildKit's
 * attestation manifests (annotation {@code vnd.docker.reference.type: attestation-manifest}, platform
 * {@code unknown/unknown}) hold SBOM and provenance, not a filesystem, and are skipped.
 */
public final class ImageIndex {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    private static final Set<String> INDEX_TYPES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    private static final String ATTESTATION = "attestation-manifest";

    private ImageIndex() {
    }

    /** One platform's image of an index. */
    public record Platform(String name, String digest) {
    }

    /** Thrown when an index cannot be judged platform by platform; the message says why. */
    public static final class InvalidIndexException extends RuntimeException {
        InvalidIndexException(String message) {
            super(message);
        }
    }

    /** Whether a manifest of this media type (ECR's {@code imageManifestMediaType}, or the manifest's own) is an index. */
    public static boolean isIndex(String mediaType, String manifest) {
        if (mediaType != null && INDEX_TYPES.contains(mediaType)) {
            return true;
        }
        return mediaType == null && manifest != null && INDEX_TYPES.contains(parse(manifest).path("mediaType").asText(""));
    }

    /** The platform manifests, in the index's order; attestation manifests left out. */
    public static List<Platform> platforms(String manifest) {
        JsonNode manifests = parse(manifest).path("manifests");
        if (!manifests.isArray()) {
            throw new InvalidIndexException("the image index has no 'manifests' list");
        }
        List<Platform> platforms = new ArrayList<>();
        for (JsonNode entry : manifests) {
            if (isAttestation(entry)) {
                continue;
            }
            String digest = entry.path("digest").asText("");
            if (!digest.matches("sha256:[a-f0-9]{64}")) {
                throw new InvalidIndexException("the image index lists a manifest without a sha256 digest ('" + digest + "')");
            }
            if (INDEX_TYPES.contains(entry.path("mediaType").asText(""))) {
                throw new InvalidIndexException("the image index nests another index (" + digest + "); push a flat index");
            }
            platforms.add(new Platform(name(entry.path("platform")), digest));
        }
        if (platforms.isEmpty()) {
            throw new InvalidIndexException("the image index lists no platform image, only attestations");
        }
        return List.copyOf(platforms);
    }

    /**
     * BuildKit's attestation manifests carry the annotation and the platform {@code unknown/unknown}. The annotation alone
     * is not enough: whoever builds the index writes it, and on a real platform it would hide that platform's image.
     */
    private static boolean isAttestation(JsonNode entry) {
        JsonNode platform = entry.path("platform");
        boolean noPlatform = platform.isMissingNode()
                || ("unknown".equals(platform.path("os").asText("unknown")) && "unknown".equals(platform.path("architecture").asText("unknown")));
        return noPlatform && ATTESTATION.equals(entry.path("annotations").path(REFERENCE_TYPE).asText(null));
    }

    /** {@code os/architecture[/variant]}, as docker names platforms; {@code unknown} for what the index leaves out. */
    private static String name(JsonNode platform) {
        String name = platform.path("os").asText("unknown") + "/" + platform.path("architecture").asText("unknown");
        String variant = platform.path("variant").asText("");
        return variant.isEmpty() ? name : name + "/" + variant;
    }

    private static JsonNode parse(String manifest) {
        try {
            JsonNode root = JsonTree.parse(manifest);
            if (root == null || !root.isObject()) {
                throw new InvalidIndexException("the image manifest is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new InvalidIndexException("the image manifest is not valid JSON");
        }
    }
}
