package dev.shipgate.shared.init;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class InitThreadTest {

    @Test
    void runsOnANamedDaemonThread() {
        CompletableFuture<String> work = InitThread.start("init-test", () -> {
            Thread me = Thread.currentThread();
            return me.getName() + " daemon=" + me.isDaemon();
        });

        assertThat(InitThread.join(work)).isEqualTo("init-test daemon=true");
    }

    @Test
    void joinRethrowsWhatTheWorkThrew() {
        CompletableFuture<Object> work = InitThread.start("init-test", () -> {
            throw new IllegalStateException("no config");
        });

        assertThat(catchThrowable(() -> InitThread.join(work))).isInstanceOf(IllegalStateException.class).hasMessage("no config");
    }
}
