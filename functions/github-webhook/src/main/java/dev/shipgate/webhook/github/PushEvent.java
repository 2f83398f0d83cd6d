package dev.shipgate.webhook.github;

/**
 * What the webhook needs from a {@code push} payload.
 *
 * @param headCommitId the pushed commit; for an annotated tag this differs from {@code after}, which
 *                     is the tag object's SHA. Null when the push carries no head commit (deletions).
 */
public record PushEvent(
        String ref,
        String after,
        boolean deleted,
        String headCommitId,
        String headCommitMessage,
        String authorName,
        String authorUsername,
        String repository,
        String compareUrl) {

    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    public boolean isBranch() {
        return ref.startsWith(BRANCH_PREFIX);
    }

    public boolean isTag() {
        return ref.startsWith(TAG_PREFIX);
    }

    /** The branch or tag name without its {@code refs/...} prefix, or the ref itself for anything else. */
    public String refName() {
        if (isBranch()) {
            return ref.substring(BRANCH_PREFIX.length());
        }
        return isTag() ? ref.substring(TAG_PREFIX.length()) : ref;
    }

    /** A deletion: GitHub sets {@code deleted} and an all-zero {@code after}. */
    public boolean isDeletion() {
        return deleted || after.chars().allMatch(c -> c == '0');
    }
}
