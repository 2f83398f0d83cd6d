package dev.shipgate.shared.init;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, without initializing, the classes a function's first invocation is known to need, before the SnapStart
 * checkpoint, so that the snapshot holds them and the first request after a restore does not read, parse and define
 * thousands of AWS SDK classes. Each function's priming calls {@link #loadAll} first.
 * <p>
 * The list ({@value #LIST} at the function's classpath root, one class name per line) is recorded from a real
 * cold start by {@code tools/shipgate-local preload-list}. A class that is no longer there is skipped, so a
 * stale list costs time, never correctness; a list that loads nothing fails the priming. Loading runs no static
 * initializer.
 */
public final class ClassPreloader {

    public static final String LIST = "shipgate-preload-classes.txt";

    private ClassPreloader() {
    }

    /** Loads every listed class on the calling thread; returns how many loaded (0 without a list). */
    public static int loadAll(Class<?> anchor) {
        return loadAll(anchor.getClassLoader(), LIST);
    }

    static int loadAll(ClassLoader loader, String listResource) {
        int loaded = 0;
        for (String name : list(loader, listResource)) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError stale) {
                // not on this classpath (any more): skip it
            }
        }
        return loaded;
    }

    /** The listed class names; empty when there is no list. */
    public static List<String> list(ClassLoader loader, String listResource) {
        List<String> names = new ArrayList<>(4096);
        try (InputStream in = loader.getResourceAsStream(listResource)) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
