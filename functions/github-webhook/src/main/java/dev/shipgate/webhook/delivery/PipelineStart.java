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
        put(variables, COMMIT_MESSAGE, push.headCommitMessage());
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

    /** The text before the first line break of any kind (the commit subject for a message). */
    static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        for (int i = 0; i < message.length(); i++) {
            if (isLineBreak(message.charAt(i))) {
                return message.substring(0, i);
            }
        }
        return message;
    }

    /**
     * What CodePipeline's PipelineVariableValue accepts: 1-1000 characters matching {@code .*}, which the
     * service applies as Java does, so no line terminator of any kind; a value it refuses makes the whole
     * StartPipelineExecution fail and the push is lost. Control characters and unpaired surrogates (which
     * cannot travel as UTF-8) are dropped as well. Empty after cleaning means "leave the variable out".
     */
    static String variableValue(String value) {
        String line = firstLine(value).strip();
        StringBuilder clean = new StringBuilder(Math.min(line.length(), MAX_VALUE_LENGTH + 1));
        for (int i = 0; i < line.length() && clean.length() < MAX_VALUE_LENGTH + 1; i++) {
            char c = line.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1))) {
                clean.append(c).append(line.charAt(++i));
            } else if (!Character.isSurrogate(c) && !Character.isISOControl(c)) {
                clean.append(c);
            }
        }
        return truncate(clean.toString().strip()).strip();
    }

    /** Java's line terminators (the characters {@code .} does not match) and Unicode's other mandatory breaks, VT and FF. */
    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\u000b' || c == '\u000c';
    }

    private static void put(Map<String, String> variables, String name, String value) {
        if (value == null) {
            return;
        }
        String clean = variableValue(value);
        if (!clean.isEmpty()) {
            variables.put(name, clean);
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
