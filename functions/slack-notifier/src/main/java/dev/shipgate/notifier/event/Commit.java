package dev.shipgate.notifier.event;

/** What is known about the commit an execution runs; any part may be null. */
public record Commit(String sha, String message, String author, String branch, String tag, String url) {

    public static final Commit NONE = new Commit(null, null, null, null, null, null);

    /** This commit's known parts, completed from {@code other} where this one has none. */
    public Commit orElse(Commit other) {
        if (other == null) {
            return this;
        }
        return new Commit(first(sha, other.sha), first(message, other.message), first(author, other.author),
                first(branch, other.branch), first(tag, other.tag), first(url, other.url));
    }

    public boolean isEmpty() {
        return sha == null && message == null && author == null && branch == null && tag == null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
