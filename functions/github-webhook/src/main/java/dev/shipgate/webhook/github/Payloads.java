package dev.shipgate.webhook.github;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the verified JSON payloads the webhook acts on. */
public final class Payloads {

    private static final JsonFields PUSH = new JsonFields(Set.of(
            "ref", "after", "deleted", "compare", "repository.full_name",
            "head_commit.id", "head_commit.message", "head_commit.author.name", "head_commit.author.username"));
    private static final JsonFields PING = new JsonFields(Set.of(
            "zen", "hook_id", "hook.type", "hook.events", "hook.config.content_type",
            "repository.full_name", "organization.login"));
    private static final JsonFields NOTHING = new JsonFields(Set.of());

    /** Git object names: SHA-1, or SHA-256 for repositories using it. */
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private Payloads() {
    }

    public static PushEvent push(byte[] json) throws InvalidPayloadException {
        Map<String, Object> v = PUSH.read(json);
        String ref = text(v, "ref");
        String after = text(v, "after");
        if (ref == null || ref.isEmpty()) {
            throw new InvalidPayloadException("the push payload has no \"ref\"");
        }
        if (after == null || !OBJECT_ID.matcher(after).matches()) {
            throw new InvalidPayloadException("the push payload's \"after\" is not a commit SHA");
        }
        String headCommitId = text(v, "head_commit.id");
        if (headCommitId != null && !OBJECT_ID.matcher(headCommitId).matches()) {
            throw new InvalidPayloadException("the push payload's \"head_commit.id\" is not a commit SHA");
        }
        PushEvent push = new PushEvent(ref, after, "true".equals(text(v, "deleted")), headCommitId,
                text(v, "head_commit.message"), text(v, "head_commit.author.name"), text(v, "head_commit.author.username"),
                text(v, "repository.full_name"), text(v, "compare"));
        // A branch's new tip is its head commit; when they differ, which one would be built? (Tags may differ: annotated.)
        if (push.isBranch() && headCommitId != null && !push.isDeletion() && !headCommitId.equals(after)) {
            throw new InvalidPayloadException("the push payload contradicts itself: \"after\" and \"head_commit.id\" name different commits on a branch");
        }
        return push;
    }

    public static PingEvent ping(byte[] json) throws InvalidPayloadException {
        Map<String, Object> v = PING.read(json);
        @SuppressWarnings("unchecked")
        List<String> events = v.get("hook.events") instanceof List<?> list ? (List<String>) list : List.of();
        return new PingEvent(text(v, "hook_id"), text(v, "hook.type"), events, text(v, "hook.config.content_type"),
                text(v, "repository.full_name"), text(v, "organization.login"), text(v, "zen"));
    }

    /** Checks that an event the webhook does not act on is still well-formed JSON. */
    public static void validate(byte[] json) throws InvalidPayloadException {
        NOTHING.read(json);
    }

    private static String text(Map<String, Object> values, String path) {
        return values.get(path) instanceof String s ? s : null;
    }
}
