package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lambda classes the build writes into each function zip (tools/function-zip) pass the JVM's own checks:
 * each one loads, verifies and initializes from the zip (its jars and the function's own classes at its root), and its host lists it as a nestmate (without
 * which its calls to the host's private lambda methods would fail at run time).
 */
class GeneratedLambdaClassesTest {

    private static final Pattern GENERATED = Pattern.compile("(.+)\\$\\$Lambda\\$\\d+\\.class");

    @TempDir
    Path lib;

    @ParameterizedTest
    @ValueSource(strings = {"github-webhook", "scan-gate", "slack-notifier"})
    void everyGeneratedLambdaClassVerifiesAndIsItsHostsNestmate(String function) throws Exception {
        Path zip = Templates.root().resolve("functions/" + function + "/target/function.zip");
        List<URL> jars = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        List<String> ownGenerated = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    Path jar = lib.resolve(entry.getName().substring(4));
                    Files.copy(in, jar);
                    jars.add(jar.toUri().toURL());
                    generated.addAll(generatedIn(jar));
                } else if (entry.getName().endsWith(".class")) {
                    // the function's own classes, at the zip's root
                    Path file = lib.resolve("classes").resolve(entry.getName());
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file);
                    if (GENERATED.matcher(entry.getName()).matches()) {
                        ownGenerated.add(className(entry.getName()));
                    }
                }
            }
        }
        jars.addFirst(lib.resolve("classes").toUri().toURL());
        generated.addAll(ownGenerated);
        List<String> failures = new ArrayList<>();
        int unloadableHosts = 0;
        try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            for (String name : generated) {
                Matcher matcher = GENERATED.matcher(name.replace('.', '/') + ".class");
                String host = matcher.matches() ? matcher.group(1).replace('/', '.') : name;
                try {
                    Class.forName(host, false, loader);
                } catch (NoClassDefFoundError hostNeedsAnAbsentLibrary) {
                    // e.g. the SDK's CRT adapters: aws-crt is not in the zip, so neither they nor their lambdas run.
                    unloadableHosts++;
                    continue;
                }
                try {
                    Class<?> lambda = Class.forName(name, true, loader);
                    if (!lambda.getNestHost().getName().equals(host)) {
                        failures.add(name + ": not a nestmate of its host");
                    }
                } catch (ReflectiveOperationException | LinkageError e) {
                    failures.add(name + ": " + e);
                }
            }
        }
        assertThat(generated).as("generated lambda classes in %s", zip).hasSizeGreaterThan(10_000);
        assertThat(ownGenerated).as("generated lambda classes of the function's own code in %s", zip).hasSizeGreaterThan(10);
        assertThat(failures).isEmpty();
        assertThat(unloadableHosts).as("generated classes whose host cannot load").isLessThan(generated.size() / 100);
    }

    private static String className(String entryName) {
        return entryName.replace('/', '.').substring(0, entryName.length() - ".class".length());
    }

    private static List<String> generatedIn(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream file = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (GENERATED.matcher(entry.getName()).matches()) {
                    names.add(className(entry.getName()));
                }
            }
        }
        return names;
    }
}
