package dev.shipgate.webhook.github;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Comma-separated branch or tag globs, with GitHub Actions' filter meaning: {@code *} matches any
 * characters except {@code /}, {@code **} matches any characters including {@code /}, {@code ?}
 * matches one character except {@code /}; everything else is literal.
 */
public final class RefPatterns {

    private final List<String> globs;
    private final List<Pattern> patterns;

    private RefPatterns(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.patterns = globs.stream().map(RefPatterns::compile).toList();
    }

    public static RefPatterns parse(String commaSeparated) {
        List<String> globs = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            String glob = part.trim();
            if (!glob.isEmpty()) {
                globs.add(glob);
            }
        }
        return new RefPatterns(globs);
    }

    public boolean matches(String name) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(",", globs);
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^/]*");
                }
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
