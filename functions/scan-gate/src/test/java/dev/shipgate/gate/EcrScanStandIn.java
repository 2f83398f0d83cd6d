package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.shipgate.testing.LocalHttpServer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * STAND-IN, NOT AWS. A local HTTP server speaking ECR's AWS JSON 1.1 protocol for exactly two operations,
 * {@code DescribeImageScanFindings} and {@code GetRegistryScanningConfiguration}, so tests can drive the real
 * {@code EcrClient} through what moto_server 5.2 cannot do: moto returns one queued result per image for every
 * call and ignores {@code nextToken} (a queued result carrying {@code nextToken} makes a paginating client loop
 * forever), so it can neither serve 3+ pages nor let a scan status or enhanced counts change over time.
 * Everything else in the tests runs on moto. Responses are scripted: calls without {@code nextToken} take the next
 * scripted first page (the last one repeats); calls with a token get the page registered for that token. For the
 * ECR errors moto never returns ({@code StartImageScan}'s, access denied), it also answers the coverage check of a
 * repository nothing scans: {@code BatchGetRepositoryScanningConfiguration} (MANUAL), {@code DescribeRepositories}
 * (scan on push off) and {@code StartImageScan} (IN_PROGRESS), each failing on request ({@link #failOperation}).
 * {@code BatchGetImage} answers the requested digest as a single-platform image manifest, as ECR does for an image
 * that is not an index (the multi-platform tests run on moto, which stores and serves real indexes).
 */
final class EcrScanStandIn extends LocalHttpServer {

    private static final String PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NOT_FOUND = "scan not found";

    private final Deque<String> firstPages = new ArrayDeque<>();
    private final Map<String, String> pagesByToken = new HashMap<>();
    private final Deque<String[]> faults = new ArrayDeque<>();
    private final Map<String, String[]> operationFaults = new HashMap<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private String lastFirstPage;
    private String registryScanType = "BASIC";

    synchronized EcrScanStandIn thenAnswer(String describeResponseJson) {
        firstPages.add(describeResponseJson);
        return this;
    }

    /** The next first-page read answers ScanNotFoundException. */
    synchronized EcrScanStandIn thenNotFound() {
        firstPages.add(NOT_FOUND);
        return this;
    }

    synchronized EcrScanStandIn page(String nextToken, String describeResponseJson) {
        pagesByToken.put(nextToken, describeResponseJson);
        return this;
    }

    /** The next {@code times} calls answer this error (e.g. 400 AccessDeniedException). */
    synchronized EcrScanStandIn failNext(int times, int status, String errorType) {
        for (int i = 0; i < times; i++) {
            faults.add(new String[]{String.valueOf(status), errorType});
        }
        return this;
    }

    /** Every call of this operation (e.g. "GetRegistryScanningConfiguration") answers this error. */
    synchronized EcrScanStandIn failOperation(String operation, int status, String errorType) {
        operationFaults.put(PREFIX + operation, new String[]{String.valueOf(status), errorType});
        return this;
    }

    synchronized EcrScanStandIn registryScanType(String scanType) {
        this.registryScanType = scanType;
        return this;
    }

    /** Every operation called, in order, including those answered with an injected fault. */
    List<String> operations() {
        return List.copyOf(operations);
    }

    /** Every DescribeImageScanFindings request body received, in order. */
    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    @Override
    protected synchronized Reply handle(HttpExchange exchange, byte[] body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.contains("/ecr/aws4_request")) {
            return error(400, "IncompleteSignatureException", "SigV4 ecr signature required");
        }
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        operations.add(target.substring(target.indexOf('.') + 1));
        JsonNode request = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        String[] fault = faults.isEmpty() ? operationFaults.get(target) : faults.poll();
        if (fault != null) {
            return error(Integer.parseInt(fault[0]), fault[1], "injected by the test");
        }
        if (target.equals(PREFIX + "GetRegistryScanningConfiguration")) {
            ObjectNode answer = MAPPER.createObjectNode().put("registryId", "123456789012");
            answer.putObject("scanningConfiguration").put("scanType", registryScanType).putArray("rules");
            return new Reply(200, "application/x-amz-json-1.1", answer.toString(), Map.of());
        }
        if (target.equals(PREFIX + "BatchGetRepositoryScanningConfiguration")) {
            ObjectNode answer = MAPPER.createObjectNode();
            String repository = request.path("repositoryNames").path(0).asText();
            answer.putArray("scanningConfigurations").addObject().put("repositoryName", repository)
                    .put("scanOnPush", false).put("scanFrequency", "MANUAL").putArray("appliedScanFilters");
            answer.putArray("failures");
            return new Reply(200, "application/x-amz-json-1.1", answer.toString(), Map.of());
        }
        if (target.equals(PREFIX + "DescribeRepositories")) {
            ObjectNode answer = MAPPER.createObjectNode();
            answer.putArray("repositories").addObject().put("repositoryName", request.path("repositoryNames").path(0).asText())
                    .putObject("imageScanningConfiguration").put("scanOnPush", false);
            return new Reply(200, "application/x-amz-json-1.1", answer.toString(), Map.of());
        }
        if (target.equals(PREFIX + "BatchGetImage")) {
            JsonNode ids = request.path("imageIds");
            if (request.path("repositoryName").asText("").isEmpty() || !ids.isArray() || ids.isEmpty()) {
                return error(400, "InvalidParameterException", "repositoryName and imageIds are required");
            }
            ObjectNode answer = MAPPER.createObjectNode();
            ObjectNode image = answer.putArray("images").addObject().put("registryId", "123456789012")
                    .put("repositoryName", request.path("repositoryName").asText());
            ObjectNode imageId = image.putObject("imageId").put("imageDigest", ids.get(0).path("imageDigest").asText(TestBed.DIGEST));
            if (ids.get(0).has("imageTag")) {
                imageId.put("imageTag", ids.get(0).path("imageTag").asText());
            }
            image.put("imageManifestMediaType", "application/vnd.docker.distribution.manifest.v2+json");
            image.put("imageManifest", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1469,\"digest\":"
                    + "\"sha256:" + "0".repeat(64) + "\"},\"layers\":[]}");
            answer.putArray("failures");
            return new Reply(200, "application/x-amz-json-1.1", answer.toString(), Map.of());
        }
        if (target.equals(PREFIX + "StartImageScan")) {
            ObjectNode answer = MAPPER.createObjectNode().put("repositoryName", request.path("repositoryName").asText());
            answer.set("imageId", request.path("imageId"));
            answer.putObject("imageScanStatus").put("status", "IN_PROGRESS");
            return new Reply(200, "application/x-amz-json-1.1", answer.toString(), Map.of());
        }
        if (!target.equals(PREFIX + "DescribeImageScanFindings")) {
            return error(400, "UnknownOperationException", "stand-in serves DescribeImageScanFindings only, not " + target);
        }
        requests.add(request);
        if (request.path("repositoryName").asText("").isEmpty() || !request.path("imageId").isObject()) {
            return error(400, "InvalidParameterException", "repositoryName and imageId are required");
        }
        int maxResults = request.path("maxResults").asInt(100);
        if (maxResults < 1 || maxResults > 1000) {
            return error(400, "InvalidParameterException", "maxResults must be 1-1000");
        }
        String token = request.path("nextToken").asText(null);
        String answer;
        if (token != null) {
            answer = pagesByToken.get(token);
            if (answer == null) {
                return error(400, "InvalidParameterException", "Invalid NextToken");
            }
        } else {
            if (!firstPages.isEmpty()) {
                lastFirstPage = firstPages.poll();
            }
            answer = lastFirstPage;
            if (answer == null || answer.equals(NOT_FOUND)) {
                return error(400, "ScanNotFoundException", "Image scan does not exist for the image");
            }
        }
        return new Reply(200, "application/x-amz-json-1.1", answer, Map.of("x-amzn-RequestId", UUID.randomUUID().toString()));
    }

    private static Reply error(int status, String type, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("__type", type).put("message", message);
        return new Reply(status, "application/x-amz-json-1.1", body.toString(), Map.of("x-amzn-ErrorType", type));
    }
}
