package dev.shipgate.local.bench;

import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.RuntimeJars;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The class list a function's {@code ClassPreloader} walks, taken from a recorded cold start. */
final class PreloadList {

    static final String FILE = "shipgate-preload-classes.txt";

    private PreloadList() {
    }

    /**
     * Classes loaded after the handler class, in load order: from the function's own zip (task root and lib/),
     * from the JDK's modules or from the runtime's own jars (the runtime interface client's invocation path, which a
     * SnapStart version first runs after the restore), but not those the JDK's CDS archive already holds, nor hidden
     * classes (lambdas spun at run time, {@code Foo$$Lambda/0x…}), which cannot be loaded by name. The lambda
     * classes the build generates ({@code Foo$$Lambda$3}, tools/function-zip) are ordinary classes and are kept.
     */
    static List<String> fromTimeline(ClassLoadTimeline timeline, FunctionSpec spec) {
        return fromTimeline(timeline, spec, RuntimeJars.classPath().stream().map(jar -> "file:" + jar).toList());
    }

    static List<String> fromTimeline(ClassLoadTimeline timeline, FunctionSpec spec, List<String> runtimeSources) {
        String handlerClass = spec.handler().split("::")[0];
        // The JVM logs a class from the zip as file:<task root>/... (a class file) or file:<task root>/lib/x.jar.
        String fromZip = "file:" + spec.taskRoot();
        Set<String> names = new LinkedHashSet<>();
        boolean afterHandler = false;
        for (ClassLoadTimeline.Load load : timeline.loads()) {
            if (load.className().equals(handlerClass)) {
                afterHandler = true;
                continue;
            }
            boolean generated = load.className().contains("/0x");
            boolean fromFunctionOrJdk = load.source().startsWith("jrt:/") || load.source().startsWith(fromZip)
                    || runtimeSources.stream().anyMatch(load.source()::startsWith);
            if (afterHandler && !generated && !load.fromCds() && fromFunctionOrJdk) {
                names.add(load.className());
            }
        }
        return new ArrayList<>(names);
    }

    static String render(List<String> classes) {
        StringBuilder text = new StringBuilder("""
                # Classes this function's cold start loads after its handler class, in order (the runtime interface client's
                # invocation path included); dev.shipgate.shared.init.ClassPreloader loads them before the SnapStart checkpoint.
                # Recorded by tools/shipgate-local preload-list: run it again after changing dependencies or the code path of
                # a first invocation (a stale entry is skipped, it only costs time).
                """);
        classes.forEach(name -> text.append(name).append('\n'));
        return text.toString();
    }
}
