package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every log group has a retention, and every writer (function, CodeBuild project, HTTP API stage)
 * writes to a log group of the stack rather than to one AWS would create without retention.
 */
public final class LogCheck {

    private LogCheck() {
    }

    public static List<Violation> check(JsonNode expanded) {
        List<Violation> v = new ArrayList<>();
        Set<String> groups = Cfn.resourcesOfType(expanded, "AWS::Logs::LogGroup").keySet();
        Cfn.resourcesOfType(expanded, "AWS::Logs::LogGroup").forEach((id, r) -> {
            if (Cfn.properties(r).path("RetentionInDays").isMissingNode()) {
                v.add(new Violation(id, "log group has no RetentionInDays"));
            }
        });
        Cfn.resourcesOfType(expanded, "AWS::Lambda::Function").forEach((id, r) -> {
            if (!inStack(Cfn.properties(r).path("LoggingConfig").path("LogGroup"), groups)) {
                v.add(new Violation(id, "LoggingConfig.LogGroup is not a log group of this stack"));
            }
        });
        Cfn.resourcesOfType(expanded, "AWS::CodeBuild::Project").forEach((id, r) -> {
            JsonNode cw = Cfn.properties(r).path("LogsConfig").path("CloudWatchLogs");
            if (!inStack(cw.path("GroupName"), groups)) {
                v.add(new Violation(id, "LogsConfig.CloudWatchLogs.GroupName is not a log group of this stack"));
            }
        });
        Cfn.resourcesOfType(expanded, "AWS::ApiGatewayV2::Stage").forEach((id, r) -> {
            JsonNode destination = Cfn.properties(r).path("AccessLogSettings").path("DestinationArn");
            if (!inStack(destination, groups)) {
                v.add(new Violation(id, "access logs do not go to a log group of this stack"));
                return;
            }
            // Outside /aws/vendedlogs/ each such group is added to the account's log-delivery resource policy,
            // which is capped at 5,120 characters per region: stack creation then fails after a few dozen projects.
            String group = Cfn.target(destination).orElseThrow();
            JsonNode name = Cfn.properties(expanded.path("Resources").path(group)).path("LogGroupName");
            if (!name.toString().contains("/aws/vendedlogs/")) {
                v.add(new Violation(id, "access log group " + group + " is not named under /aws/vendedlogs/ ("
                        + (name.isMissingNode() ? "no LogGroupName" : name.toString()) + ")"));
            }
        });
        return v;
    }

    private static boolean inStack(JsonNode value, Set<String> groups) {
        return Cfn.target(value).map(groups::contains).orElse(false);
    }
}
