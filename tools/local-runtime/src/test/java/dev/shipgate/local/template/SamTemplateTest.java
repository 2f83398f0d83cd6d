package dev.shipgate.local.template;

import dev.shipgate.local.Workspace;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real template.yaml, read and resolved with the real local-params.json. */
class SamTemplateTest {

    private final SamTemplate template = SamTemplate.read(Workspace.root());

    @Test
    void functions_areTheThreeShipgateFunctionsWithTheirHandlersAndZips() {
        assertThat(template.functions()).extracting(SamTemplate.Function::module)
                .containsExactlyInAnyOrder("github-webhook", "scan-gate", "slack-notifier");
        assertThat(template.function("github-webhook").handler()).isEqualTo("dev.shipgate.webhook.WebhookHandler::handleRequest");
        assertThat(template.function("scan-gate").handler()).isEqualTo("dev.shipgate.gate.ScanGateHandler::handleRequest");
        assertThat(template.function("slack-notifier").handler()).isEqualTo("dev.shipgate.notifier.SlackNotifierHandler::handleRequest");
        for (SamTemplate.Function function : template.functions()) {
            assertThat(function.codeUri()).as("%s: sam build runs the root Makefile", function.logicalId()).isEqualTo(".");
        }
    }

    @Test
    void makeTargets_nameEveryFunctionOfTheTemplate_withBuildMethodMakefile() {
        var modules = MakeTargets.modules(Workspace.root());

        assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(
                template.functions().stream().map(SamTemplate.Function::logicalId).toList());
        for (String logicalId : modules.keySet()) {
            assertThat(template.root().at("/Resources/" + logicalId + "/Metadata/BuildMethod").asText())
                    .as(logicalId).isEqualTo("makefile");
        }
    }

    @Test
    void environment_everyVariableResolvesToAPlainValue() {
        LocalParams params = Workspace.params(Workspace.root());
        Resolver resolver = new Resolver(template.root(), params, "us-east-1", "123456789012");
        Map<String, Map<String, String>> resolved = new HashMap<>();
        for (SamTemplate.Function function : template.functions()) {
            Map<String, String> env = new HashMap<>();
            function.variables().fields().forEachRemaining(e -> env.put(e.getKey(), resolver.string(e.getValue())));
            resolved.put(function.module(), env);
            assertThat(env.values()).as(function.module()).noneMatch(v -> v.contains("{") || v.contains("${"));
        }

        assertThat(resolved.get("github-webhook"))
                .containsEntry("GITHUB_REPOSITORY", "octo-org/hello-shipgate")
                .containsEntry("GITHUB_BRANCH", "main")
                .containsEntry("PIPELINE_NAME", "shipgate-local-Pipeline")
                .containsEntry("DELIVERIES_TABLE_NAME", "shipgate-local-DeliveriesTable")
                .containsEntry("WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:shipgate-local-WebhookSecret");
        assertThat(resolved.get("slack-notifier"))
                .containsEntry("SLACK_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:shipgate-local-SlackWebhookSecret")
                .containsEntry("STATE_TABLE_NAME", "shipgate-local-NotifierStateTable");
        assertThat(resolved.get("scan-gate"))
                .containsEntry("NOTIFY_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:shipgate-local-NotifyTopic")
                .containsEntry("SCAN_TIMEOUT_MINUTES", "1");
    }

    @Test
    void spec_unpacksTheBuiltZipAsTaskRoot() {
        var spec = template.spec("github-webhook", Workspace.params(Workspace.root()), Workspace.workDir(Workspace.root()));

        assertThat(spec.taskRoot().resolve("lib")).isDirectory();
        assertThat(spec.memoryMb()).isEqualTo(1024);
        assertThat(spec.timeoutSeconds()).isEqualTo(9);
        assertThat(spec.environment()).containsEntry("AWS_LAMBDA_LOG_FORMAT", "JSON");
    }
}
