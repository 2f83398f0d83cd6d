package dev.shipgate.local.demo;

import dev.shipgate.local.Workspace;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.testing.SlackWebApiStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack Web API mode on the production path: the notifier from template.yaml with SlackBotTokenSecretArn and
 * SlackChannel, restored from its snapshot in the real Lambda runtime client, its bot token in the local Secrets
 * Manager, its thread state in the stack's state table (moto_server), posting to the Slack Web API stand-in. For one
 * execution's events (started, stage started, action failed, gate FAIL, pipeline failed), in order, shuffled and
 * concurrently on separate instances: exactly one parent chat.postMessage, chat.update only on its ts, the replies in
 * its thread, the gate FAIL and the pipeline failure also broadcast; the token never in a log line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackThreadsInRuntimeTest {

    private static final String COMMIT = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String MESSAGE = "Fix the login redirect";
    private static final List<String> EVENTS = List.of("pipeline-started.json", "stage-started.json",
            "action-failed-scan-gate.json", "gate-verdict-fail", "pipeline-failed.json");

    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private final Path root = Workspace.root();
    private ShipgateWorld world;
    private SlackWebApiStandIn slack;

    @BeforeAll
    void start() {
        world = new ShipgateWorld(root, Workspace.params(root), Workspace.workDir(root), true, logs::add);
        slack = world.aws().slackApi();
    }

    @AfterAll
    void stop() {
        world.close();
        assertThat(logs).isNotEmpty().noneSatisfy(line -> assertThat(line).contains(SlackWebApiStandIn.BOT_TOKEN));
    }

    @Test
    void executionEventsInOrder_oneParentUpdatedInPlace_repliesInItsThread_failuresBroadcast() {
        String execution = newExecution();
        LocalFunction notifier = world.function(ShipgateWorld.NOTIFIER_WEB_API);
        int mark = slack.calls().size();

        for (String event : EVENTS) {
            assertNoError(notifier.invoke(event(event, execution)));
        }

        String ts = assertOneThread(mark);
        String parent = slack.message(ts).toString();
        assertThat(parent).contains("❌ FAILED · " + world.pipelineName()).contains("SecurityGate (ScanGate) ⛔")
                .contains("|6dcb09b>").contains("⛔ BLOCKED").contains("*Duration*");
    }

    @Test
    void executionEventsShuffled_oneParent() {
        List<String> order = new ArrayList<>(EVENTS);
        Collections.shuffle(order, new Random(2026));
        String execution = newExecution();
        LocalFunction notifier = world.function(ShipgateWorld.NOTIFIER_WEB_API);
        int mark = slack.calls().size();

        for (String event : order) {
            assertNoError(notifier.invoke(event(event, execution)));
        }

        String ts = assertOneThread(mark);
        assertThat(slack.message(ts).toString()).as(order.toString()).contains("❌ FAILED").contains("SecurityGate (ScanGate) ⛔");
    }

    @Test
    void executionEventsConcurrentlyOnThreeInstances_exactlyOneParent() throws Exception {
        List<LocalFunction> instances = List.of(world.function(ShipgateWorld.NOTIFIER_WEB_API), world.newWebApiNotifier(),
                world.newWebApiNotifier());
        String execution = newExecution();
        List<byte[]> events = EVENTS.stream().map(e -> event(e, execution)).toList();
        int mark = slack.calls().size();
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<InvokeResult>>> results = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            int first = i;
            results.add(pool.submit(() -> {
                go.await();
                List<InvokeResult> mine = new ArrayList<>();
                for (int e = first; e < events.size(); e += instances.size()) {
                    mine.add(instances.get(first).invoke(events.get(e)));
                }
                return mine;
            }));
        }

        go.countDown();
        List<InvokeResult> all = new ArrayList<>();
        for (Future<List<InvokeResult>> result : results) {
            all.addAll(result.get());
        }
        pool.shutdown();

        all.forEach(SlackThreadsInRuntimeTest::assertNoError);
        String ts = assertOneThread(mark);
        assertThat(slack.message(ts).toString()).contains("❌ FAILED").contains("SecurityGate (ScanGate) ⛔");
    }

    /** The one parent's ts among the calls since {@code mark}, after checking its thread. */
    private String assertOneThread(int mark) {
        List<SlackWebApiStandIn.Call> calls = slack.calls().subList(mark, slack.calls().size());
        assertThat(calls).allSatisfy(c -> assertThat(c.ok()).as(c.method() + " " + c.error()).isTrue());
        List<SlackWebApiStandIn.Call> posts = calls.stream().filter(c -> c.method().equals("chat.postMessage")).toList();
        List<SlackWebApiStandIn.Call> parents = posts.stream().filter(c -> c.threadTs() == null).toList();
        assertThat(parents).as("exactly one parent chat.postMessage").hasSize(1);
        String ts = parents.get(0).ts();
        List<SlackWebApiStandIn.Call> replies = posts.stream().filter(c -> c.threadTs() != null).toList();
        assertThat(replies).as("action failed, gate FAIL, pipeline failed").hasSize(3)
                .allSatisfy(r -> assertThat(r.threadTs()).isEqualTo(ts));
        assertThat(replies).filteredOn(SlackWebApiStandIn.Call::broadcast).extracting(r -> r.body().path("text").asText())
                .hasSize(2).anySatisfy(t -> assertThat(t).contains("❌ FAILED")).anySatisfy(t -> assertThat(t).contains("⛔ BLOCKED"));
        List<SlackWebApiStandIn.Call> updates = calls.stream().filter(c -> c.method().equals("chat.update")).toList();
        assertThat(updates).isNotEmpty().allSatisfy(u -> assertThat(u.ts()).isEqualTo(ts));
        return ts;
    }

    private String newExecution() {
        String execution = UUID.randomUUID().toString();
        world.registerExecution(execution, "Failed", COMMIT, MESSAGE);
        return execution;
    }

    /** A sample event of the execution; the gate's verdict as SNS delivers it from the verdict topic. */
    private byte[] event(String sample, String execution) {
        if (!sample.equals("gate-verdict-fail")) {
            return world.pipelineEvent(root, sample, execution, COMMIT, MESSAGE);
        }
        return world.verdictForExecution(null, execution);
    }

    private static void assertNoError(InvokeResult result) {
        assertThat(result.error()).as(result.payload()).isFalse();
    }
}
