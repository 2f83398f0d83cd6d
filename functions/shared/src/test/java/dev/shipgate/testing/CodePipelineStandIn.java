package dev.shipgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * STAND-IN, NOT AWS: a local HTTP server speaking CodePipeline's AWS JSON 1.1 protocol for the four
 * operations moto_server does not implement ({@code StartPipelineExecution}, {@code PutJobSuccessResult},
 * {@code PutJobFailureResult}, {@code GetPipelineExecution}). Code under test keeps the real
 * {@code CodePipelineClient}; this server checks each request the way the CodePipeline API does
 * (SigV4 header present, protocol headers, required members, lengths, patterns, enums, one result
 * per job) and records it, answering with CodePipeline's own error shapes.
 */
public final class CodePipelineStandIn extends LocalHttpServer {

    private static final String TARGET_PREFIX = "CodePipeline_20150709.";
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
    private static final Pattern REQUEST_TOKEN = Pattern.compile("^[a-zA-Z0-9-]{1,128}$");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9@\\-_]{1,128}");
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> REVISION_TYPES = Set.of("COMMIT_ID", "IMAGE_DIGEST", "S3_OBJECT_VERSION_ID", "S3_OBJECT_KEY");
    private static final Set<String> FAILURE_TYPES = Set.of("JobFailed", "ConfigurationError", "PermissionError",
            "RevisionOutOfSync", "RevisionUnavailable", "SystemUnavailable");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> pipelines = new HashSet<>();
    private final Map<String, String> executionsByToken = new HashMap<>();
    private final Map<String, JsonNode> executions = new HashMap<>();
    private final Set<String> finishedJobs = new HashSet<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();

    /** One request as received: operation, parsed body, the answer given, and the access key id it was signed with. */
    public record Call(String operation, JsonNode request, int status, String errorType, String accessKeyId) {
        public boolean succeeded() {
            return status == 200;
        }
    }

    private record Fault(int status, String errorType, String message) {
    }

    public CodePipelineStandIn() {
        super();
    }

    /** Makes a pipeline known; starting any other name answers {@code PipelineNotFoundException}. */
    public synchronized CodePipelineStandIn withPipeline(String name) {
        pipelines.add(name);
        return this;
    }

    /**
     * Sets what {@code GetPipelineExecution} answers for an execution id: the {@code pipelineExecution}
     * object exactly as the API returns it.
     */
    public synchronized CodePipelineStandIn withExecution(String executionId, String pipelineExecutionJson) {
        try {
            executions.put(executionId, MAPPER.readTree(pipelineExecutionJson));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** Marks a job as already finished, as after a previous result: the next result answers InvalidJobStateException. */
    public synchronized CodePipelineStandIn withFinishedJob(String jobId) {
        finishedJobs.add(jobId);
        return this;
    }

    /**
     * Forgets a job id and its results, as if CodePipeline had never issued it: published sample events share
     * job ids, and each must be judged as the new job it would be.
     */
    public synchronized CodePipelineStandIn forgetJob(String jobId) {
        finishedJobs.remove(jobId);
        calls.removeIf(c -> c.operation().startsWith("PutJob") && jobId.equals(c.request().path("jobId").asText()));
        return this;
    }

    /** The next {@code times} calls of {@code operation} fail with this error (e.g. 400 ThrottlingException, 500 InternalFailure). */
    public synchronized CodePipelineStandIn failNext(String operation, int times, int status, String errorType) {
        Deque<Fault> queue = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Fault(status, errorType, "injected by the test"));
        }
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** Successful calls of an operation: what CodePipeline actually accepted. */
    public List<JsonNode> accepted(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation) && c.succeeded()).map(Call::request).toList();
    }

    /** Job results (success or failure) accepted for a job id. */
    public List<Call> jobResults(String jobId) {
        return calls.stream()
                .filter(c -> c.operation().startsWith("PutJob") && c.succeeded() && jobId.equals(c.request().path("jobId").asText()))
                .toList();
    }

    @Override
    protected synchronized Reply handle(HttpExchange exchange, byte[] body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : String.valueOf(target);
        JsonNode request;
        try {
            request = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            return record(operation, MAPPER.createObjectNode(), error(400, "SerializationException", "body is not JSON"), exchange);
        }
        Reply reply = answer(exchange, operation, request);
        return record(operation, request, reply, exchange);
    }

    private Reply answer(HttpExchange exchange, String operation, JsonNode request) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")
                || !authorization.contains("/codepipeline/aws4_request") || !authorization.contains("Signature=")) {
            return error(400, "IncompleteSignatureException", "Authorization header with a SigV4 codepipeline signature is required");
        }
        if (!"POST".equals(exchange.getRequestMethod())
                || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/x-amz-json-1.1")) {
            return error(400, "SerializationException", "expected POST with Content-Type application/x-amz-json-1.1");
        }
        Deque<Fault> queue = faults.get(operation);
        if (queue != null && !queue.isEmpty()) {
            Fault fault = queue.poll();
            return error(fault.status(), fault.errorType(), fault.message());
        }
        return switch (operation) {
            case "StartPipelineExecution" -> startPipelineExecution(request);
            case "PutJobSuccessResult" -> putJobSuccessResult(request);
            case "PutJobFailureResult" -> putJobFailureResult(request);
            case "GetPipelineExecution" -> getPipelineExecution(request);
            default -> error(400, "UnknownOperationException", "stand-in does not serve " + operation);
        };
    }

    private Reply startPipelineExecution(JsonNode request) {
        String name = request.path("name").asText("");
        if (!PIPELINE_NAME.matcher(name).matches()) {
            return validation("name must match [A-Za-z0-9.@\\-_]{1,100}");
        }
        String token = request.path("clientRequestToken").asText(null);
        if (token != null && !REQUEST_TOKEN.matcher(token).matches()) {
            return validation("clientRequestToken must match ^[a-zA-Z0-9-]+$ with length 1-128");
        }
        JsonNode variables = request.path("variables");
        if (!variables.isMissingNode()) {
            if (!variables.isArray() || variables.isEmpty() || variables.size() > 50) {
                return validation("variables must hold 1 to 50 entries");
            }
            Set<String> seen = new HashSet<>();
            for (JsonNode variable : variables) {
                String varName = variable.path("name").asText("");
                String value = variable.path("value").asText("");
                if (!VARIABLE_NAME.matcher(varName).matches()) {
                    return validation("variable name '" + varName + "' must match [A-Za-z0-9@\\-_]{1,128}");
                }
                if (value.isEmpty() || value.length() > 1000) {
                    return validation("variable " + varName + " value must be 1-1000 characters");
                }
                if (!seen.add(varName)) {
                    return validation("variable " + varName + " given twice");
                }
            }
        }
        JsonNode revisions = request.path("sourceRevisions");
        if (!revisions.isMissingNode()) {
            if (!revisions.isArray() || revisions.size() > 50) {
                return validation("sourceRevisions must hold at most 50 entries");
            }
            for (JsonNode revision : revisions) {
                String actionName = revision.path("actionName").asText("");
                String type = revision.path("revisionType").asText("");
                String value = revision.path("revisionValue").asText("");
                if (actionName.isEmpty() || actionName.length() > 100) {
                    return validation("sourceRevisions.actionName must be 1-100 characters");
                }
                if (!REVISION_TYPES.contains(type)) {
                    return validation("sourceRevisions.revisionType must be one of " + REVISION_TYPES);
                }
                if (value.isEmpty() || value.length() > 1500) {
                    return validation("sourceRevisions.revisionValue must be 1-1500 characters");
                }
            }
        }
        if (!pipelines.contains(name)) {
            return error(400, "PipelineNotFoundException", "The account with id '123456789012' does not include a pipeline with the name " + name);
        }
        String executionId = token == null ? UUID.randomUUID().toString()
                : executionsByToken.computeIfAbsent(token, t -> UUID.randomUUID().toString());
        return ok(MAPPER.createObjectNode().put("pipelineExecutionId", executionId));
    }

    private Reply putJobSuccessResult(JsonNode request) {
        Reply invalid = checkJob(request);
        if (invalid != null) {
            return invalid;
        }
        JsonNode token = request.path("continuationToken");
        if (!token.isMissingNode() && (token.asText().isEmpty() || token.asText().length() > 2048)) {
            return validation("continuationToken must be 1-2048 characters");
        }
        JsonNode outputVariables = request.path("outputVariables");
        if (!outputVariables.isMissingNode()) {
            if (!token.isMissingNode()) {
                return validation("outputVariables cannot be set together with a continuationToken");
            }
            var names = outputVariables.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!VARIABLE_NAME.matcher(key).matches()) {
                    return validation("output variable name '" + key + "' must match [A-Za-z0-9@\\-_]+");
                }
            }
        }
        JsonNode summary = request.path("executionDetails").path("summary");
        if (!summary.isMissingNode() && (summary.asText().isEmpty() || summary.asText().length() > 2048)) {
            return validation("executionDetails.summary must be 1-2048 characters");
        }
        JsonNode percent = request.path("executionDetails").path("percentComplete");
        if (!percent.isMissingNode() && (percent.asInt() < 0 || percent.asInt() > 100)) {
            return validation("executionDetails.percentComplete must be 0-100");
        }
        finishJob(request);
        return ok(MAPPER.createObjectNode());
    }

    private Reply putJobFailureResult(JsonNode request) {
        Reply invalid = checkJob(request);
        if (invalid != null) {
            return invalid;
        }
        JsonNode details = request.path("failureDetails");
        if (!FAILURE_TYPES.contains(details.path("type").asText(""))) {
            return validation("failureDetails.type must be one of " + FAILURE_TYPES);
        }
        String message = details.path("message").asText("");
        if (message.isEmpty() || message.length() > 5000) {
            return validation("failureDetails.message must be 1-5000 characters, got " + message.length());
        }
        finishJob(request);
        return ok(MAPPER.createObjectNode());
    }

    private Reply checkJob(JsonNode request) {
        String jobId = request.path("jobId").asText("");
        if (!JOB_ID.matcher(jobId).matches()) {
            return validation("jobId must be a job UUID, got '" + jobId + "'");
        }
        if (finishedJobs.contains(jobId)) {
            return error(400, "InvalidJobStateException", "Job " + jobId + " is not in a state that accepts a result");
        }
        return null;
    }

    private void finishJob(JsonNode request) {
        // A continuation (success with a token) also closes this job id: CodePipeline re-invokes with a new job.
        finishedJobs.add(request.path("jobId").asText());
    }

    private Reply getPipelineExecution(JsonNode request) {
        String name = request.path("pipelineName").asText("");
        String executionId = request.path("pipelineExecutionId").asText("");
        if (!PIPELINE_NAME.matcher(name).matches()) {
            return validation("pipelineName must match [A-Za-z0-9.@\\-_]{1,100}");
        }
        if (!pipelines.contains(name)) {
            return error(400, "PipelineNotFoundException", "no pipeline named " + name);
        }
        JsonNode execution = executions.get(executionId);
        if (execution == null) {
            return error(400, "PipelineExecutionNotFoundException", "no execution " + executionId + " in pipeline " + name);
        }
        ObjectNode response = MAPPER.createObjectNode();
        response.set("pipelineExecution", execution);
        return ok(response);
    }

    private Reply record(String operation, JsonNode request, Reply reply, HttpExchange exchange) {
        String errorType = null;
        if (reply.status() != 200) {
            try {
                errorType = MAPPER.readTree(reply.body()).path("__type").asText(null);
            } catch (IOException ignored) {
                errorType = "unparseable";
            }
        }
        calls.add(new Call(operation, request, reply.status(), errorType, accessKeyId(exchange.getRequestHeaders().getFirst("Authorization"))));
        return reply;
    }

    /** From SigV4's {@code Credential=<access key id>/<date>/<region>/<service>/aws4_request}. */
    private static String accessKeyId(String authorization) {
        if (authorization == null) {
            return null;
        }
        int at = authorization.indexOf("Credential=");
        int end = at < 0 ? -1 : authorization.indexOf('/', at);
        return end < 0 ? null : authorization.substring(at + "Credential=".length(), end);
    }

    private static Reply ok(JsonNode body) {
        return new Reply(200, "application/x-amz-json-1.1", body.toString(), Map.of("x-amzn-RequestId", UUID.randomUUID().toString()));
    }

    private static Reply validation(String message) {
        return error(400, "ValidationException", message);
    }

    private static Reply error(int status, String type, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("__type", type).put("message", message);
        return new Reply(status, "application/x-amz-json-1.1", body.toString(),
                Map.of("x-amzn-RequestId", UUID.randomUUID().toString(), "x-amzn-ErrorType", type));
    }

}
