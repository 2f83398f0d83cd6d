package dev.shipgate.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.demo.Images;
import dev.shipgate.local.demo.ShipgateWorld;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.BuiltinFunctions;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.local.runtime.RuntimeJars;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code tools/shipgate-local bench}: the production path first (each function restored as a SnapStart version:
 * the first invocation after the restore against the same instance's warm p50; full init pinned to one core
 * against the trivial handler), then cold and warm start on two cores against the trivial handler in the same
 * run (measured alternately), artifact sizes, the scan-gate evaluation benchmark, and a class-load timeline of
 * each cold start. Writes {@code tools/local-runtime/target/bench/results.md} and {@code results.json};
 * {@code --docs} also renders {@code docs/performance.md} from that {@code results.json} (and keeps the JSON
 * beside it), {@code bench render FILE} renders it from a stored {@code results.json}.
 */
public final class Bench {

    /** Two-core cold-start ratio: reported beside the one-core figure, no longer the production path's guard. */
    static final double TARGET_RATIO = 7.0;
    static final double TARGET_RESTORE_PENALTY = 1.5;
    static final double TARGET_ONE_CPU_RATIO = 9.0;
    static final int MIN_RESTORES = 5;
    /** Warm invocations after each restore, for that instance's own warm p50. */
    static final int WARM_PER_RESTORE = 20;
    static final List<String> ONE_CPU = List.of("taskset", "-c", "0");
    static final String DOCS = "docs/performance.md";
    static final String DOCS_RESULTS = "docs/performance-results.json";
    static final double TARGET_ARTIFACT_MB = 15.0;
    static final double TARGET_10K_MS = 50.0;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The trivial handler run with the functions' Lambda settings (a second, informative baseline). */
    static final String TRIVIAL_WITH_SETTINGS = "trivial with functions' settings";

    /** The two trivial-handler baselines: measured alongside the functions, never judged against the target. */
    static boolean isBaseline(String name) {
        return name.equals(BuiltinFunctions.TRIVIAL) || name.equals(TRIVIAL_WITH_SETTINGS);
    }

    private final Path root;
    private final PrintStream out;
    private final int coldRuns;
    private final int warmRuns;
    private final List<String> only;
    private final boolean keepClassLoadLogs;

    /** One function under measurement: how to run it and how to make a fresh, valid event. */
    record Workload(String name, FunctionSpec spec, Supplier<byte[]> events) {
    }

    /** What was measured for one function. */
    record Measured(String name, List<Double> coldTotalMs, List<Double> initMs, List<Double> firstInvokeMs,
                    List<Double> warmMs, List<Long> maxMemoryMb, List<String> errors, List<Double> roundRatios,
                    List<Double> firstAfterRestoreMs, List<Double> restoredWarmP50Ms, List<Double> restorePenalties,
                    List<Double> oneCpuColdMs, List<Double> oneCpuRoundRatios) {
        Measured(String name) {
            this(name, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>());
        }
    }

    private List<String> args = List.of();

    Bench(Path root, PrintStream out, int coldRuns, int warmRuns, List<String> only, boolean keepClassLoadLogs) {
        this.root = root;
        this.out = out;
        this.coldRuns = coldRuns;
        this.warmRuns = warmRuns;
        this.only = only;
        this.keepClassLoadLogs = keepClassLoadLogs;
    }

    public static int run(Path root, List<String> args, PrintStream out) {
        if (!args.isEmpty() && args.getFirst().equals("render")) {
            Path json = args.size() > 1 ? Path.of(args.get(1)) : root.resolve("tools/local-runtime/target/bench/results.json");
            try {
                writeDocs(root, MAPPER.readTree(json.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println("written: " + root.resolve(DOCS) + " from " + json);
            return 0;
        }
        int cold = intArg(args, "--cold", 7);
        int warm = intArg(args, "--warm", 200);
        List<String> only = args.contains("--only") ? List.of(args.get(args.indexOf("--only") + 1).split(",")) : List.of();
        Bench bench = new Bench(root, out, cold, warm, only, args.contains("--keep-classload-logs"));
        bench.args = List.copyOf(args);
        ObjectNode results = bench.measure();
        Path dir = root.resolve("tools/local-runtime/target/bench");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.json"), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
            String markdown = Report.markdown(results);
            Files.writeString(dir.resolve("results.md"), markdown);
            out.println();
            out.println(markdown);
            out.println("written: " + dir.resolve("results.md") + " and results.json");
            if (args.contains("--docs")) {
                writeDocs(root, results);
                out.println("written: " + root.resolve(DOCS) + " and " + root.resolve(DOCS_RESULTS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results.path("allTargetsMet").asBoolean() ? 0 : 1;
    }

    /** {@code docs/performance.md}, generated: the page's fixed text and the tables of one {@code results.json}. */
    static void writeDocs(Path root, com.fasterxml.jackson.databind.JsonNode results) throws IOException {
        Files.writeString(root.resolve(DOCS_RESULTS), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        Files.writeString(root.resolve(DOCS), Report.page(results));
    }

    ObjectNode measure() {
        ObjectNode results = MAPPER.createObjectNode();
        results.put("date", java.time.Instant.now().toString());
        results.put("command", "tools/shipgate-local bench " + String.join(" ", args));
        results.put("machine", Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", function JVM: " + javaVersion());
        results.put("loadAverageAtStart", loadAverage());
        results.put("coldRuns", coldRuns);
        results.put("warmRuns", warmRuns);
        results.put("restoreMethod", "Production path: each round restores every function once as a SnapStart version does "
                + "(AWS_LAMBDA_INITIALIZATION_TYPE=snap-start, no static keys, credentials from the container endpoint stand-in: "
                + "init and beforeCheckpoint, restore/next held until the harness restores, afterRestore, invocations). Restore "
                + "penalty = (Restore Duration, i.e. afterRestore, + the first invocation's Duration) / the p50 of the next "
                + WARM_PER_RESTORE + " invocations of the same instance; median over the rounds. Full init on one CPU: the "
                + "function and the trivial handler on demand, each JVM pinned with taskset -c 0, alternately; ratio of the "
                + "medians of init + first invocation.");
        results.put("method", "Each cold start is a fresh JVM running the real runtime interface client with Lambda java21 flags; "
                + "cold = Init Duration (spawn to first invocation/next) + first invocation Duration. Functions and the trivial "
                + "handler are measured alternately, round by round, in the same run; medians reported. Ratio = median cold of "
                + "the function / median cold of the trivial handler; also given: the median of per-round ratios (each "
                + "function against the baseline started just before it). Warm = "
                + "invocations on one instance per function, interleaved across functions, after one cold invocation.");
        Path workDir = Workspace.workDir(root);
        try (ShipgateWorld world = new ShipgateWorld(root, Workspace.params(root), workDir, false, line -> { })) {
            List<Workload> workloads = workloads(world, workDir);
            Map<String, Measured> measured = new LinkedHashMap<>();
            for (Workload w : workloads) {
                measured.put(w.name(), new Measured(w.name()));
            }
            cold(workloads, measured);
            warm(workloads, measured);
            ArrayNode functions = results.putArray("functions");
            Measured trivial = measured.get(BuiltinFunctions.TRIVIAL);
            Measured trivialWithSettings = measured.get(TRIVIAL_WITH_SETTINGS);
            for (Measured m : measured.values()) {
                ObjectNode node = summary(m, trivial);
                if (trivialWithSettings != null && !trivialWithSettings.coldTotalMs().isEmpty()) {
                    node.put("coldRatioToTrivialWithSettings",
                            round(Stats.median(m.coldTotalMs()) / Stats.median(trivialWithSettings.coldTotalMs())));
                }
                functions.add(node);
            }
            world.missing().forEach((name, why) -> functions.addObject().put("name", name).put("notBuilt", why));
            results.set("breakdown", breakdown(workloads, workDir));
            results.put("loadAverageAtEnd", loadAverage());
            results.set("artifacts", artifacts(world));
            results.set("evaluation", evaluation(world));
        }
        results.put("allTargetsMet", Report.allTargetsMet(results));
        return results;
    }

    private List<Workload> workloads(ShipgateWorld world, Path workDir) {
        List<Workload> workloads = new ArrayList<>();
        workloads.add(new Workload(BuiltinFunctions.TRIVIAL, BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, workDir, 512),
                () -> "{\"bench\":true}".getBytes(StandardCharsets.UTF_8)));
        if (world.function(ShipgateWorld.WEBHOOK) != null) {
            // The same trivial handler with the runtime settings template.yaml gives every function (JSON log format,
            // JAVA_TOOL_OPTIONS): what Lambda itself costs such a function before its own code runs.
            FunctionSpec bare = BuiltinFunctions.spec(BuiltinFunctions.TRIVIAL, workDir, 512);
            Map<String, String> settings = new LinkedHashMap<>();
            world.function(ShipgateWorld.WEBHOOK).spec().environment().forEach((name, value) -> {
                if (name.startsWith("AWS_LAMBDA_LOG_") || name.equals("JAVA_TOOL_OPTIONS")) {
                    settings.put(name, value);
                }
            });
            workloads.add(new Workload(TRIVIAL_WITH_SETTINGS, new FunctionSpec(bare.name(), bare.handler(), bare.taskRoot(),
                    bare.memoryMb(), bare.timeoutSeconds(), settings), () -> "{\"bench\":true}".getBytes(StandardCharsets.UTF_8)));
        }
        if (world.function(ShipgateWorld.WEBHOOK) != null) {
            // every delivery new and signed: secret read, dedupe write, pipeline start
            workloads.add(new Workload(ShipgateWorld.WEBHOOK, world.function(ShipgateWorld.WEBHOOK).spec(), () -> {
                String sha = UUID.randomUUID().toString().replace("-", "") + "01234567";
                return world.webhookEvent(UUID.randomUUID().toString(), world.pushBody(root, sha, "bench"), LocalAws.WEBHOOK_SECRET);
            }));
        }
        if (world.function(ShipgateWorld.GATE) != null) {
            // every job new, on an image with blocking findings: artifact read, scan read, verdict publish, job failure
            String execution = UUID.randomUUID().toString();
            String digest = world.pushScannedImage("bench", List.of(
                    new Images.Vulnerability("CVE-2023-0286", "CRITICAL", "openssl", "3.0.2-0ubuntu1.7", "7.4"),
                    new Images.Vulnerability("CVE-2023-4911", "MEDIUM", "glibc", "2.35-0ubuntu3.1", "7.8")));
            String source = world.uploadSourceArtifact(execution, Map.of("Dockerfile", "FROM scratch\n"));
            workloads.add(new Workload(ShipgateWorld.GATE, world.function(ShipgateWorld.GATE).spec(),
                    () -> world.gateJob(UUID.randomUUID().toString(), execution, source, digest, "0".repeat(40))));
        }
        if (world.function(ShipgateWorld.NOTIFIER) != null) {
            // a pipeline failure: execution lookup, state write, Slack post
            String execution = UUID.randomUUID().toString();
            String commit = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
            world.registerExecution(execution, "Failed", commit, "bench");
            workloads.add(new Workload(ShipgateWorld.NOTIFIER, world.function(ShipgateWorld.NOTIFIER).spec(),
                    () -> world.pipelineEvent(root, "pipeline-failed.json", execution, commit, "bench")));
        }
        if (!only.isEmpty()) {
            workloads.removeIf(w -> !isBaseline(w.name()) && !only.contains(w.name()));
        }
        return workloads;
    }

    private void cold(List<Workload> workloads, Map<String, Measured> measured) {
        for (int round = 1; round <= coldRuns; round++) {
            out.printf(Locale.ROOT, "cold round %d/%d:", round, coldRuns);
            double trivialThisRound = Double.NaN;
            for (Workload w : workloads) {
                Measured m = measured.get(w.name());
                try (LocalFunction function = new LocalFunction(w.spec(), line -> { })) {
                    InvokeResult result = function.invoke(w.events().get());
                    double init = result.initDurationMs().orElse(Double.NaN);
                    if (result.error()) {
                        // a failed cold start is reported, never averaged in
                        m.errors().add("cold: " + result.payload());
                        out.printf(Locale.ROOT, " %s ERROR", w.name());
                    } else {
                        m.initMs().add(init);
                        m.firstInvokeMs().add(result.durationMs());
                        m.coldTotalMs().add(init + result.durationMs());
                        m.maxMemoryMb().add(result.maxMemoryUsedMb());
                        if (w.name().equals(BuiltinFunctions.TRIVIAL)) {
                            trivialThisRound = init + result.durationMs();
                        } else if (!Double.isNaN(trivialThisRound)) {
                            // paired with the baseline started just before it, so load drift cancels out
                            m.roundRatios().add((init + result.durationMs()) / trivialThisRound);
                        }
                        out.printf(Locale.ROOT, " %s %.0f ms", w.name(), init + result.durationMs());
                    }
                } catch (LocalFunction.InitFailure e) {
                    m.errors().add("init: " + e.getMessage());
                }
                oneCpu(w, m);
                restore(w, m);
            }
            out.println();
        }
    }

    private double trivialOneCpuThisRound = Double.NaN;

    /** Full init on one core: the same on-demand cold start with the JVM pinned to CPU 0. */
    private void oneCpu(Workload w, Measured m) {
        try (LocalFunction function = new LocalFunction(w.spec(), false, ONE_CPU, List.of(), line -> { })) {
            InvokeResult result = function.invoke(w.events().get());
            if (result.error()) {
                m.errors().add("one CPU: " + result.payload());
                return;
            }
            double cold = result.initDurationMs().orElse(Double.NaN) + result.durationMs();
            m.oneCpuColdMs().add(cold);
            if (w.name().equals(BuiltinFunctions.TRIVIAL)) {
                trivialOneCpuThisRound = cold;
            } else if (!Double.isNaN(trivialOneCpuThisRound)) {
                m.oneCpuRoundRatios().add(cold / trivialOneCpuThisRound);
            }
            out.printf(Locale.ROOT, " (1 CPU %.0f ms)", cold);
        } catch (LocalFunction.InitFailure e) {
            m.errors().add("one CPU init: " + e.getMessage());
        }
    }

    /** One restore: the first invocation after it (afterRestore included) against the same instance's warm p50. */
    private void restore(Workload w, Measured m) {
        try (LocalFunction function = new LocalFunction(w.spec(), true, List.of(), line -> { })) {
            InvokeResult first = function.invoke(w.events().get());
            if (first.error()) {
                m.errors().add("after restore: " + first.payload());
                return;
            }
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < WARM_PER_RESTORE; i++) {
                InvokeResult result = function.invoke(w.events().get());
                if (result.error()) {
                    m.errors().add("warm after restore: " + result.payload());
                    return;
                }
                warm.add(result.durationMs());
            }
            double firstMs = first.restoreDurationMs().orElse(Double.NaN) + first.durationMs();
            double p50 = Stats.percentile(warm, 50);
            m.firstAfterRestoreMs().add(firstMs);
            m.restoredWarmP50Ms().add(p50);
            m.restorePenalties().add(firstMs / p50);
            out.printf(Locale.ROOT, " (restore %.0f/%.1f ms)", firstMs, p50);
        } catch (LocalFunction.InitFailure e) {
            m.errors().add("snap-start: " + e.getMessage());
        }
    }

    private void warm(List<Workload> workloads, Map<String, Measured> measured) {
        List<LocalFunction> instances = new ArrayList<>();
        try {
            for (Workload w : workloads) {
                LocalFunction function = new LocalFunction(w.spec(), line -> { });
                instances.add(function);
                function.invoke(w.events().get());
            }
            for (int i = 0; i < warmRuns; i++) {
                for (int f = 0; f < workloads.size(); f++) {
                    Workload w = workloads.get(f);
                    InvokeResult result = instances.get(f).invoke(w.events().get());
                    Measured m = measured.get(w.name());
                    if (result.error()) {
                        m.errors().add("warm: " + result.payload());
                    } else {
                        m.warmMs().add(result.durationMs());
                    }
                }
            }
            out.println("warm: " + warmRuns + " invocations per function done");
        } finally {
            instances.forEach(LocalFunction::close);
        }
    }

    private ObjectNode summary(Measured m, Measured trivial) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", m.name());
        double cold = Stats.median(m.coldTotalMs());
        double warmP50 = Stats.percentile(m.warmMs(), 50);
        double warmP99 = Stats.percentile(m.warmMs(), 99);
        node.put("coldMedianMs", round(cold));
        node.put("initMedianMs", round(Stats.median(m.initMs())));
        node.put("firstInvokeMedianMs", round(Stats.median(m.firstInvokeMs())));
        node.put("restores", m.restorePenalties().size());
        node.put("restorePenaltyMedian", round(Stats.median(m.restorePenalties())));
        node.put("firstAfterRestoreMedianMs", round(Stats.median(m.firstAfterRestoreMs())));
        node.put("restoredWarmP50MedianMs", round(Stats.median(m.restoredWarmP50Ms())));
        ArrayNode penalties = node.putArray("restorePenalties");
        m.restorePenalties().forEach(v -> penalties.add(round(v)));
        node.put("oneCpuColdMedianMs", round(Stats.median(m.oneCpuColdMs())));
        node.put("oneCpuRatio", round(Stats.median(m.oneCpuColdMs()) / Stats.median(trivial.oneCpuColdMs())));
        node.put("oneCpuRatioPerRoundMedian", m.name().equals(BuiltinFunctions.TRIVIAL) ? 1.0 : round(Stats.median(m.oneCpuRoundRatios())));
        node.put("coldMinMs", round(m.coldTotalMs().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
        node.put("coldMaxMs", round(m.coldTotalMs().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        node.put("warmP50Ms", round(warmP50));
        node.put("warmP99Ms", round(warmP99));
        node.put("maxMemoryUsedMb", m.maxMemoryMb().stream().mapToLong(Long::longValue).max().orElse(-1));
        node.put("coldRatio", round(cold / Stats.median(trivial.coldTotalMs())));
        node.put("coldRatioPerRoundMedian", m.name().equals(BuiltinFunctions.TRIVIAL) ? 1.0 : round(Stats.median(m.roundRatios())));
        node.put("warmP50Ratio", round(warmP50 / Stats.percentile(trivial.warmMs(), 50)));
        node.put("warmP99Ratio", round(warmP99 / Stats.percentile(trivial.warmMs(), 99)));
        ArrayNode samples = node.putArray("coldSamplesMs");
        m.coldTotalMs().forEach(v -> samples.add(round(v)));
        ArrayNode errors = node.putArray("errors");
        m.errors().stream().distinct().limit(5).forEach(errors::add);
        node.put("errorCount", m.errors().size());
        return node;
    }

    /** One extra cold start per function with class-load logging, split into phases by marker classes. */
    private ArrayNode breakdown(List<Workload> workloads, Path workDir) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Workload w : workloads) {
            Path log = workDir.resolve("classload-" + w.name() + "-" + ProcessHandle.current().pid() + ".log");
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            InvokeResult result;
            try (LocalFunction function = new LocalFunction(w.spec(), false,
                    List.of("-Xlog:class+load=info:file=" + log + ":uptimenanos,tid"), line -> { })) {
                result = function.invoke(w.events().get());
            }
            list.add(Breakdown.of(w.name(), w.spec().handler(), result, ClassLoadTimeline.read(log)));
            try {
                if (keepClassLoadLogs) {
                    Path kept = root.resolve("tools/local-runtime/target/bench/classload-" + w.name() + ".log");
                    Files.createDirectories(kept.getParent());
                    Files.move(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return list;
    }

    /**
     * {@code tools/shipgate-local preload-list}: per function, one on-demand cold start and one SnapStart restore with
     * its first invocation, each with class-load logging. The classes the cold start loads after the handler class,
     * then those the restored copy loads after the checkpoint (neither from the JDK's CDS archive nor hidden lambda
     * classes), are written to the function's {@code src/main/resources/shipgate-preload-classes.txt}.
     */
    public static int recordPreloadLists(Path root, PrintStream out) {
        Path workDir = Workspace.workDir(root);
        try (ShipgateWorld world = new ShipgateWorld(root, Workspace.params(root), workDir, false, line -> { })) {
            Bench bench = new Bench(root, out, 0, 0, List.of(), false);
            for (Workload w : bench.workloads(world, workDir)) {
                if (isBaseline(w.name())) {
                    continue;
                }
                Path log = workDir.resolve("preload-" + w.name() + "-" + ProcessHandle.current().pid() + ".log");
                Path restoreLog = workDir.resolve("preload-" + w.name() + "-" + ProcessHandle.current().pid() + "-restore.log");
                List<String> logFlag = List.of("-Xlog:class+load=info:file=" + log + ":uptimenanos");
                try (LocalFunction function = new LocalFunction(w.spec(), false, logFlag, line -> { })) {
                    requireSuccess(w, function.invoke(w.events().get()));
                }
                int loadsAtCheckpoint;
                try (LocalFunction function = new LocalFunction(w.spec(), true,
                        List.of("-Xlog:class+load=info:file=" + restoreLog + ":uptimenanos"), line -> { })) {
                    function.checkpoint();
                    loadsAtCheckpoint = ClassLoadTimeline.read(restoreLog).loads().size();
                    requireSuccess(w, function.invoke(w.events().get()));
                }
                List<String> classes = PreloadList.union(PreloadList.fromTimeline(ClassLoadTimeline.read(log), w.spec()),
                        PreloadList.afterCheckpoint(ClassLoadTimeline.read(restoreLog), loadsAtCheckpoint, w.spec()));
                Path list = root.resolve("functions/" + w.name() + "/src/main/resources/" + PreloadList.FILE);
                try {
                    Files.deleteIfExists(log);
                    Files.deleteIfExists(restoreLog);
                    Files.createDirectories(list.getParent());
                    Files.writeString(list, PreloadList.render(classes));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.printf(Locale.ROOT, "%s: %d classes -> %s%n", w.name(), classes.size(), root.relativize(list));
            }
        }
        return 0;
    }

    private static void requireSuccess(Workload w, InvokeResult result) {
        if (result.error()) {
            throw new IllegalStateException(w.name() + " failed while recording its class list: " + result.payload());
        }
    }

    private ArrayNode artifacts(ShipgateWorld world) {
        ArrayNode list = MAPPER.createArrayNode();
        for (String module : List.of(ShipgateWorld.WEBHOOK, ShipgateWorld.GATE, ShipgateWorld.NOTIFIER)) {
            Path zip = root.resolve("functions/" + module + "/target/function.zip");
            ObjectNode node = list.addObject().put("name", module);
            try {
                long bytes = Files.size(zip);
                node.put("bytes", bytes).put("mb", round(bytes / 1024.0 / 1024.0));
                if (world.function(module) == null) {
                    node.put("notBuilt", world.missing().get(module));
                    continue;
                }
                try (Stream<Path> libs = Files.list(world.function(module).spec().taskRoot().resolve("lib"))) {
                    List<Path> jars = libs.sorted().toList();
                    node.put("jars", jars.size());
                    ArrayNode biggest = node.putArray("largestJars");
                    jars.stream().sorted((a, b) -> Long.compare(size(b), size(a))).limit(5)
                            .forEach(j -> biggest.add(j.getFileName() + " " + round(size(j) / 1024.0 / 1024.0) + " MB"));
                }
            } catch (IOException e) {
                node.put("notBuilt", zip + " missing");
            }
        }
        return list;
    }

    /** Runs the scan-gate's own EvaluationBenchmark (its test classes) and collects its JSON lines. */
    private ObjectNode evaluation(ShipgateWorld world) {
        ObjectNode node = MAPPER.createObjectNode();
        if (world.function(ShipgateWorld.GATE) == null) {
            node.put("notBuilt", "scan-gate: " + world.missing().get(ShipgateWorld.GATE));
            return node;
        }
        // the function's classes as deployed (the unpacked zip), not target/classes, which a concurrent build may be rewriting
        Path classes = world.function(ShipgateWorld.GATE).spec().taskRoot();
        Path testClasses = root.resolve("functions/scan-gate/target/test-classes");
        if (!Files.isRegularFile(testClasses.resolve("dev/shipgate/gate/EvaluationBenchmark.class"))) {
            node.put("notBuilt", "dev.shipgate.gate.EvaluationBenchmark is not in functions/scan-gate/target/test-classes");
            return node;
        }
        List<String> classPath = new ArrayList<>(List.of(classes.toString(), testClasses.toString()));
        try (Stream<Path> libs = Files.list(classes.resolve("lib"))) {
            libs.sorted().forEach(j -> classPath.add(j.toString()));
        } catch (IOException e) {
            node.put("notBuilt", "scan-gate task root not unpacked: " + e.getMessage());
            return node;
        }
        classPath.add(RuntimeJars.locationOf("com.amazonaws.services.lambda.runtime.Context").toString());
        // Same JIT limit as Lambda's java21 runtime, so 'warm' means what it means there.
        List<String> command = List.of(RuntimeJars.javaBinary().toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", String.join(":", classPath), "dev.shipgate.gate.EvaluationBenchmark");
        node.put("command", "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp <unpacked scan-gate function.zip, its lib/*, scan-gate test-classes> dev.shipgate.gate.EvaluationBenchmark");
        ArrayNode lines = node.putArray("results");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> other = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("{") && line.contains("\"findings\"")) {
                        lines.add(MAPPER.readTree(line));
                    } else {
                        other.add(line);
                    }
                }
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                node.put("error", "EvaluationBenchmark exited " + (process.isAlive() ? "(timeout)" : process.exitValue()) + ": "
                        + other.stream().limit(10).collect(Collectors.joining(" | ")));
            }
        } catch (IOException e) {
            node.put("error", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.put("error", "interrupted");
        }
        return node;
    }

    /** The 1/5/15-minute load averages: a busy machine (parallel builds) inflates every number. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String javaVersion() {
        try {
            Process process = new ProcessBuilder(RuntimeJars.javaBinary().toString(), "-version").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
            process.waitFor();
            return first;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static double round(double value) {
        return Double.isNaN(value) ? Double.NaN : Math.round(value * 100) / 100.0;
    }

    private static int intArg(List<String> args, String name, int fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : fallback;
    }
}
