package dev.shipgate.notifier.thread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.message.Notification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an execution's thread parent shows, merged from its events in any order: the pipeline's state, each stage's
 * state (in the order the stages ran), the commit, the failed action, the gate's verdict and, once finished, the
 * duration. Merging is order-independent: a later attempt beats an earlier one, a finished state beats a running
 * one, and between equals the later event wins, so events arriving shuffled or twice end in the same view.
 */
public record ExecutionView(
        String pipeline,
        String executionId,
        String project,
        String region,
        String repository,
        Step state,
        List<Stage> stages,
        Commit commit,
        String failedStage,
        String failedAction,
        String gateVerdict,
        int gateBlocking,
        String gateReportUrl,
        Long durationSeconds,
        long failedAt,
        long gateAt) {

    /** A state reached, ordered by (attempt, rank, time): see {@link #rank}. */
    public record Step(String state, int attempt, int rank, long at) {
        boolean after(Step other) {
            return other == null || COMPARE.compare(this, other) > 0;
        }

        private static final Comparator<Step> COMPARE = Comparator.comparingInt(Step::attempt)
                .thenComparingInt(Step::rank).thenComparingLong(Step::at).thenComparing(Step::state);
    }

    /** A stage and its latest state; {@code firstAt} orders the stages as they ran. */
    public record Stage(String name, Step step, long firstAt) {
    }

    public ExecutionView {
        stages = List.copyOf(stages);
    }

    public static ExecutionView of(Notification n) {
        return new ExecutionView(n.pipeline(), n.executionId(), n.project(), n.region(), n.repository(), null, List.of(),
                Commit.NONE, null, null, null, 0, null, null, 0, 0).with(n);
    }

    /** Running: started, resumed; stopping; finished. A finished state is never undone by a late running one. */
    static int rank(String state) {
        return switch (state) {
            case "STARTED", "RESUMED" -> 1;
            case "STOPPING" -> 2;
            default -> 3;
        };
    }

    /** This view with what {@code n} says merged in. */
    public ExecutionView with(Notification n) {
        long at = n.time() == null ? 0 : n.time().toEpochMilli();
        Step step = new Step(n.state(), Math.max(1, n.attempt()), rank(n.state()), at);
        Step pipelineState = state;
        List<Stage> stageList = new ArrayList<>(stages);
        String stage = failedStage;
        String action = failedAction;
        String verdict = gateVerdict;
        int blocking = gateBlocking;
        String report = gateReportUrl;
        Long duration = durationSeconds;
        long failedTime = failedAt;
        long gateTime = gateAt;
        switch (n.kind()) {
            case PIPELINE -> {
                if (step.after(state)) {
                    pipelineState = step;
                }
                if (n.duration() != null && step.rank() == 3) {
                    duration = n.duration().toSeconds();
                }
            }
            case STAGE -> {
                if (n.stage() != null) {
                    merge(stageList, n.stage(), step);
                }
            }
            case ACTION -> {
                if ("FAILED".equals(n.state()) && n.action() != null && n.action().stage() != null) {
                    merge(stageList, n.action().stage(), step);
                    // The latest failure by event time (a retried stage's), whatever order the events arrived in.
                    if (stage == null || at > failedTime) {
                        stage = n.action().stage();
                        action = n.action().action();
                        failedTime = at;
                    }
                }
            }
            case GATE -> {
                // The latest verdict by event time (a gate run again), whatever order the events arrived in.
                if (n.verdict() != null && (verdict == null || at > gateTime)) {
                    verdict = n.verdict().verdict();
                    blocking = n.verdict().blockingCount();
                    report = n.verdict().reportUrl() != null ? n.verdict().reportUrl() : report;
                    gateTime = at;
                }
            }
        }
        stageList.sort(Comparator.comparingLong(Stage::firstAt).thenComparing(Stage::name));
        Commit known = commit.orElse(n.commit() == null ? Commit.NONE : n.commit());
        return new ExecutionView(pipeline, executionId, project, first(region, n.region()), first(repository, n.repository()),
                pipelineState, stageList, known, stage, action, verdict, blocking, report, duration, failedTime, gateTime);
    }

    private static void merge(List<Stage> stages, String name, Step step) {
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s.name().equals(name)) {
                long firstAt = step.at() > 0 ? Math.min(s.firstAt(), step.at()) : s.firstAt();
                stages.set(i, new Stage(name, step.after(s.step()) ? step : s.step(), firstAt));
                return;
            }
        }
        stages.add(new Stage(name, step, step.at()));
    }

    /** Finished: the pipeline reached a final state (SUCCEEDED, FAILED, STOPPED, SUPERSEDED, CANCELED). */
    public boolean finished() {
        return state != null && state.rank() == 3;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("pipeline", pipeline).put("executionId", executionId).put("project", project).put("region", region)
                .put("repository", repository);
        if (state != null) {
            json.set("state", step(state));
        }
        ArrayNode list = json.putArray("stages");
        for (Stage s : stages) {
            list.add(step(s.step()).put("name", s.name()).put("firstAt", s.firstAt()));
        }
        ObjectNode c = json.putObject("commit");
        c.put("sha", commit.sha()).put("message", commit.message()).put("author", commit.author()).put("branch", commit.branch())
                .put("tag", commit.tag()).put("url", commit.url());
        json.put("failedStage", failedStage).put("failedAction", failedAction).put("gateVerdict", gateVerdict)
                .put("gateBlocking", gateBlocking).put("gateReportUrl", gateReportUrl).put("failedAt", failedAt).put("gateAt", gateAt);
        if (durationSeconds != null) {
            json.put("durationSeconds", durationSeconds);
        }
        return json;
    }

    public static ExecutionView fromJson(JsonNode json) {
        List<Stage> stages = new ArrayList<>();
        for (JsonNode s : json.path("stages")) {
            stages.add(new Stage(s.path("name").asText(), step(s), s.path("firstAt").asLong()));
        }
        JsonNode c = json.path("commit");
        Commit commit = new Commit(text(c, "sha"), text(c, "message"), text(c, "author"), text(c, "branch"), text(c, "tag"),
                text(c, "url"));
        return new ExecutionView(text(json, "pipeline"), text(json, "executionId"), text(json, "project"), text(json, "region"),
                text(json, "repository"), json.has("state") ? step(json.path("state")) : null, stages, commit,
                text(json, "failedStage"), text(json, "failedAction"), text(json, "gateVerdict"), json.path("gateBlocking").asInt(),
                text(json, "gateReportUrl"),
                json.has("durationSeconds") ? json.path("durationSeconds").asLong() : null, json.path("failedAt").asLong(),
                json.path("gateAt").asLong());
    }

    private static ObjectNode step(Step step) {
        return JsonNodeFactory.instance.objectNode().put("state", step.state()).put("attempt", step.attempt())
                .put("rank", step.rank()).put("at", step.at());
    }

    private static Step step(JsonNode json) {
        return new Step(json.path("state").asText(), json.path("attempt").asInt(1), json.path("rank").asInt(), json.path("at").asLong());
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.path(name);
        return value.isTextual() ? value.asText() : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
