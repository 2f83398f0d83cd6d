package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two stacks (two projects) must deploy side by side in one account and region: physical names are
 * left to CloudFormation, and a name AWS requires is made unique with the stack's name or id.
 */
public final class NamingCheck {

    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::DynamoDB::Table", "TableName"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            Map.entry("AWS::ECR::Repository", "RepositoryName"),
            Map.entry("AWS::CodePipeline::Pipeline", "Name"),
            Map.entry("AWS::CodeBuild::Project", "Name"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::SecretsManager::Secret", "Name"),
            Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::CodeConnections::Connection", "ConnectionName"),
            Map.entry("AWS::CodeStarConnections::Connection", "ConnectionName"));

    private NamingCheck() {
    }

    public static List<Violation> check(JsonNode template) {
        List<Violation> v = new ArrayList<>();
        Cfn.resources(template).forEach((id, r) -> {
            String property = NAME_PROPERTY.get(r.path("Type").asText());
            if (property == null) {
                return;
            }
            JsonNode name = Cfn.properties(r).path(property);
            if (name.isMissingNode()) {
                return;
            }
            String text = name.toString();
            if (!text.contains("AWS::StackName") && !text.contains("AWS::StackId")) {
                v.add(new Violation(id, property + " " + text
                        + " does not depend on the stack; a second stack would collide. Drop it or add the stack name/id"));
            }
        });
        return v;
    }
}
