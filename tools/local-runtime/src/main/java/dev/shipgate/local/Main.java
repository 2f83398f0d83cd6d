package dev.shipgate.local;

import dev.shipgate.local.api.StartApi;
import dev.shipgate.local.bench.Bench;
import dev.shipgate.local.demo.Demo;
import dev.shipgate.local.demo.EventSeeds;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.BuiltinFunctions;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.local.template.LocalParams;
import dev.shipgate.local.template.SamTemplate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code tools/shipgate-local}: demo | invoke FUNCTION EVENT_FILE | start-api | bench | preload-list. */
public final class Main {

    private static final String USAGE = """
            usage: tools/shipgate-local <command>
              demo                              run shipgate's main job on local emulators (exit 1 if any step misbehaves)
              invoke FUNCTION EVENT_FILE        run one function once, like 'sam local invoke' (FUNCTION: github-webhook,
                     [--snapstart]              scan-gate, slack-notifier, a logical ID from template.yaml, or 'trivial')
              start-api [--port 3000]           serve POST http://127.0.0.1:3000/webhook with the github-webhook function
                        [--snapstart]
              bench [--cold 7] [--warm 200]     restore penalty (SnapStart), full init on one CPU and on two vs a trivial
                    [--only scan-gate,...]      handler, warm start, artifact size, gate evaluation, cold-start breakdown
                    [--keep-classload-logs]     -> tools/local-runtime/target/bench/results.md + .json (and class-load logs)
                    [--docs]                    and docs/performance.md generated from that results.json
              bench render [RESULTS_JSON]       docs/performance.md from a stored results.json
              preload-list                      record each function's cold-start class list into its
                                                src/main/resources/shipgate-preload-classes.txt
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        quietSlf4jNotice();
        Path root = Workspace.root();
        int code;
        try {
            code = switch (args[0]) {
                case "demo" -> Demo.run(root, System.out);
                case "invoke" -> invoke(root, List.of(args).subList(1, args.length));
                case "start-api" -> startApi(root, List.of(args).subList(1, args.length));
                case "bench" -> Bench.run(root, List.of(args).subList(1, args.length), System.out);
                case "preload-list" -> Bench.recordPreloadLists(root, System.out);
                default -> {
                    System.err.print(USAGE);
                    yield 2;
                }
            };
        } catch (LocalFunction.InitFailure e) {
            e.logs().forEach(System.err::println);
            System.err.println("INIT FAILED: " + e.getMessage());
            code = 1;
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("shipgate-local: no such file: " + e.getMessage());
            code = 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("shipgate-local: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    /**
     * The SDK clients this tool uses to seed the emulators bring slf4j-api without a binding, and
     * SLF4J 1.7 then prints a three-line "Failed to load class" notice that reads like an error.
     * This tool logs nothing through SLF4J, so the notice is dropped.
     */
    private static void quietSlf4jNotice() {
        PrintStream err = System.err;
        System.setErr(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, java.nio.charset.StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                if (line == null || !line.startsWith("SLF4J: ")) {
                    err.println(line);
                }
            }
        });
    }

    private static int invoke(Path root, List<String> args) throws Exception {
        List<String> positional = new ArrayList<>(args.stream().filter(a -> !a.startsWith("--")).toList());
        boolean snapStart = snapStart(args);
        if (positional.size() != 2) {
            System.err.print(USAGE);
            return 2;
        }
        // relative to where the user ran the launcher (it changes to the repository root), else to the root
        Path eventFile = Path.of(System.getProperty("shipgate.cwd", "")).toAbsolutePath().resolve(positional.get(1));
        if (!Files.exists(eventFile)) {
            eventFile = root.resolve(positional.get(1));
        }
        byte[] event = Files.readAllBytes(eventFile);
        String name = positional.get(0);
        if (BuiltinFunctions.isBuiltin(name)) {
            FunctionSpec spec = BuiltinFunctions.spec(name, Workspace.workDir(root), 512);
            try (LocalFunction function = new LocalFunction(spec, snapStart, List.of(), System.err::println)) {
                return print(function.invoke(event));
            }
        }
        SamTemplate template = SamTemplate.read(root);
        try (LocalAws aws = LocalAws.start()) {
            FunctionSpec spec = template.spec(name, Workspace.params(root), Workspace.workDir(root));
            aws.seed(spec);
            aws.describe().forEach(System.err::println);
            EventSeeds.seed(root, spec, event, aws).forEach(System.err::println);
            try (LocalFunction function = new LocalFunction(spec.withEnvironment(aws.endpointVariables(spec)), snapStart,
                    List.of(), System.err::println)) {
                int code = print(function.invoke(event));
                aws.printNewSlackMessages(System.err::println);
                aws.codePipeline().calls().forEach(call -> System.err.println("CodePipeline stand-in: " + call.operation()
                        + " " + call.request() + " -> " + call.status() + (call.errorType() == null ? "" : " " + call.errorType())));
                return code;
            }
        }
    }

    private static int print(InvokeResult result) {
        System.out.println(result.payload());
        System.err.println(result.reportLine());
        return result.error() ? 1 : 0;
    }

    private static int startApi(Path root, List<String> args) throws Exception {
        int port = 3000;
        int at = args.indexOf("--port");
        if (at >= 0 && at + 1 < args.size()) {
            port = Integer.parseInt(args.get(at + 1));
        }
        SamTemplate template = SamTemplate.read(root);
        LocalParams params = Workspace.params(root);
        try (LocalAws aws = LocalAws.start()) {
            FunctionSpec spec = template.spec("github-webhook", params, Workspace.workDir(root));
            aws.seed(spec);
            try (LocalFunction function = new LocalFunction(spec.withEnvironment(aws.endpointVariables(spec)), snapStart(args),
                    List.of(), System.err::println);
                 StartApi api = new StartApi(port, function, System.out, () -> aws.codePipeline().calls().stream()
                         .skip(Math.max(0, aws.codePipeline().calls().size() - 1))
                         .forEach(call -> System.out.println("CodePipeline stand-in: " + call.operation() + " "
                                 + call.request() + " -> " + call.status()))).start()) {
                aws.describe().forEach(System.out::println);
                System.out.println("github-webhook (" + spec.name() + ") at http://127.0.0.1:" + api.port() + StartApi.ROUTE);
                System.out.println("webhook secret (local Secrets Manager): " + LocalAws.WEBHOOK_SECRET);
                System.out.println("try:  body='{\"ref\":\"refs/heads/" + spec.environment().get("GITHUB_BRANCH")
                        + "\",\"after\":\"0123456789abcdef0123456789abcdef01234567\",\"repository\":{\"full_name\":\""
                        + spec.environment().get("GITHUB_REPOSITORY") + "\"},\"head_commit\":{\"id\":\"0123456789abcdef0123456789abcdef01234567\","
                        + "\"message\":\"local\"},\"commits\":[]}'; "
                        + "sig=$(printf %s \"$body\" | openssl dgst -sha256 -hmac " + LocalAws.WEBHOOK_SECRET + " | sed 's/^.* //'); "
                        + "curl -si http://127.0.0.1:" + api.port() + StartApi.ROUTE
                        + " -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' -H \"X-GitHub-Delivery: $(cat /proc/sys/kernel/random/uuid)\" "
                        + "-H \"X-Hub-Signature-256: sha256=$sig\" -d \"$body\"");
                System.out.println("Ctrl-C to stop.");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
        }
        return 0;
    }

    private static boolean snapStart(List<String> args) {
        return args.contains("--snapstart") || "snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }
}
