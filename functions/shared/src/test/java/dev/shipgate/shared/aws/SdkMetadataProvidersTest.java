package dev.shipgate.shared.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.GeneratedRegionMetadataProvider;
import software.amazon.awssdk.regions.GeneratedServiceMetadataProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.ServiceMetadata;

import java.io.File;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * shipgate's lazy {@code GeneratedServiceMetadataProvider} and {@code GeneratedRegionMetadataProvider} must map
 * exactly what the SDK's own classes of those names map. The SDK's originals are read from the SDK jars in a
 * separate class loader (in this module's classpath ours shadow them). After an SDK upgrade that changes the
 * mapping this test fails and writes the regenerated sources to target/regenerated-sdk-metadata/.
 */
class SdkMetadataProvidersTest {

    private static final String REGIONS = "software.amazon.awssdk.regions.";

    @Test
    void serviceMetadataIsTheSdksMappingBuiltOnDemand() throws Exception {
        Map<String, String> sdk = sdkMapping("GeneratedServiceMetadataProvider");
        GeneratedServiceMetadataProvider lazy = new GeneratedServiceMetadataProvider();
        Map<String, String> ours = new TreeMap<>();
        sdk.keySet().forEach(prefix -> ours.put(prefix, className(lazy.serviceMetadata(prefix))));
        regenerateWhenDifferent(sdk, ours, "GeneratedServiceMetadataProvider");

        assertThat(differences(sdk, ours)).isEmpty();
        assertThat(ours).hasSizeGreaterThan(300).containsEntry("codepipeline", REGIONS + "servicemetadata.CodepipelineServiceMetadata");
        assertThat(lazy.serviceMetadata("no-such-service")).isNull();
        assertThat(lazy.serviceMetadata(null)).isNull();
        assertThat(lazy.serviceMetadata("sns")).isSameAs(lazy.serviceMetadata("sns"));
        assertThat(ServiceMetadata.of("api.ecr").signingRegion(Region.EU_WEST_1)).isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void regionMetadataIsTheSdksMappingBuiltOnDemand() throws Exception {
        Map<String, String> sdk = sdkMapping("GeneratedRegionMetadataProvider");
        GeneratedRegionMetadataProvider lazy = new GeneratedRegionMetadataProvider();
        Map<String, String> ours = new TreeMap<>();
        sdk.keySet().forEach(id -> ours.put(id, className(lazy.regionMetadata(Region.of(id)))));
        regenerateWhenDifferent(sdk, ours, "GeneratedRegionMetadataProvider");

        assertThat(differences(sdk, ours)).isEmpty();
        assertThat(ours).hasSizeGreaterThan(30).containsEntry("eu-west-1", REGIONS + "regionmetadata.EuWest1");
        assertThat(lazy.regionMetadata(Region.of("xx-nowhere-1"))).isNull();
        assertThat(RegionMetadata.of(Region.US_EAST_1).domain()).isEqualTo("amazonaws.com");
    }

    @Test
    void theLazyProvidersAreTheOnesTheSdkLoads() {
        assertThat(GeneratedServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .as("shipgate's class, not the regions jar's")
                .doesNotEndWith(".jar");
    }

    /** key: what the SDK maps it to, then what ours does. */
    private static Map<String, String> differences(Map<String, String> sdk, Map<String, String> ours) {
        Map<String, String> differences = new TreeMap<>();
        sdk.forEach((key, cls) -> {
            if (!cls.equals(ours.get(key))) {
                differences.put(key, "SDK: " + cls + ", shipgate: " + ours.get(key));
            }
        });
        return differences;
    }

    private static String className(Object metadata) {
        return metadata == null ? null : metadata.getClass().getName();
    }

    /** key (endpoint prefix or region id) to metadata class, read from the SDK's own generated provider. */
    private static Map<String, String> sdkMapping(String provider) throws Exception {
        List<URL> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader sdkOnly = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> original = Class.forName(REGIONS + provider, true, sdkOnly);
            assertThat(original.getProtectionDomain().getCodeSource().getLocation().getPath()).contains("regions-");
            Field map = null;
            for (Field field : original.getDeclaredFields()) {
                if (Map.class.isAssignableFrom(field.getType())) {
                    map = field;
                }
            }
            assertThat(map).as("the SDK's %s still holds a static map", provider).isNotNull();
            map.setAccessible(true);
            Map<String, String> mapping = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) map.get(null)).entrySet()) {
                Object key = e.getKey();
                String id = key instanceof String s ? s : (String) key.getClass().getMethod("id").invoke(key);
                mapping.put(id, e.getValue().getClass().getName());
            }
            return mapping;
        }
    }

    private static void regenerateWhenDifferent(Map<String, String> sdk, Map<String, String> ours, String provider)
            throws Exception {
        if (sdk.equals(ours)) {
            return;
        }
        Path source = Path.of("src/main/java/software/amazon/awssdk/regions/" + provider + ".java");
        String text = Files.readString(source);
        int start = text.indexOf("        return switch (id) {\n") + "        return switch (id) {\n".length();
        int end = text.indexOf("            default -> null;");
        StringBuilder cases = new StringBuilder();
        sdk.forEach((key, cls) -> cases.append("            case \"").append(key).append("\" -> new ").append(cls).append("();\n"));
        Path out = Path.of("target/regenerated-sdk-metadata/" + provider + ".java");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text.substring(0, start) + cases + text.substring(end));
        System.err.println("SDK metadata mapping changed: copy " + out.toAbsolutePath() + " over " + source
                + " (and fix the class count in its comment)");
    }
}
