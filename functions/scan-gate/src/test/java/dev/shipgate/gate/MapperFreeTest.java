package dev.shipgate.gate;

import dev.shipgate.testing.Events;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scan-gate reads and writes JSON and YAML with JsonTree on jackson-core's streaming parsers: an ObjectMapper and its
 * (de)serializer machinery would add about 450 classes to every cold start. ArchitectureTest keeps the code from
 * naming a mapper; this test checks that none is loaded on the hot path either.
 */
class MapperFreeTest {

    @Test
    void hotPath_withPolicyFileAndClairReport_loadsNoMapperClass() throws Exception {
        try (RecordingClassLoader loader = new RecordingClassLoader()) {
            Method prime = Class.forName(GatePriming.class.getName(), true, loader).getDeclaredMethod("prime", boolean.class);
            prime.setAccessible(true);
            prime.invoke(null, true);
            Class.forName("dev.shipgate.gate.finding.ClairReport", true, loader).getMethod("parse", byte[].class)
                    .invoke(null, (Object) Events.bytes("scan-gate", "clair-report.json"));

            assertThat(loader.loaded).contains("dev.shipgate.shared.json.JsonTree", "com.fasterxml.jackson.dataformat.yaml.YAMLParser");
            assertThat(loader.loaded).filteredOn(name -> name.startsWith("com.fasterxml.jackson.") && name.endsWith("Mapper")
                            || name.startsWith("com.fasterxml.jackson.databind.ser.")
                            || name.startsWith("com.fasterxml.jackson.databind.deser."))
                    .isEmpty();
        }
    }

    /** Loads the test class path itself, not through the application class loader, and records every class asked for. */
    private static final class RecordingClassLoader extends URLClassLoader {

        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingClassLoader() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loaded.add(name);
            return super.loadClass(name, resolve);
        }

        private static URL[] classPath() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }
}
