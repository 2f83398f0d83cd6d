package dev.shipgate.local.bench;

import dev.shipgate.local.Workspace;
import dev.shipgate.local.demo.Images;
import dev.shipgate.local.demo.ShipgateWorld;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restored copy still has to load: each function checkpointed in the real runtime client with class-load
 * logging, restored, and invoked once. None of the function's own classes (its zip: handler, shared code, SDK) may
 * load after the checkpoint; the preload list the priming walks holds them, the restore path's included.
 */
class RestoredClassesTest {

    private static final String COMMIT = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    @TempDir
    Path work;

    @Test
    void firstInvocationAfterRestore_loadsNoClassFromTheFunctionsZip() throws Exception {
        Path root = Workspace.root();
        try (ShipgateWorld world = new ShipgateWorld(root, Workspace.params(root), Workspace.workDir(root), true, line -> { })) {
            String gateExecution = UUID.randomUUID().toString();
            String digest = world.pushScannedImage("restored", List.of(
                    new Images.Vulnerability("CVE-2023-0286", "CRITICAL", "openssl", "3.0.2-0ubuntu1.7", "7.4")));
            String source = world.uploadSourceArtifact(gateExecution, Map.of("Dockerfile", "FROM scratch\n"));
            String notifierExecution = UUID.randomUUID().toString();
            world.registerExecution(notifierExecution, "Failed", COMMIT, "restored");
            Map<String, byte[]> firstEvents = Map.of(
                    ShipgateWorld.WEBHOOK, world.webhookEvent(UUID.randomUUID().toString(),
                            world.pushBody(root, UUID.randomUUID().toString().replace("-", "") + "01234567", "restored"), LocalAws.WEBHOOK_SECRET),
                    ShipgateWorld.GATE, world.gateJob(UUID.randomUUID().toString(), gateExecution, source, digest, "0".repeat(40)),
                    ShipgateWorld.NOTIFIER, world.pipelineEvent(root, "pipeline-failed.json", notifierExecution, COMMIT, "restored"));

            for (Map.Entry<String, byte[]> first : firstEvents.entrySet()) {
                FunctionSpec spec = world.function(first.getKey()).spec();
                Path log = work.resolve(first.getKey() + "-classes.log");
                try (LocalFunction function = new LocalFunction(spec, true, List.of("-Xlog:class+load=info:file=" + log + ":uptimenanos"), line -> { })) {
                    function.checkpoint();
                    int loadsAtCheckpoint = ClassLoadTimeline.read(log).loads().size();

                    InvokeResult result = function.invoke(first.getValue());

                    assertThat(result.error()).as(first.getKey() + ": " + result.payload()).isFalse();
                    List<ClassLoadTimeline.Load> loads = ClassLoadTimeline.read(log).loads();
                    assertThat(loadsAtCheckpoint).as(first.getKey() + " logged its init").isGreaterThan(1000);
                    assertThat(loads.subList(loadsAtCheckpoint, loads.size()))
                            .as(first.getKey() + ": classes from its zip loaded after the restore")
                            .noneMatch(load -> load.source().startsWith("file:" + spec.taskRoot()));
                }
            }
        }
    }
}
