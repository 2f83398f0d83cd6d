package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ArtifactCheckTest {

    @Test
    void template_handlersAreRunnableClassesInTheBuiltZips() {
        assertThat(ArtifactCheck.check(Templates.sam(), Templates.root())).isEmpty();
    }

    @Test
    void copyWithHandlerClassNotInTheZip_isReported() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "WebhookFunction").put("Handler", "dev.shipgate.webhook.NoSuchHandler::handleRequest");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).contains(
                "WebhookFunction: Handler class dev.shipgate.webhook.NoSuchHandler is not in functions/github-webhook/target/function.zip");
    }

    @Test
    void copyWithCodeUriOfAnUnbuiltModule_isReported() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "ScanGateFunction").put("CodeUri", "functions/not-built/target/function.zip");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).contains(
                "ScanGateFunction: CodeUri functions/not-built/target/function.zip does not exist (run ./mvnw package)");
    }

    @Test
    void copyWithCodeUriOutsideTheBuildLayout_isReported() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "NotifierFunction").put("CodeUri", "functions/slack-notifier");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).contains(
                "NotifierFunction: CodeUri 'functions/slack-notifier' is not functions/<module>/target/function.zip");
    }

    @Test
    void copyWithHandlerWithoutMethod_isReported() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "NotifierFunction").put("Handler", "dev.shipgate.notifier.SlackNotifierHandler");

        var violations = ArtifactCheck.check(template, Templates.root());

        assertThat(violations).extracting(Violation::toString).contains(
                "NotifierFunction: Handler 'dev.shipgate.notifier.SlackNotifierHandler' is not <class>::<method>");
    }
}
