package dev.shipgate.notifier.github;

import dev.shipgate.shared.config.Env;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether and where the notifier sets commit statuses on GitHub. Off when {@code GITHUB_STATUS_TOKEN_SECRET_ARN} is
 * empty. {@code GITHUB_API_URL} is {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub
 * Enterprise Server (plain http only to a loopback stand-in).
 */
public record GitHubStatusConfig(Optional<String> tokenSecretArn, URI apiUrl) {

    public static final String GITHUB_STATUS_TOKEN_SECRET_ARN = "GITHUB_STATUS_TOKEN_SECRET_ARN";
    public static final String GITHUB_API_URL = "GITHUB_API_URL";
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    public static final GitHubStatusConfig OFF = new GitHubStatusConfig(Optional.empty(), DEFAULT_API_URL);

    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+");

    public boolean enabled() {
        return tokenSecretArn.isPresent();
    }

    public static GitHubStatusConfig from(Env env) {
        Optional<String> arn = env.optional(GITHUB_STATUS_TOKEN_SECRET_ARN);
        if (arn.isPresent() && !SECRET_ARN.matcher(arn.get()).matches()) {
            throw new Env.ConfigException(GITHUB_STATUS_TOKEN_SECRET_ARN + " must be a Secrets Manager secret ARN, got '"
                    + arn.get() + "'");
        }
        return new GitHubStatusConfig(arn, apiUrl(env.optional(GITHUB_API_URL).orElse(DEFAULT_API_URL.toString())));
    }

    /** The API base without a trailing slash; https, or http to a loopback address (a local stand-in). */
    static URI apiUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException(GITHUB_API_URL + " is not a URL: '" + value + "'");
        }
        boolean loopback = "http".equals(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (!("https".equals(uri.getScheme()) || loopback) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new Env.ConfigException(GITHUB_API_URL + " must be https://api.github.com or https://HOST/api/v3 "
                    + "(GitHub Enterprise Server), got '" + value + "'");
        }
        return uri;
    }
}
