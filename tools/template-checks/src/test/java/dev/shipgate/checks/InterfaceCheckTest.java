package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

class InterfaceCheckTest {

    @Test
    void samTemplate_everyParameterIsDescribedConstrainedGroupedAndLabelled() {
        assertThat(InterfaceCheck.check(Templates.sam())).isEmpty();
    }

    @Test
    void copyWithUnconstrainedParameter_isReported() {
        JsonNode template = Templates.sam();
        Mutations.object(template, "/Parameters/GitHubRepo").remove("AllowedPattern");

        assertThat(InterfaceCheck.check(template)).extracting(Violation::toString)
                .containsExactly("GitHubRepo: parameter has no AllowedPattern, AllowedValues or MinValue/MaxValue");
    }

    @Test
    void copyWithUngroupedParameter_isReported() {
        JsonNode template = Templates.sam();
        ArrayNode groups = (ArrayNode) template.at("/Metadata/AWS::CloudFormation::Interface/ParameterGroups");
        ArrayNode last = (ArrayNode) groups.get(groups.size() - 1).path("Parameters");
        last.removeAll();

        assertThat(InterfaceCheck.check(template)).extracting(Violation::toString)
                .containsExactly("LogRetentionDays: parameter is in 0 parameter groups, expected exactly 1");
    }

    @Test
    void copyWithEchoedSlackUrl_isReported() {
        JsonNode template = Templates.sam();
        Mutations.object(template, "/Parameters/SlackWebhookUrl").remove("NoEcho");

        assertThat(InterfaceCheck.check(template)).extracting(Violation::toString)
                .containsExactly("SlackWebhookUrl: parameter looks secret but is not NoEcho");
    }

    @Test
    void copyTakingTheBotTokenItselfWithoutNoEcho_isReported_itsSecretArnIsNot() {
        JsonNode template = Templates.sam();
        var parameters = Mutations.object(template, "/Parameters");
        parameters.set("SlackBotToken", parameters.get("SlackBotTokenSecretArn").deepCopy());
        Mutations.object(template, "/Metadata/AWS::CloudFormation::Interface/ParameterLabels").set("SlackBotToken",
                template.at("/Metadata/AWS::CloudFormation::Interface/ParameterLabels/SlackBotTokenSecretArn").deepCopy());
        ((com.fasterxml.jackson.databind.node.ArrayNode) template.at("/Metadata/AWS::CloudFormation::Interface/ParameterGroups/0/Parameters"))
                .add("SlackBotToken");

        assertThat(InterfaceCheck.check(template)).extracting(Violation::toString)
                .containsExactly("SlackBotToken: parameter looks secret but is not NoEcho");
    }

    @Test
    void copyWithoutDescription_isReported() {
        JsonNode template = Templates.sam();
        Mutations.object(template, "/Parameters/Email").remove("Description");

        assertThat(InterfaceCheck.check(template)).extracting(Violation::toString)
                .containsExactly("Email: parameter has no Description");
    }
}
