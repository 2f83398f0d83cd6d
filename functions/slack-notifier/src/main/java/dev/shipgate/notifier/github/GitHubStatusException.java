package dev.shipgate.notifier.github;

/**
 * A commit status GitHub did not take. {@code status} is the last HTTP status (0 when none arrived);
 * {@code permanent} when GitHub refused it (401, 403, 404, 422: retrying cannot help), not when it ran out of time.
 * The message never contains the token.
 */
public final class GitHubStatusException extends RuntimeException {

    private final int status;
    private final boolean permanent;

    public GitHubStatusException(String message, int status, boolean permanent) {
        super(message);
        this.status = status;
        this.permanent = permanent;
    }

    public int status() {
        return status;
    }

    public boolean permanent() {
        return permanent;
    }
}
