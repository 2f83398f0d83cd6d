package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The outputs a person needs right after sam deploy, per the issue. */
class OutputsTest {

    @Test
    void template_outputsEverythingNeededToFinishTheSetup() {
        JsonNode outputs = Templates.sam().path("Outputs");

        assertThat(outputs.fieldNames()).toIterable().contains("WebhookUrl", "WebhookSecretArn", "WebhookSecretCommand",
                "RegisterWebhookCommand", "ConnectionArn", "ConnectionStatusNote", "EcrRepositoryUri", "PipelineName",
                "PipelineConsoleUrl", "NotifyTopicArn");
        assertThat(outputs.at("/WebhookUrl/Value/Fn::Sub").asText()).endsWith("/webhook");
        assertThat(outputs.at("/WebhookSecretCommand/Value/Fn::Sub").asText())
                .startsWith("aws secretsmanager get-secret-value").contains("--secret-id ${WebhookSecret}");
        assertThat(outputs.at("/RegisterWebhookCommand/Value/Fn::Sub").asText())
                .contains("repos/${GitHubOwner}/${GitHubRepo}/hooks", "'events[]=push'", "'config[content_type]=json'",
                        "config[url]=https://${WebhookApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/webhook", "config[secret]=");
        assertThat(outputs.at("/ConnectionStatusNote/Value").toString()).contains("Update pending connection");
    }

    @Test
    void copyWithUndescribedOutput_isReported() {
        JsonNode template = Templates.sam();
        Mutations.object(template, "/Outputs/PipelineName").remove("Description");

        assertThat(InterfaceCheck.check(template)).extracting(Violation::toString).containsExactly("PipelineName: output has no Description");
    }
}
