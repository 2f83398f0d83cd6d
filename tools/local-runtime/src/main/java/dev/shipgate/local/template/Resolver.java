package dev.shipgate.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsics the way a local stack would: parameters from the local
 * parameter file (else the template's defaults), pseudo parameters for a fixed local account, and
 * resources by their local physical names. A resource's {@code Ref}/{@code GetAtt} value comes from
 * the parameter file when given there, else from its type's naming rule (the names the local
 * emulators are seeded with).
 */
public final class Resolver {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    /** Marks a value CloudFormation would remove ({@code AWS::NoValue}). */
    public static final String NO_VALUE = "\u0000NoValue";

    private final JsonNode template;
    private final LocalParams params;
    private final String region;
    private final String account;
    private final Map<String, Boolean> conditions = new HashMap<>();

    public Resolver(JsonNode template, LocalParams params, String region, String account) {
        this.template = template;
        this.params = params;
        this.region = region;
        this.account = account;
    }

    public String string(JsonNode node) {
        JsonNode value = evaluate(node);
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Whether a value resolves to {@code AWS::NoValue}. */
    public boolean isNoValue(JsonNode node) {
        return NO_VALUE.equals(evaluate(node).asText(null));
    }

    public JsonNode evaluate(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf("");
        }
        if (!node.isObject() || node.size() != 1) {
            return node;
        }
        String fn = node.fieldNames().next();
        JsonNode arg = node.get(fn);
        return switch (fn) {
            case "Ref" -> text(ref(arg.asText()));
            case "Fn::GetAtt" -> text(getAtt(arg.get(0).asText(), string(arg.get(1))));
            case "Fn::Sub" -> text(sub(arg));
            case "Fn::Join" -> text(join(arg));
            case "Fn::Select" -> evaluate(list(arg.get(1)).get(Integer.parseInt(string(arg.get(0)))));
            case "Fn::Split" -> {
                var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                for (String part : string(arg.get(1)).split(Pattern.quote(string(arg.get(0))), -1)) {
                    array.add(part);
                }
                yield array;
            }
            case "Fn::If" -> evaluate(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
            case "Fn::FindInMap" -> evaluate(template.path("Mappings").path(string(arg.get(0)))
                    .path(string(arg.get(1))).path(string(arg.get(2))));
            case "Fn::ImportValue" -> throw new IllegalArgumentException(
                    "Fn::ImportValue cannot be resolved locally; give the value in local-params.json");
            case "Fn::Base64" -> text(java.util.Base64.getEncoder().encodeToString(string(arg).getBytes()));
            default -> node;
        };
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = template.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        boolean value = truth(definition);
        conditions.put(name, value);
        return value;
    }

    private boolean truth(JsonNode node) {
        String fn = node.fieldNames().next();
        JsonNode arg = node.get(fn);
        return switch (fn) {
            case "Fn::Equals" -> string(arg.get(0)).equals(string(arg.get(1)));
            case "Fn::Not" -> !truth(arg.get(0));
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode each : arg) {
                    all &= truth(each);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode each : arg) {
                    any |= truth(each);
                }
                yield any;
            }
            case "Condition" -> condition(arg.asText());
            default -> throw new IllegalArgumentException("unsupported condition function " + fn);
        };
    }

    private List<JsonNode> list(JsonNode node) {
        JsonNode value = evaluate(node);
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    private String join(JsonNode arg) {
        List<String> parts = new ArrayList<>();
        for (JsonNode item : list(arg.get(1))) {
            parts.add(string(item));
        }
        return String.join(string(arg.get(0)), parts);
    }

    private String sub(JsonNode arg) {
        String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
        Map<String, String> locals = new HashMap<>();
        if (arg.isArray() && arg.size() > 1) {
            arg.get(1).fields().forEachRemaining(e -> locals.put(e.getKey(), string(e.getValue())));
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value;
            if (locals.containsKey(name)) {
                value = locals.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = getAtt(name.substring(0, dot), name.substring(dot + 1));
            } else {
                value = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        // ${!Literal} is an escaped ${Literal}
        return out.toString().replace("${!", "${");
    }

    public String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return account;
            case "AWS::StackName":
                return params.stackName();
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + params.stackName() + "/local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (params.resources().containsKey(name)) {
            return params.resources().get(name);
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            if (params.parameters().containsKey(name)) {
                return params.parameters().get(name);
            }
            if (parameter.has("Default")) {
                return parameter.get("Default").asText();
            }
            throw new IllegalArgumentException("parameter " + name + " has no default; set it in local-params.json");
        }
        JsonNode resource = template.path("Resources").path(name);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("!Ref " + name + ": no such parameter or resource in the template");
        }
        return physicalRef(name, resource.path("Type").asText());
    }

    public String getAtt(String logicalId, String attribute) {
        String key = logicalId + "." + attribute;
        if (params.resources().containsKey(key)) {
            return params.resources().get(key);
        }
        JsonNode resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("!GetAtt " + key + ": no such resource in the template");
        }
        String type = resource.path("Type").asText();
        String name = localName(logicalId, type);
        String arnPrefix = "arn:aws:";
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> arnPrefix + "dynamodb:" + region + ":" + account + ":table/" + name;
            case "AWS::SNS::Topic.TopicArn", "AWS::SNS::Topic.Arn" -> ref(logicalId);
            case "AWS::SNS::Topic.TopicName" -> name;
            case "AWS::SQS::Queue.Arn" -> arnPrefix + "sqs:" + region + ":" + account + ":" + name;
            case "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::SQS::Queue.QueueUrl" -> ref(logicalId);
            case "AWS::S3::Bucket.Arn" -> arnPrefix + "s3:::" + name;
            case "AWS::ECR::Repository.Arn" -> arnPrefix + "ecr:" + region + ":" + account + ":repository/" + name;
            case "AWS::ECR::Repository.RepositoryUri" -> account + ".dkr.ecr." + region + ".amazonaws.com/" + name;
            case "AWS::SecretsManager::Secret.Id" -> ref(logicalId);
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
                    arnPrefix + "lambda:" + region + ":" + account + ":function:" + name;
            case "AWS::Serverless::HttpApi.ApiEndpoint", "AWS::ApiGatewayV2::Api.ApiEndpoint" -> "http://127.0.0.1:3000";
            default -> name + "-" + attribute;
        };
    }

    private String physicalRef(String logicalId, String type) {
        String name = localName(logicalId, type);
        return switch (type) {
            case "AWS::SecretsManager::Secret" -> "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name;
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + account + ":" + name;
            case "AWS::SQS::Queue" -> "http://127.0.0.1/" + account + "/" + name;
            default -> name;
        };
    }

    /** The physical name of a resource in the local account: {@code <stack>-<LogicalId>}, lower case for S3/ECR. */
    public String localName(String logicalId, String type) {
        String name = params.stackName() + "-" + logicalId;
        return type.equals("AWS::S3::Bucket") || type.equals("AWS::ECR::Repository") ? name.toLowerCase(Locale.ROOT) : name;
    }

    private static JsonNode text(String value) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }
}
