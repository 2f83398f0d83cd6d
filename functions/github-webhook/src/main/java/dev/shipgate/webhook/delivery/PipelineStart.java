package dev.shipgate.webhook.delivery;

import static dev.shipgate.shared.pipeline.PipelineVariables.*;

import dev.shipgate.webhook.github.PushEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The StartPipelineExecution call for one push: pipeline, the exact commit for the source action, an
 * idempotency token fixed by the delivery id, and the pipeline variables (non-empty values only).
 */
public record PipelineStart(
        String pipelineName,
        String sourceActionName,
        String commitId,
        String clientRequestToken,
        Map<String, String> variables) {

    /** CodePipeline's limit on a variable value. */
    static final int MAX_VALUE_LENGTH = 1000;
    private static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9-]{1,128}");

    public PipelineStart {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public static PipelineStart forPush(String pipelineName, String sourceActionName, PushEvent push, String deliveryId) {
        Map<String, String> variables = new LinkedHashMap<>();
        put(variables, COMMIT_SHA, push.headCommitId());
        put(variables, GIT_REF, push.ref());
        put(variables, push.isTag() ? TAG : BRANCH, push.refName());
        put(variables, COMMIT_MESSAGE, firstLine(push.headCommitMessage()));
        put(variables, COMMIT_AUTHOR, push.authorName() != null ? push.authorName() : push.authorUsername());
        put(variables, DELIVERY_ID, deliveryId);
        put(variables, COMPARE_URL, push.compareUrl());
        return new PipelineStart(pipelineName, sourceActionName, push.headCommitId(), requestToken(deliveryId), variables);
    }

    /**
     * GitHub delivery ids are GUIDs, which already fit the token pattern and are used as they are;
     * anything else is hashed, so a redelivery always maps to the same token.
     */
    static String requestToken(String deliveryId) {
        if (TOKEN.matcher(deliveryId).matches()) {
            return deliveryId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(deliveryId.getBytes(StandardCharsets.UTF_8));
            return "gh-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static void put(Map<String, String> variables, String name, String value) {
        if (value == null) {
            return;
        }
        String trimmed = truncate(value.strip());
        if (!trimmed.isEmpty()) {
            variables.put(name, trimmed);
        }
    }

    private static String truncate(String value) {
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        int end = MAX_VALUE_LENGTH;
        // Never cut a surrogate pair in half.
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
