package dev.shipgate.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CfnYamlTest {

    private static final String TEMPLATE = """
            Parameters:
              Owner: {Type: String}
              Branch: {Type: String, Default: main}
              SlackUrl: {Type: String, Default: ""}
            Conditions:
              HasSlack: !Not [!Equals [!Ref SlackUrl, ""]]
            Resources:
              Table: {Type: AWS::DynamoDB::Table}
              Secret: {Type: AWS::SecretsManager::Secret}
              Topic: {Type: AWS::SNS::Topic}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      TABLE: !Ref Table
                      TABLE_ARN: !GetAtt Table.Arn
                      REPO: !Sub "${Owner}/x-${AWS::Region}"
                      LITERAL: !Sub "${!NotAVar}"
                      SECRET: !If [HasSlack, !Ref Secret, !Ref SlackUrl]
                      JOINED: !Join ["-", [a, !Ref Branch]]
                      TOPIC: !Ref Topic
                      PLAIN: Source
            """;

    @Test
    void read_shortFormTags_becomeIntrinsicFunctions() {
        JsonNode vars = CfnYaml.read(TEMPLATE).at("/Resources/Fn/Properties/Environment/Variables");

        assertThat(vars.get("TABLE").toString()).isEqualTo("{\"Ref\":\"Table\"}");
        assertThat(vars.get("TABLE_ARN").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Table\",\"Arn\"]}");
        assertThat(vars.get("SECRET").toString()).isEqualTo("{\"Fn::If\":[\"HasSlack\",{\"Ref\":\"Secret\"},{\"Ref\":\"SlackUrl\"}]}");
        assertThat(vars.get("PLAIN").asText()).isEqualTo("Source");
    }

    @Test
    void resolver_refsSubsConditions_resolveAgainstLocalParameters() {
        JsonNode template = CfnYaml.read(TEMPLATE);
        Resolver resolver = new Resolver(template, new LocalParams("st", Map.of("Owner", "octo"), Map.of()), "us-east-1", "123456789012");
        JsonNode vars = template.at("/Resources/Fn/Properties/Environment/Variables");

        assertThat(resolver.string(vars.get("TABLE"))).isEqualTo("st-Table");
        assertThat(resolver.string(vars.get("TABLE_ARN"))).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/st-Table");
        assertThat(resolver.string(vars.get("REPO"))).isEqualTo("octo/x-us-east-1");
        assertThat(resolver.string(vars.get("LITERAL"))).isEqualTo("${NotAVar}");
        assertThat(resolver.string(vars.get("SECRET"))).isEmpty();
        assertThat(resolver.string(vars.get("JOINED"))).isEqualTo("a-main");
        assertThat(resolver.string(vars.get("TOPIC"))).isEqualTo("arn:aws:sns:us-east-1:123456789012:st-Topic");
    }

    @Test
    void resolver_conditionTrue_andResourceOverride_win() {
        JsonNode template = CfnYaml.read(TEMPLATE);
        LocalParams params = new LocalParams("st", Map.of("Owner", "o", "SlackUrl", "https://hooks"), Map.of("Table", "given"));
        Resolver resolver = new Resolver(template, params, "us-east-1", "123456789012");
        JsonNode vars = template.at("/Resources/Fn/Properties/Environment/Variables");

        assertThat(resolver.string(vars.get("SECRET"))).isEqualTo("arn:aws:secretsmanager:us-east-1:123456789012:secret:st-Secret");
        assertThat(resolver.string(vars.get("TABLE"))).isEqualTo("given");
    }
}
