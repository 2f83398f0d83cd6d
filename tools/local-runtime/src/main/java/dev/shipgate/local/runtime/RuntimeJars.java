package dev.shipgate.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** The runtime client's own switch: load its JNI library from this path instead of copying it to /tmp first. */
    static final String NATIVE_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static Path nativeLibrary;

    private RuntimeJars() {
    }

    /**
     * The runtime client's JNI library, extracted once per harness. Unless told where it is, the client copies it on
     * every start to the fixed path /tmp/.libaws-lambda-jni.so and loads it from there: fine on Lambda, where every
     * environment has a /tmp of its own, but instances started together here overwrote the file while another was
     * mapping it, and that one died of SIGBUS before its init. Every instance loads this copy instead.
     */
    public static synchronized Path nativeLibrary() {
        if (nativeLibrary == null) {
            String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
            String resource = "/jni/libaws-lambda-jni.linux-" + arch + ".so";
            try (InputStream library = Class.forName(MARKER_CLASSES.getFirst(), false, RuntimeJars.class.getClassLoader())
                    .getResourceAsStream(resource)) {
                if (library == null) {
                    throw new IllegalStateException("the runtime interface client jar has no " + resource);
                }
                Path extracted = Files.createTempFile("shipgate-local-aws-lambda-jni-", ".so");
                extracted.toFile().deleteOnExit();
                Files.copy(library, extracted, StandardCopyOption.REPLACE_EXISTING);
                nativeLibrary = extracted;
            } catch (IOException e) {
                throw new UncheckedIOException("could not extract the runtime interface client's JNI library", e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the runtime interface client is not on the class path", e);
            }
        }
        return nativeLibrary;
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
