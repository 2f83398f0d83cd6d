package dev.shipgate.testing;

import dev.shipgate.shared.init.ClassPreloader;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a function's recorded class list against its classpath, so a refactoring cannot leave it stale. */
public final class PreloadLists {

    private static final Pattern BUILD_GENERATED_LAMBDA = Pattern.compile("(.+)\\$\\$Lambda\\$\\d+");
    /** Lambda's runtime brings these (the runtime interface client and what it needs); a function's classpath does not. */
    private static final List<String> RUNTIME_PACKAGES = List.of("com.amazonaws.services.lambda.runtime.api.client.",
            "com.amazonaws.services.lambda.crac.", "software.amazon.awssdk.utilslite.");

    private PreloadLists() {
    }

    public static void assertCurrent(Class<?> handler) {
        ClassLoader loader = handler.getClassLoader();
        List<String> names = ClassPreloader.list(loader, ClassPreloader.LIST);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (RUNTIME_PACKAGES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            // Lambda classes are generated when the zip is packaged (tools/function-zip): their host must exist.
            Matcher generated = BUILD_GENERATED_LAMBDA.matcher(name);
            String mustExist = generated.matches() ? generated.group(1) : name;
            try {
                Class.forName(mustExist, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        assertThat(names).as("%s is recorded (tools/shipgate-local preload-list)", ClassPreloader.LIST).hasSizeGreaterThan(500);
        assertThat(missing).as("classes in %s that no longer exist: run tools/shipgate-local preload-list", ClassPreloader.LIST)
                .isEmpty();
    }
}
