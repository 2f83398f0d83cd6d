package dev.shipgate.testing;

import dev.shipgate.shared.init.ClassPreloader;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a function's recorded class list against its classpath, so a refactoring cannot leave it stale. */
public final class PreloadLists {

    private PreloadLists() {
    }

    public static void assertCurrent(Class<?> handler) {
        ClassLoader loader = handler.getClassLoader();
        List<String> names = ClassPreloader.list(loader, ClassPreloader.LIST);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        assertThat(names).as("%s is recorded (tools/shipgate-local preload-list)", ClassPreloader.LIST).hasSizeGreaterThan(500);
        assertThat(missing).as("classes in %s that no longer exist: run tools/shipgate-local preload-list", ClassPreloader.LIST)
                .isEmpty();
    }
}
