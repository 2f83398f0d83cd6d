package dev.shipgate.notifier.thread;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.notifier.message.Notification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionViewTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Commit COMMIT = new Commit("9fceb02d0ae598e95dc970b74767f19372d61af8", "Fix it", "dana", "main", null, null);

    private static Notification event(Kind kind, String state, String stage, int seconds, int attempt) {
        ActionInfo action = kind == Kind.ACTION ? new ActionInfo(stage, "Scan", "Lambda", "Invoke", null, null, null, "JobFailed") : null;
        GateVerdict verdict = kind == Kind.GATE ? new GateVerdict("p", "e", "repo", null, null, "ECR_BASIC", state, "2 blocking",
                Map.of("HIGH", 2), 2, List.of(), List.of(), List.of(), List.of(), T0.plusSeconds(seconds), "v",
                "https://reports.example.com/e/report.html") : null;
        Duration duration = kind == Kind.PIPELINE && !"STARTED".equals(state) ? Duration.ofSeconds(seconds) : null;
        return new Notification(kind, state, false, "proj", "p", "e", "us-east-1", kind == Kind.STAGE ? stage : null, action,
                COMMIT, "acme/app", null, duration, null, null, attempt, verdict, null, T0.plusSeconds(seconds));
    }

    private static final List<Notification> EXECUTION = List.of(
            event(Kind.PIPELINE, "STARTED", null, 0, 1),
            event(Kind.STAGE, "STARTED", "Source", 1, 1),
            event(Kind.STAGE, "SUCCEEDED", "Source", 20, 1),
            event(Kind.STAGE, "STARTED", "SecurityGate", 30, 1),
            event(Kind.ACTION, "FAILED", "SecurityGate", 90, 1),
            event(Kind.GATE, "FAIL", null, 89, 1),
            event(Kind.PIPELINE, "FAILED", null, 95, 1));

    @Test
    void with_everyOrderOfTheSameEvents_endsInTheSameView() {
        ExecutionView expected = fold(EXECUTION);
        List<List<Notification>> orders = new ArrayList<>();
        permutations(new ArrayList<>(EXECUTION), 0, orders);

        assertThat(orders).hasSize(5040).allSatisfy(order -> assertThat(fold(order)).isEqualTo(expected));
        assertThat(expected.state().state()).isEqualTo("FAILED");
        assertThat(expected.stages()).extracting(s -> s.name() + ":" + s.step().state())
                .containsExactly("Source:SUCCEEDED", "SecurityGate:FAILED");
        assertThat(expected.failedAction()).isEqualTo("Scan");
        assertThat(expected.gateVerdict()).isEqualTo("FAIL");
        assertThat(expected.gateReportUrl()).isEqualTo("https://reports.example.com/e/report.html");
        assertThat(expected.durationSeconds()).isEqualTo(95);
        assertThat(ParentRenderer.progress(expected)).isEqualTo("Source ✓  SecurityGate (Scan) ⛔");
    }

    @Test
    void with_sameEventTwice_changesNothing_andJsonRoundTripKeepsTheView() {
        ExecutionView view = fold(EXECUTION);

        assertThat(view.with(EXECUTION.get(4))).isEqualTo(view);
        assertThat(ExecutionView.fromJson(view.toJson())).isEqualTo(view);
    }

    @Test
    void with_retryOfAFailedStage_laterAttemptWins_evenIfItsEventCameFirst() {
        Notification failed = event(Kind.STAGE, "FAILED", "Build", 50, 1);
        Notification retried = event(Kind.STAGE, "SUCCEEDED", "Build", 40, 2);

        ExecutionView view = fold(List.of(retried, failed));

        assertThat(view.stages()).singleElement().satisfies(s -> assertThat(s.step().state()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void with_gateRunAgainAndStageRetried_theLatestVerdictAndFailureByEventTimeWin_inEitherArrivalOrder() {
        Notification gateFail = event(Kind.GATE, "FAIL", null, 89, 1);
        Notification gatePass = event(Kind.GATE, "PASS", null, 300, 1);
        Notification scanFailed = event(Kind.ACTION, "FAILED", "SecurityGate", 90, 1);
        Notification deployFailed = event(Kind.ACTION, "FAILED", "Deploy", 400, 2);

        ExecutionView inOrder = fold(List.of(gateFail, scanFailed, gatePass, deployFailed));
        ExecutionView reversed = fold(List.of(deployFailed, gatePass, scanFailed, gateFail));

        assertThat(inOrder.gateVerdict()).isEqualTo("PASS");
        assertThat(inOrder.failedStage()).isEqualTo("Deploy");
        assertThat(reversed).isEqualTo(inOrder);
    }

    @Test
    void with_startedArrivingAfterFinished_staysFinished() {
        ExecutionView view = fold(List.of(event(Kind.PIPELINE, "SUCCEEDED", null, 60, 1), event(Kind.PIPELINE, "STARTED", null, 0, 1)));

        assertThat(view.finished()).isTrue();
        assertThat(ParentRenderer.marker(view)).isEqualTo("✅ SUCCEEDED");
    }

    private static ExecutionView fold(List<Notification> events) {
        ExecutionView view = ExecutionView.of(events.get(0));
        for (Notification n : events.subList(1, events.size())) {
            view = view.with(n);
        }
        return view;
    }

    private static void permutations(List<Notification> items, int k, List<List<Notification>> out) {
        if (k == items.size()) {
            out.add(List.copyOf(items));
            return;
        }
        for (int i = k; i < items.size(); i++) {
            java.util.Collections.swap(items, k, i);
            permutations(items, k + 1, out);
            java.util.Collections.swap(items, k, i);
        }
    }
}
