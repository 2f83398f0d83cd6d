package dev.shipgate.local.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One warm-able instance of a function: its own Runtime API server and its own JVM running the real
 * runtime interface client ({@code AWSLambda <handler>}) with the flags of Lambda's managed
 * {@code java21} runtime. Invocations are served one at a time, as on Lambda; the first one pays
 * the init. If an invocation passes the function's timeout the instance is killed, as Lambda does.
 * <p>
 * In snap-start mode the instance lives as a SnapStart version does: init and {@code beforeCheckpoint} run
 * ({@link #checkpoint}), the runtime waits in {@code restore/next} while the caller may change the world, then
 * {@link #restore} hands out a new set of credentials and lets {@code afterRestore} and the invocations run. The
 * environment then holds no static keys, only the token-checked {@link ContainerCredentialsEndpoint}.
 */
public final class LocalFunction implements AutoCloseable {

    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    /** Lambda's own init phase limit is 10 s; a loaded 2-core machine needs more room. */
    private static final long INIT_TIMEOUT_SECONDS = 60;
    public static final List<String> STATIC_KEYS = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private final FunctionSpec spec;
    private final boolean snapStart;
    private final List<String> extraJvmFlags;
    private final List<String> launcher;
    private final Consumer<String> logSink;
    private final List<String> logs = java.util.Collections.synchronizedList(new ArrayList<>());
    private RuntimeApiServer api;
    private Process process;
    private final ContainerCredentialsEndpoint credentials;
    private long spawnNanos;
    private boolean initReported;
    private long restoredNanos;

    public LocalFunction(FunctionSpec spec, boolean snapStart, List<String> extraJvmFlags, Consumer<String> logSink) {
        this(spec, snapStart, List.of(), extraJvmFlags, logSink);
    }

    /** {@code launcher} runs the JVM, e.g. {@code taskset -c 0} to give the function one core, as a 512 MB Lambda has. */
    public LocalFunction(FunctionSpec spec, boolean snapStart, List<String> launcher, List<String> extraJvmFlags,
                         Consumer<String> logSink) {
        this.launcher = List.copyOf(launcher);
        this.spec = spec;
        this.snapStart = snapStart;
        this.extraJvmFlags = List.copyOf(extraJvmFlags);
        this.logSink = logSink;
        this.credentials = snapStart ? new ContainerCredentialsEndpoint() : null;
    }

    public LocalFunction(FunctionSpec spec, Consumer<String> logSink) {
        this(spec, false, List.of(), logSink);
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** The credentials endpoint of a snap-start instance. */
    public ContainerCredentialsEndpoint credentials() {
        if (credentials == null) {
            throw new IllegalStateException(spec.name() + " runs on demand: its credentials are static keys");
        }
        return credentials;
    }

    /** Everything the function wrote to stdout/stderr so far. */
    public List<String> logs() {
        synchronized (logs) {
            return List.copyOf(logs);
        }
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The JVM command line of the child, as Lambda's java21 runtime builds it. */
    public List<String> command() {
        List<String> command = new ArrayList<>(launcher);
        command.add(RuntimeJars.javaBinary().toString());
        command.add("-XX:MaxHeapSize=" + (spec.memoryMb() * 1024L * 85 / 100) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        // Java 22+ warns on the client's JNI loading; Lambda's java21 has nothing to silence.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(extraJvmFlags);
        command.add("-classpath");
        command.add(RuntimeJars.classPath().stream().map(Path::toString).collect(Collectors.joining(":")));
        command.add(RIC_MAIN);
        command.add(spec.handler());
        return command;
    }

    /** The environment Lambda gives the function: the template's variables plus the runtime's own. */
    public Map<String, String> environment(String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", spec.taskRoot().toString());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", snapStart ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + Long.toHexString(System.nanoTime()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        if (!snapStart) {
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            env.put("AWS_SESSION_TOKEN", "testing");
        }
        // Never fall through to a profile or instance metadata on a developer's machine.
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.putAll(spec.environment());
        if (snapStart) {
            // A SnapStart version gets credentials only from the container endpoint (Lambda sets no static keys).
            env.keySet().removeAll(STATIC_KEYS);
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.uri());
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentials.token());
        }
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        return env;
    }

    /**
     * Held from an instance's spawn until its runtime's first call. The runtime client copies its JNI library to the
     * fixed path /tmp/.libaws-lambda-jni.so on every start and loads it from there: fine on Lambda, where every
     * environment has a /tmp of its own, but instances started together here overwrote the file while another was
     * mapping it, and that one died of SIGBUS. Starts are serialized instead of changing what the runtime does, so a
     * cold start still pays for that copy as on Lambda.
     */
    private static final ReentrantLock STARTING = new ReentrantLock();

    public synchronized void start() {
        if (process != null) {
            return;
        }
        STARTING.lock();
        try {
            spawn();
            awaitFirstRuntimeCall();
        } finally {
            STARTING.unlock();
        }
    }

    private void awaitFirstRuntimeCall() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(INIT_TIMEOUT_SECONDS);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                api.firstRequest().get(50, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException notYet) {
                // still starting
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void spawn() {
        api = new RuntimeApiServer("arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + spec.name());
        ProcessBuilder builder = new ProcessBuilder(command()).directory(spec.taskRoot().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(api.address()));
        spawnNanos = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("could not start " + command().getFirst(), e);
        }
        pump(process.getInputStream());
        pump(process.getErrorStream());
    }

    /**
     * Snap-start mode: starts the instance and returns once init and {@code beforeCheckpoint} are done and the
     * runtime waits in {@code restore/next}, the point where Lambda takes the snapshot.
     */
    public synchronized void checkpoint() {
        if (!snapStart) {
            throw new IllegalStateException(spec.name() + " runs on demand: there is no checkpoint");
        }
        start();
        await(api.restoreNext(), "checkpoint");
    }

    /** Snap-start mode: restores the checkpointed instance with a new set of credentials (once per instance). */
    public synchronized void restore() {
        checkpoint();
        if (restoredNanos == 0) {
            credentials.rotate();
            restoredNanos = api.releaseRestore();
        }
    }

    /** Invokes with the event bytes; starts (and in snap-start mode restores) the instance first if needed. */
    public synchronized InvokeResult invoke(byte[] event) {
        if (snapStart) {
            restore();
        } else {
            start();
        }
        boolean cold = !initReported;
        RuntimeApiServer.Pending pending = api.enqueue(event, spec.timeoutSeconds() * 1000L);
        OptionalDouble init = OptionalDouble.empty();
        OptionalDouble restore = OptionalDouble.empty();
        if (cold) {
            long firstNext = await(api.firstNext(), "init");
            initReported = true;
            if (snapStart) {
                init = OptionalDouble.of(millis(api.restoreNext().join() - spawnNanos));
                // Lambda's Restore Duration: from the restore's start (here the release of restore/next, which nothing
                // delays: the server answers as the release happens) to the runtime's first invocation/next, so the
                // runtime's own restore path and every afterRestore hook are in it. The Duration that follows starts
                // when the event is handed over, as on Lambda. Traced with -Xlog:class+load:timenanos against these
                // timestamps (2026-12-03): no wait of the harness's own in either; what this cannot model is Lambda
                // mapping the snapshot's memory back in, so it is kinder than Lambda there, never harsher.
                restore = OptionalDouble.of(millis(firstNext - restoredNanos));
            } else {
                init = OptionalDouble.of(millis(firstNext - spawnNanos));
            }
        }
        RuntimeApiServer.Outcome outcome;
        try {
            outcome = pending.outcome().get(spec.timeoutSeconds() * 1000L + 2000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            return failure(pending.requestId(), "Task timed out after " + spec.timeoutSeconds() + ".00 seconds",
                    "Sandbox.Timedout", spec.timeoutSeconds() * 1000.0, init, restore);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long start = pending.handedOverNanos() == 0 ? outcome.receivedNanos() : pending.handedOverNanos();
        return new InvokeResult(pending.requestId(), new String(outcome.body(), StandardCharsets.UTF_8), outcome.error(),
                outcome.errorType(), millis(outcome.receivedNanos() - start), init, restore, spec.memoryMb(), maxMemoryUsedMb());
    }

    private long await(java.util.concurrent.CompletableFuture<Long> phaseOver, String phase) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(INIT_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                return phaseOver.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (api.initError().isDone() || !process.isAlive()) {
                    waitForExit();
                    throw new InitFailure(spec.name() + " failed in " + phase + " (exit "
                            + (process.isAlive() ? "-" : process.exitValue()) + "): "
                            + api.initError().getNow("runtime exited without reporting an error"), logs());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new InitFailure(spec.name() + " did not finish " + phase + " within " + INIT_TIMEOUT_SECONDS + " s", logs());
    }

    private InvokeResult failure(String requestId, String message, String type, double durationMs,
                                 OptionalDouble init, OptionalDouble restore) {
        String payload = "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}";
        return new InvokeResult(requestId, payload, true, type, durationMs, init, restore, spec.memoryMb(), -1);
    }

    /** Peak resident memory of the function's JVM (VmHWM), as Lambda's Max Memory Used. */
    public long maxMemoryUsedMb() {
        if (process == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return Math.round(kb / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private void waitForExit() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
        process = null;
        initReported = false;
        restoredNanos = 0;
        if (api != null) {
            api.close();
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        process = null;
        if (api != null) {
            api.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }

    private void pump(InputStream stream) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    logs.add(line);
                    logSink.accept(line);
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, spec.name() + "-log");
        thread.setDaemon(true);
        thread.start();
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The function could not initialise: the init error and the logs say why. */
    public static final class InitFailure extends RuntimeException {
        private final List<String> logs;

        InitFailure(String message, List<String> logs) {
            super(message);
            this.logs = List.copyOf(logs);
        }

        public List<String> logs() {
            return logs;
        }
    }
}
