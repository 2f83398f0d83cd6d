package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class LogCheckTest {

    @Test
    void expandedTemplate_everyLogGroupHasRetentionAndEveryWriterUsesOne() {
        assertThat(LogCheck.check(Templates.expanded())).isEmpty();
    }

    @Test
    void copyWithLogGroupWithoutRetention_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "BuildLogGroup").remove("RetentionInDays");

        assertThat(LogCheck.check(template)).extracting(Violation::toString)
                .containsExactly("BuildLogGroup: log group has no RetentionInDays");
    }

    @Test
    void copyWithFunctionLoggingToItsDefaultGroup_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.object(template, "/Resources/WebhookFunction/Properties/LoggingConfig").remove("LogGroup");

        assertThat(LogCheck.check(template)).extracting(Violation::toString)
                .containsExactly("WebhookFunction: LoggingConfig.LogGroup is not a log group of this stack");
    }

    @Test
    void copyWithBuildLoggingToAnUnmanagedGroup_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.object(template, "/Resources/BuildProject/Properties/LogsConfig/CloudWatchLogs").put("GroupName", "/codebuild/anything");

        assertThat(LogCheck.check(template)).extracting(Violation::toString)
                .containsExactly("BuildProject: LogsConfig.CloudWatchLogs.GroupName is not a log group of this stack");
    }

    @Test
    void copyWithApiAccessLogsRemoved_isReported() {
        JsonNode template = Templates.expanded();
        String stage = Cfn.resourcesOfType(template, "AWS::ApiGatewayV2::Stage").keySet().iterator().next();
        Mutations.props(template, stage).remove("AccessLogSettings");

        assertThat(LogCheck.check(template)).extracting(Violation::toString)
                .containsExactly(stage + ": access logs do not go to a log group of this stack");
    }

    @Test
    void copyWithAccessLogGroupOutsideVendedLogs_isReported() {
        JsonNode template = Templates.expanded();
        String stage = Cfn.resourcesOfType(template, "AWS::ApiGatewayV2::Stage").keySet().iterator().next();
        Mutations.props(template, "WebhookApiAccessLogGroup").remove("LogGroupName");

        assertThat(LogCheck.check(template)).extracting(Violation::toString)
                .containsExactly(stage + ": access log group WebhookApiAccessLogGroup is not named under /aws/vendedlogs/ (no LogGroupName)");
    }

    @Test
    void accessLogGroupName_isPerStackUnderVendedLogsShipgate() {
        assertThat(Templates.sam().at("/Resources/WebhookApiAccessLogGroup/Properties/LogGroupName/Fn::Sub").asText())
                .startsWith("/aws/vendedlogs/shipgate/${AWS::StackName}/");
    }
}
