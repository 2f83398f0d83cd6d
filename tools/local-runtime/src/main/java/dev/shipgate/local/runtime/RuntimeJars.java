package dev.shipgate.local.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the runtime's own jars are: the runtime interface client and what it needs, found by the
 * code source of one class of each, so this works from the launcher, from Maven and from an IDE.
 * These play the part of Lambda's {@code /var/runtime/lib}: they go on the child's class path,
 * while the function's code is loaded from its task root by the client's own class loader.
 */
public final class RuntimeJars {

    private static final List<String> MARKER_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "com.amazonaws.services.lambda.runtime.Context",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",
            "software.amazon.awssdk.annotations.SdkInternalApi");

    private RuntimeJars() {
    }

    public static List<Path> classPath() {
        Set<Path> jars = new LinkedHashSet<>();
        for (String name : MARKER_CLASSES) {
            jars.add(locationOf(name));
        }
        return new ArrayList<>(jars);
    }

    public static Path locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeJars.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("runtime jar for " + className + " is not on the class path", e);
        }
    }

    /** The java binary of JAVA_HOME (Temurin 25 on the build machine; Lambda runs java21), else this JVM's. */
    public static Path javaBinary() {
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            Path candidate = Path.of(javaHome, "bin", "java");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
