package dev.shipgate.local.runtime;

import dev.shipgate.local.PrimingProbeHandler;
import dev.shipgate.local.TrivialHandler;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Functions that live in this module rather than in template.yaml: the bench baseline and the SnapStart probe. */
public final class BuiltinFunctions {

    public static final String TRIVIAL = "trivial";
    public static final String PRIMING_PROBE = "priming-probe";

    private BuiltinFunctions() {
    }

    public static boolean isBuiltin(String name) {
        return TRIVIAL.equals(name) || PRIMING_PROBE.equals(name);
    }

    public static FunctionSpec spec(String name, Path workDir, int memoryMb) {
        return switch (name) {
            case TRIVIAL -> new FunctionSpec("shipgate-local-Trivial", TrivialHandler.class.getName() + "::handleRequest",
                    TaskRoots.ofClasses(workDir, TRIVIAL, List.of(TrivialHandler.class), List.of()),
                    memoryMb, 30, Map.of());
            case PRIMING_PROBE -> new FunctionSpec("shipgate-local-PrimingProbe",
                    PrimingProbeHandler.class.getName() + "::handleRequest",
                    TaskRoots.ofClasses(workDir, PRIMING_PROBE, List.of(PrimingProbeHandler.class),
                            List.of(RuntimeJars.locationOf("org.crac.Core"))),
                    memoryMb, 30, Map.of());
            default -> throw new IllegalArgumentException("no built-in function " + name);
        };
    }
}
