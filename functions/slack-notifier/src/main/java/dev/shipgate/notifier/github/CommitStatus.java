package dev.shipgate.notifier.github;

/**
 * One commit status as GitHub's {@code POST /repos/{owner}/{repo}/statuses/{sha}} takes it: {@code state} is
 * {@code pending}, {@code success}, {@code failure} or {@code error}; {@code description} at most
 * {@link #MAX_DESCRIPTION} characters; {@code context} names the status line on the commit.
 */
public record CommitStatus(String context, String state, String description, String targetUrl) {

    public static final String PIPELINE = "shipgate/pipeline";
    public static final String SECURITY_GATE = "shipgate/security-gate";
    public static final String PENDING = "pending";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String ERROR = "error";
    public static final int MAX_DESCRIPTION = 140;

    public CommitStatus {
        description = fit(description);
    }

    /** Cut to {@link #MAX_DESCRIPTION} characters on a code point boundary, ending in an ellipsis when cut. */
    static String fit(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= MAX_DESCRIPTION) {
            return oneLine;
        }
        int end = MAX_DESCRIPTION - 1;
        if (Character.isLowSurrogate(oneLine.charAt(end))) {
            end--;
        }
        return oneLine.substring(0, end) + "…";
    }
}
