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
        List<ClassLoadTimeline.Load> loads = timeline.loads();
        int handler = 0;
        while (handler < loads.size() && !loads.get(handler).className().equals(handlerClass)) {
            handler++;
        }
        return loadable(loads.subList(Math.min(handler + 1, loads.size()), loads.size()), spec, runtimeSources);
    }

    /**
     * The classes of a SnapStart run that loaded after the checkpoint (the first {@code loadsAtCheckpoint} entries of
     * the timeline loaded before it), by the same rules: the after-restore hooks' and the restored runtime's path,
     * which an on-demand cold start never takes.
     */
    static List<String> afterCheckpoint(ClassLoadTimeline timeline, int loadsAtCheckpoint, FunctionSpec spec) {
        List<ClassLoadTimeline.Load> loads = timeline.loads();
        return loadable(loads.subList(Math.min(loadsAtCheckpoint, loads.size()), loads.size()), spec,
                RuntimeJars.classPath().stream().map(jar -> "file:" + jar).toList());
    }

    /** {@code first}, then what {@code then} adds, each class once. */
    static List<String> union(List<String> first, List<String> then) {
        Set<String> names = new LinkedHashSet<>(first);
        names.addAll(then);
        return new ArrayList<>(names);
    }

    private static List<String> loadable(List<ClassLoadTimeline.Load> loads, FunctionSpec spec, List<String> runtimeSources) {
        // The JVM logs a class from the zip as file:<task root>/... (a class file) or file:<task root>/lib/x.jar.
        String fromZip = "file:" + spec.taskRoot();
        Set<String> names = new LinkedHashSet<>();
        for (ClassLoadTimeline.Load load : loads) {
            boolean generated = load.className().contains("/0x");
            boolean fromFunctionOrJdk = load.source().startsWith("jrt:/") || load.source().startsWith(fromZip)
                    || runtimeSources.stream().anyMatch(load.source()::startsWith);
            if (!generated && !load.fromCds() && fromFunctionOrJdk) {
                names.add(load.className());
            }
        }
        return new ArrayList<>(names);
    }

    static String render(List<String> classes) {
        StringBuilder text = new StringBuilder("""
                # Classes this function's cold start loads after its handler class, in order (the runtime interface client's
                # invocation path included), then those a SnapStart copy first loads after its restore (the after-restore hooks'
                # and the restored runtime's); dev.shipgate.shared.init.ClassPreloader loads them before the SnapStart checkpoint.
                # Recorded by tools/shipgate-local preload-list: run it again after changing dependencies or the code path of
                # a first invocation (a stale entry is skipped, it only costs time).
                """);
        classes.forEach(name -> text.append(name).append('\n'));
        return text.toString();
    }
}
