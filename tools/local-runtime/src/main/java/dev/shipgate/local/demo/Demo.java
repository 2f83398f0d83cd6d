package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.api.HttpApiEvents;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.GitHubStandIn;
import dev.shipgate.testing.SlackReceiver;
import dev.shipgate.testing.SlackWebApiStandIn;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * shipgate's main job on this machine: GitHub push → webhook → pipeline start on the exact commit;
 * redelivery and forged deliveries refused; the security gate failing an image with blocking
 * findings and passing a clean one; pipeline events and gate verdicts turned into Slack messages, through the incoming
 * webhook and, for one more execution, as a Slack Web API thread; and commit statuses on GitHub.
 * Every step runs the REAL function code in the local Lambda runtime, in snap-start mode (the production path);
 * each step states what it expects and checks what actually happened at the emulators. Exit code 1 if any step fails.
 */
public final class Demo {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COMMIT_1 = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String COMMIT_2 = "a1f2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final String MESSAGE_1 = "Fix the login redirect";
    private static final String MESSAGE_2 = "Bump openssl to 3.0.13";

    /** One line of the summary table. */
    public record Step(String name, String expected, String actual, boolean passed, double millis) {
    }

    private final Path root;
    private final PrintStream out;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> functionLogs = java.util.Collections.synchronizedList(new ArrayList<>());

    private Demo(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    public static int run(Path root, PrintStream out) {
        List<Step> steps = new Demo(root, out).play();
        return steps.stream().allMatch(Step::passed) ? 0 : 1;
    }

    /** Runs the demo and returns its steps (the test asserts on them). */
    public static List<Step> steps(Path root, PrintStream out) {
        return new Demo(root, out).play();
    }

    private List<Step> play() {
        long started = System.nanoTime();
        out.println("shipgate local demo: real functions in the real Lambda runtime client, local emulators, no Docker, no AWS account");
        out.println("each function runs as a SnapStart version does on AWS: init and beforeCheckpoint, restore, afterRestore, "
                + "then invocations; credentials only from the token-checked container endpoint");
        try (ShipgateWorld world = new ShipgateWorld(root, Workspace.params(root), Workspace.workDir(root), true, functionLogs::add)) {
            world.aws().describe().forEach(line -> out.println("  " + line));
            world.missing().forEach((name, why) -> out.println("  " + name + ": NOT BUILT (" + why + ")"));
            out.println();
            play(world);
        } catch (RuntimeException e) {
            steps.add(new Step("demo setup", "local emulators and functions start", "crashed: " + e, false, 0));
        }
        printSummary((System.nanoTime() - started) / 1e9);
        return List.copyOf(steps);
    }

    private void play(ShipgateWorld world) {
        CodePipelineStandIn pipeline = world.aws().codePipeline();
        SlackReceiver slack = world.aws().slack();

        // 1. A signed push starts the pipeline on the pushed commit.
        String delivery = UUID.randomUUID().toString();
        String body1 = world.pushBody(root, COMMIT_1, MESSAGE_1);
        String[] execution1 = new String[1];
        step("signed push (" + world.githubRepository() + "@" + world.branch() + ")",
                "2xx; StartPipelineExecution on commit " + COMMIT_1.substring(0, 7), ShipgateWorld.WEBHOOK, () -> {
                    HttpApiEvents.Answer answer = webhook(world, delivery, body1, LocalAws.WEBHOOK_SECRET);
                    List<JsonNode> starts = pipeline.accepted("StartPipelineExecution");
                    String commit = starts.isEmpty() ? "none" : starts.getLast().at("/sourceRevisions/0/revisionValue").asText();
                    execution1[0] = executionIdFrom(answer);
                    return new Outcome(answer.status() / 100 == 2 && starts.size() == 1 && COMMIT_1.equals(commit)
                            && starts.getLast().path("name").asText().equals(world.pipelineName()),
                            answer.status() + " " + answer.bodyText() + "; starts=" + starts.size() + " commit=" + shortSha(commit));
                });

        // 2. GitHub redelivers the same delivery: no second execution.
        step("redelivery of the same delivery id", "2xx; no second StartPipelineExecution", ShipgateWorld.WEBHOOK, () -> {
            HttpApiEvents.Answer answer = webhook(world, delivery, body1, LocalAws.WEBHOOK_SECRET);
            int starts = pipeline.accepted("StartPipelineExecution").size();
            return new Outcome(answer.status() / 100 == 2 && starts == 1, answer.status() + " " + answer.bodyText() + "; starts=" + starts);
        });

        // 3. A forged delivery (wrong secret) is refused.
        step("bad signature", "401; no StartPipelineExecution", ShipgateWorld.WEBHOOK, () -> {
            HttpApiEvents.Answer answer = webhook(world, UUID.randomUUID().toString(), world.pushBody(root, COMMIT_2, MESSAGE_2),
                    "not-the-webhook-secret");
            int starts = pipeline.accepted("StartPipelineExecution").size();
            return new Outcome(answer.status() == 401 && starts == 1, answer.status() + " " + answer.bodyText() + "; starts=" + starts);
        });

        String exec1 = execution1[0] != null ? execution1[0] : UUID.randomUUID().toString();
        world.registerExecution(exec1, "InProgress", COMMIT_1, MESSAGE_1);
        step("pipeline STARTED event", "Slack message naming the pipeline", ShipgateWorld.NOTIFIER, () ->
                slackAfter(world, world.pipelineEvent(root, "pipeline-started.json", exec1, COMMIT_1, MESSAGE_1),
                        world.pipelineName()));

        // 4. The gate fails an image with blocking findings, naming them.
        String policy = policy();
        String blockingDigest = world.pushScannedImage(COMMIT_1.substring(0, 12), List.of(
                new Images.Vulnerability("CVE-2023-0286", "CRITICAL", "openssl", "3.0.2-0ubuntu1.7", "7.4"),
                new Images.Vulnerability("CVE-2023-38545", "HIGH", "curl", "7.81.0-1ubuntu1.10", "9.8"),
                new Images.Vulnerability("CVE-2022-3996", "HIGH", "openssl", "3.0.2-0ubuntu1.7", "7.5"),
                new Images.Vulnerability("CVE-2023-4911", "MEDIUM", "glibc", "2.35-0ubuntu3.1", "7.8")));
        String source1 = world.uploadSourceArtifact(exec1, Map.of(".shipgate/policy.yaml", policy, "Dockerfile", "FROM ubuntu:22.04\n"));
        String job1 = UUID.randomUUID().toString();
        step("gate: image with CRITICAL/HIGH findings", "PutJobFailureResult (JobFailed) listing CVE-2023-0286 and CVE-2023-38545",
                ShipgateWorld.GATE, () -> {
                    invoke(world, ShipgateWorld.GATE, world.gateJob(job1, exec1, source1, blockingDigest, COMMIT_1));
                    List<CodePipelineStandIn.Call> results = pipeline.jobResults(job1);
                    if (results.size() != 1) {
                        return new Outcome(false, results.size() + " job results");
                    }
                    JsonNode result = results.getFirst().request();
                    String message = result.at("/failureDetails/message").asText();
                    boolean failed = results.getFirst().operation().equals("PutJobFailureResult")
                            && "JobFailed".equals(result.at("/failureDetails/type").asText());
                    return new Outcome(failed && message.contains("CVE-2023-0286") && message.contains("CVE-2023-38545"),
                            results.getFirst().operation() + " " + result.at("/failureDetails/type").asText() + ": " + message);
                });

        world.registerExecution(exec1, "Failed", COMMIT_1, MESSAGE_1);
        List<JsonNode> failVerdicts = new ArrayList<>();
        step("gate verdict FAIL → notifier", "verdict FAIL blocking exactly the 2 un-excepted CVEs; Slack message naming them",
                ShipgateWorld.NOTIFIER, () -> {
                    failVerdicts.addAll(world.drainVerdicts());
                    if (failVerdicts.isEmpty()) {
                        return new Outcome(false, "no verdict published to the topic");
                    }
                    JsonNode verdict = message(failVerdicts.getLast());
                    List<String> blocking = verdict.path("blocking").findValuesAsText("id");
                    Outcome slackOutcome = slackAfter(world, world.snsEvent(failVerdicts.getLast()), "CVE-2023-0286");
                    // CVE-2022-3996 has a reviewed exception in the policy file: it must not block
                    boolean right = "FAIL".equals(verdict.path("verdict").asText())
                            && new java.util.HashSet<>(blocking).equals(java.util.Set.of("CVE-2023-0286", "CVE-2023-38545"));
                    return new Outcome(right && slackOutcome.passed(),
                            "verdict " + verdict.path("verdict").asText() + " blocking " + blocking + "; " + slackOutcome.actual());
                });
        step("pipeline FAILED event", "Slack failure message for commit " + COMMIT_1.substring(0, 7), ShipgateWorld.NOTIFIER, () ->
                slackAfter(world, world.pipelineEvent(root, "pipeline-failed.json", exec1, COMMIT_1, MESSAGE_1), COMMIT_1.substring(0, 7)));
        step("GitHub statuses on " + COMMIT_1.substring(0, 7), "shipgate/pipeline pending then failure; shipgate/security-gate failure",
                ShipgateWorld.NOTIFIER, () -> statuses(world, COMMIT_1, List.of("pending", "failure"), List.of("failure")));

        // 5. The fix: a second push, a clean image, the gate passes, the pipeline recovers.
        String body2 = world.pushBody(root, COMMIT_2, MESSAGE_2);
        String[] execution2 = new String[1];
        step("signed push of the fix", "2xx; StartPipelineExecution on commit " + COMMIT_2.substring(0, 7), ShipgateWorld.WEBHOOK, () -> {
            HttpApiEvents.Answer answer = webhook(world, UUID.randomUUID().toString(), body2, LocalAws.WEBHOOK_SECRET);
            List<JsonNode> starts = pipeline.accepted("StartPipelineExecution");
            String commit = starts.isEmpty() ? "none" : starts.getLast().at("/sourceRevisions/0/revisionValue").asText();
            execution2[0] = executionIdFrom(answer);
            return new Outcome(answer.status() / 100 == 2 && starts.size() == 2 && COMMIT_2.equals(commit),
                    answer.status() + "; starts=" + starts.size() + " commit=" + shortSha(commit));
        });
        String exec2 = execution2[0] != null ? execution2[0] : UUID.randomUUID().toString();
        world.registerExecution(exec2, "InProgress", COMMIT_2, MESSAGE_2);
        String cleanDigest = world.pushScannedImage(COMMIT_2.substring(0, 12), List.of(
                new Images.Vulnerability("CVE-2022-3715", "LOW", "bash", "5.1-6ubuntu1", null),
                new Images.Vulnerability("CVE-2023-4016", "MEDIUM", "procps", "2:3.3.17-6ubuntu2", "5.5")));
        String source2 = world.uploadSourceArtifact(exec2, Map.of(".shipgate/policy.yaml", policy, "Dockerfile", "FROM ubuntu:22.04\n"));
        String job2 = UUID.randomUUID().toString();
        step("gate: clean image (LOW/MEDIUM only)", "PutJobSuccessResult", ShipgateWorld.GATE, () -> {
            invoke(world, ShipgateWorld.GATE, world.gateJob(job2, exec2, source2, cleanDigest, COMMIT_2));
            List<CodePipelineStandIn.Call> results = pipeline.jobResults(job2);
            return new Outcome(results.size() == 1 && results.getFirst().operation().equals("PutJobSuccessResult"),
                    results.isEmpty() ? "no job result" : results.getFirst().operation() + " "
                            + results.getFirst().request().at("/executionDetails/summary").asText());
        });
        step("gate verdict PASS → notifier", "verdict PASS published; notifier accepts it", ShipgateWorld.NOTIFIER, () -> {
            List<JsonNode> verdicts = world.drainVerdicts();
            if (verdicts.isEmpty()) {
                return new Outcome(false, "no verdict published to the topic");
            }
            String verdict = verdictOf(verdicts.getLast());
            int before = slack.deliveries().size();
            InvokeResult result = invoke(world, ShipgateWorld.NOTIFIER, world.snsEvent(verdicts.getLast()));
            world.aws().printNewSlackMessages(out::println);
            world.aws().printNewGitHubStatuses(out::println);
            int rejected = (int) slack.deliveries().stream().skip(before).filter(d -> !d.accepted()).count();
            return new Outcome("PASS".equals(verdict) && !result.error() && rejected == 0,
                    "verdict " + verdict + "; " + (slack.deliveries().size() - before) + " Slack message(s)"
                            + (result.error() ? "; function error " + result.payload() : ""));
        });
        world.registerExecution(exec2, "Succeeded", COMMIT_2, MESSAGE_2);
        step("pipeline SUCCEEDED after a failure", "Slack message marked recovered", ShipgateWorld.NOTIFIER, () ->
                slackAfter(world, world.pipelineEvent(root, "pipeline-succeeded.json", exec2, COMMIT_2, MESSAGE_2), "recover"));
        step("GitHub statuses on " + COMMIT_2.substring(0, 7), "shipgate/pipeline success; shipgate/security-gate success",
                ShipgateWorld.NOTIFIER, () -> statuses(world, COMMIT_2, List.of("success"), List.of("success")));

        // 6. Slack Web API mode (SlackBotTokenSecretArn + SlackChannel): a failing execution as one thread.
        out.println();
        out.println("Slack Web API mode: the notifier with a bot token and a channel, one thread per execution");
        String exec3 = UUID.randomUUID().toString();
        world.registerExecution(exec3, "Failed", COMMIT_1, MESSAGE_1);
        List<byte[]> threadEvents = List.of(
                world.pipelineEvent(root, "pipeline-started.json", exec3, COMMIT_1, MESSAGE_1),
                world.pipelineEvent(root, "stage-started.json", exec3, COMMIT_1, MESSAGE_1),
                world.pipelineEvent(root, "action-failed-scan-gate.json", exec3, COMMIT_1, MESSAGE_1),
                world.verdictForExecution(failVerdicts.isEmpty() ? null : failVerdicts.getLast(), exec3),
                world.pipelineEvent(root, "pipeline-failed.json", exec3, COMMIT_1, MESSAGE_1));
        step("Web API: started, stage, action failed, gate FAIL, failed",
                "one parent chat.postMessage, chat.update only on its ts, 3 replies in its thread, 2 of them broadcast",
                ShipgateWorld.NOTIFIER_WEB_API, () -> {
                    SlackWebApiStandIn api = world.aws().slackApi();
                    int mark = api.calls().size();
                    for (byte[] event : threadEvents) {
                        InvokeResult result = invoke(world, ShipgateWorld.NOTIFIER_WEB_API, event);
                        world.aws().printNewSlackMessages(out::println);
                        if (result.error()) {
                            return new Outcome(false, "function error " + result.payload());
                        }
                    }
                    List<SlackWebApiStandIn.Call> calls = api.calls().subList(mark, api.calls().size());
                    List<SlackWebApiStandIn.Call> parents = calls.stream()
                            .filter(c -> c.ok() && c.method().equals("chat.postMessage") && c.threadTs() == null).toList();
                    String ts = parents.isEmpty() ? "none" : parents.getFirst().ts();
                    long updates = calls.stream().filter(c -> c.ok() && c.method().equals("chat.update")).count();
                    boolean updatesOnParent = calls.stream().filter(c -> c.method().equals("chat.update")).allMatch(c -> ts.equals(c.ts()));
                    List<SlackWebApiStandIn.Call> replies = calls.stream().filter(c -> c.ok() && ts.equals(c.threadTs())).toList();
                    long broadcast = replies.stream().filter(SlackWebApiStandIn.Call::broadcast).count();
                    boolean refused = calls.stream().anyMatch(c -> !c.ok());
                    return new Outcome(parents.size() == 1 && updates > 0 && updatesOnParent && replies.size() == 3 && broadcast == 2
                            && !refused, parents.size() + " parent (ts " + ts + "), " + updates + " updates on it, "
                            + replies.size() + " replies in its thread, " + broadcast + " broadcast" + (refused ? ", some REFUSED" : ""));
                });
    }

    /** What a step observed. */
    private record Outcome(boolean passed, String actual) {
    }

    private void step(String name, String expected, String function, Supplier<Outcome> action) {
        long started = System.nanoTime();
        int logMark = functionLogs.size();
        Outcome outcome;
        try {
            outcome = action.get();
        } catch (RuntimeException e) {
            outcome = new Outcome(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        double millis = (System.nanoTime() - started) / 1e6;
        steps.add(new Step(name, expected, outcome.actual(), outcome.passed(), millis));
        out.printf(Locale.ROOT, "%s %-45s %s%n", outcome.passed() ? "✔" : "✘", name, oneLine(outcome.actual(), 160));
        if (!outcome.passed()) {
            out.println("    expected: " + expected);
            List<String> logs = functionLogs.subList(logMark, functionLogs.size());
            logs.stream().skip(Math.max(0, logs.size() - 15)).forEach(line -> out.println("    " + oneLine(line, 400)));
        }
    }

    private HttpApiEvents.Answer webhook(ShipgateWorld world, String delivery, String body, String secret) {
        InvokeResult result = invoke(world, ShipgateWorld.WEBHOOK, world.webhookEvent(delivery, body, secret));
        return HttpApiEvents.answer(result.payload(), result.error());
    }

    private InvokeResult invoke(ShipgateWorld world, String function, byte[] event) {
        InvokeResult result = world.invoke(function, event);
        out.println("    " + function + ": " + result.reportLine());
        return result;
    }

    private Outcome slackAfter(ShipgateWorld world, byte[] event, String mustContain) {
        SlackReceiver slack = world.aws().slack();
        int before = slack.deliveries().size();
        InvokeResult result = invoke(world, ShipgateWorld.NOTIFIER, event);
        world.aws().printNewSlackMessages(out::println);
        world.aws().printNewGitHubStatuses(out::println);
        List<SlackReceiver.Delivery> fresh = slack.deliveries().subList(before, slack.deliveries().size());
        boolean accepted = !fresh.isEmpty() && fresh.stream().allMatch(SlackReceiver.Delivery::accepted);
        boolean mentions = fresh.stream().anyMatch(d -> d.message() != null
                && d.message().toString().toLowerCase(Locale.ROOT).contains(mustContain.toLowerCase(Locale.ROOT)));
        return new Outcome(!result.error() && accepted && mentions, fresh.size() + " Slack message(s), "
                + (accepted ? "accepted" : "not accepted") + (mentions ? ", mentions '" + mustContain + "'" : ", does not mention '" + mustContain + "'")
                + (result.error() ? "; function error " + result.payload() : ""));
    }

    /** What the GitHub stand-in took for a commit, per context, in order. */
    private static Outcome statuses(ShipgateWorld world, String commit, List<String> pipeline, List<String> gate) {
        GitHubStandIn github = world.aws().github();
        List<String> pipelineStates = github.states(commit, "shipgate/pipeline");
        List<String> gateStates = github.states(commit, "shipgate/security-gate");
        long refused = github.calls().stream().filter(c -> !c.created()).count();
        return new Outcome(pipelineStates.equals(pipeline) && gateStates.equals(gate) && refused == 0,
                "shipgate/pipeline " + pipelineStates + ", shipgate/security-gate " + gateStates + ", " + refused + " refused");
    }

    private static String executionIdFrom(HttpApiEvents.Answer answer) {
        try {
            JsonNode body = MAPPER.readTree(answer.bodyText());
            String id = body.path("executionId").asText(body.path("pipelineExecutionId").asText(null));
            return id == null || id.isBlank() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    private static String verdictOf(JsonNode snsEnvelope) {
        return message(snsEnvelope).path("verdict").asText("?");
    }

    private static JsonNode message(JsonNode snsEnvelope) {
        try {
            return MAPPER.readTree(snsEnvelope.path("Message").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's policy file: HIGH and above block; one HIGH finding has a time-boxed exception. */
    private static String policy() {
        return """
                version: 1
                failOnSeverity: HIGH
                exceptions:
                  - id: CVE-2022-3996
                    package: openssl
                    reason: "Only reachable through X.509 policy constraints, which the service does not use"
                    expires: %s
                    owner: platform-team
                    ticket: SEC-1234
                """.formatted(LocalDate.now().plusDays(30));
    }

    private void printSummary(double seconds) {
        out.println();
        out.println("| # | step | expected | actual | result |");
        out.println("|---|------|----------|--------|--------|");
        int i = 1;
        for (Step step : steps) {
            out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", i++, step.name(), step.expected(), oneLine(step.actual(), 120)
                    .replace("|", "/"), step.passed() ? "PASS" : "FAIL");
        }
        long failed = steps.stream().filter(s -> !s.passed()).count();
        out.printf(Locale.ROOT, "%n%s: %d of %d steps as expected, %.1f s%n", failed == 0 ? "DEMO PASSED" : "DEMO FAILED",
                steps.size() - failed, steps.size(), seconds);
    }

    private static String oneLine(String text, int max) {
        String line = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
