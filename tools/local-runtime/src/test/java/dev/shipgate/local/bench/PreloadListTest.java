package dev.shipgate.local.bench;

import dev.shipgate.local.runtime.FunctionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PreloadListTest {

    @TempDir
    Path work;

    @Test
    void coldStartThenRestore_listsLoadableClassesAfterTheHandlerThenWhatTheRestoreAdds() throws Exception {
        Path taskRoot = work.resolve("task");
        FunctionSpec spec = new FunctionSpec("f", "dev.example.Handler::handleRequest", taskRoot, 512, 30, Map.of());
        Path coldStart = work.resolve("cold.log");
        Files.writeString(coldStart, String.join("\n",
                "[1000ns] java.lang.Object source: shared objects file",
                "[2000ns] dev.example.Before source: file:" + taskRoot + "/",
                "[3000ns] dev.example.Handler source: file:" + taskRoot + "/",
                "[4000ns] software.amazon.awssdk.Sdk source: file:" + taskRoot + "/lib/sdk.jar",
                "[5000ns] java.util.Cds source: shared objects file",
                "[6000ns] dev.example.Handler$$Lambda/0x0000000801 source: dev.example.Handler",
                "[7000ns] java.net.Jdk source: jrt:/java.base",
                "[8000ns] org.elsewhere.Other source: file:/somewhere/else.jar"));
        Path restore = work.resolve("restore.log");
        Files.writeString(restore, String.join("\n",
                "[1000ns] dev.example.Handler source: file:" + taskRoot + "/",
                "[2000ns] software.amazon.awssdk.Sdk source: file:" + taskRoot + "/lib/sdk.jar",
                "[3000ns] dev.example.AfterRestore$Step source: file:" + taskRoot + "/lib/shared.jar",
                "[4000ns] java.net.Jdk source: jrt:/java.base",
                "[5000ns] runtime.ContextImpl$$Lambda/0x0000000802 source: runtime.ContextImpl"));

        List<String> cold = PreloadList.fromTimeline(ClassLoadTimeline.read(coldStart), spec, List.of());
        List<String> restored = PreloadList.afterCheckpoint(ClassLoadTimeline.read(restore), 2, spec);

        assertThat(cold).containsExactly("software.amazon.awssdk.Sdk", "java.net.Jdk");
        assertThat(restored).containsExactly("dev.example.AfterRestore$Step", "java.net.Jdk");
        assertThat(PreloadList.union(cold, restored)).containsExactly("software.amazon.awssdk.Sdk", "java.net.Jdk", "dev.example.AfterRestore$Step");
    }
}
