package dev.shipgate.shared.init;

import dev.shipgate.shared.init.BackgroundRefresh.Step;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.shipgate.testing.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;

class BackgroundRefreshTest {

    private final TestContext context = new TestContext();
    private final JsonLog log = new JsonLog("test", context.logger());
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void start_returnsWhileAStepIsStillWaitingForItsAnswer() throws Exception {
        CountDownLatch stepStarted = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);

        Future<?> steps = BackgroundRefresh.start(log, List.of(new Step("held", () -> {
            stepStarted.countDown();
            await(answer);
            ran.add("held");
        })));
        await(stepStarted);

        assertThat(steps).isNotDone();
        assertThat(ran).isEmpty();
        answer.countDown();
        steps.get(30, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("held");
    }

    @Test
    void stepsOfEveryHook_runOneAfterTheOther_inTheOrderTheyWereHandedOver_onOneDaemonPlatformThread() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Runnable record = () -> threads.add(Thread.currentThread());

        // As after a restore: the credentials hook hands over its fetch, then a function its secret reads.
        Future<?> credentials = BackgroundRefresh.start(log, List.of(new Step("credentials", () -> {
            await(answer);
            record.run();
            ran.add("credentials");
        })));
        Future<?> secrets = BackgroundRefresh.start(log, List.of(
                new Step("first secret", () -> { record.run(); ran.add("first secret"); }),
                new Step("second secret", () -> { record.run(); ran.add("second secret"); })));
        answer.countDown();
        credentials.get(30, TimeUnit.SECONDS);
        secrets.get(30, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("credentials", "first secret", "second secret");
        assertThat(threads).hasSize(3).allSatisfy(thread -> {
            assertThat(thread).isSameAs(threads.get(0));
            assertThat(thread.getName()).isEqualTo(BackgroundRefresh.THREAD_NAME);
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.isVirtual()).isFalse();
        });
    }

    @Test
    void theLanesThreadRunsFromInitOn_soARestoreOnlyQueuesItsSteps() throws Exception {
        BackgroundRefresh.prepare();
        List<Thread> lanes = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(BackgroundRefresh.THREAD_NAME)).toList();
        assertThat(lanes).hasSize(1);
        List<Thread> ranOn = new CopyOnWriteArrayList<>();

        BackgroundRefresh.start(log, List.of(new Step("credentials", () -> ranOn.add(Thread.currentThread())))).get(30, TimeUnit.SECONDS);
        BackgroundRefresh.prepare();

        assertThat(ranOn).containsExactly(lanes.getFirst());
        assertThat(lanes.getFirst().isAlive()).isTrue();
    }

    @Test
    void aFailingStep_isOneWarnLine_namingWhatItRefreshes_andTheNextStepStillRuns() throws Exception {
        BackgroundRefresh.start(log, List.of(
                new Step("webhook secret", () -> {
                    throw new IllegalStateException("secret arn:aws:secretsmanager:us-east-1:1:secret:s not found");
                }),
                new Step("next", () -> ran.add("next")))).get(30, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("next");
        assertThat(context.logLines()).singleElement().satisfies(line -> assertThat(line).contains(
                "\"level\":\"WARN\"", "\"event\":\"after-restore\"", "\"refresh\":\"webhook secret\"", "\"outcome\":\"failed\"",
                "\"exception\":\"java.lang.IllegalStateException\"", "not found", "\"then\":\"the first use asks again\""));
    }
}
