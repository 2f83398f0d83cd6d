package dev.shipgate.webhook.github;

import java.util.List;
import java.util.Optional;

/**
 * GitHub Actions' documented ways to skip a run from a commit message: one of five bracket markers
 * anywhere in the message, or a {@code skip-checks:true} / {@code skip-checks: true} trailer that is
 * the last trailer of a trailer block at the end of the message, preceded by two empty lines.
 */
public final class SkipMarkers {

    static final List<String> MARKERS = List.of("[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]");

    private SkipMarkers() {
    }

    /** The marker found in the message, as it should be reported, or empty when the run should go ahead. */
    public static Optional<String> find(String message) {
        if (message == null || message.isEmpty()) {
            return Optional.empty();
        }
        for (String marker : MARKERS) {
            if (message.contains(marker)) {
                return Optional.of(marker);
            }
        }
        return skipChecksTrailer(message) ? Optional.of("skip-checks: true") : Optional.empty();
    }

    private static boolean skipChecksTrailer(String message) {
        String[] lines = message.replace("\r\n", "\n").split("\n", -1);
        int last = lines.length - 1;
        while (last >= 0 && lines[last].isBlank()) {
            last--;
        }
        if (last < 0) {
            return false;
        }
        String trailer = lines[last].strip();
        if (!trailer.equals("skip-checks:true") && !trailer.equals("skip-checks: true")) {
            return false;
        }
        // Walk up the trailer block (Key: value lines) to its first line.
        int first = last;
        while (first - 1 >= 0 && !lines[first - 1].isBlank() && isTrailer(lines[first - 1])) {
            first--;
        }
        // The block must be preceded by two empty lines, with a message body above them.
        return first >= 2 && lines[first - 1].isBlank() && lines[first - 2].isBlank() && hasTextAbove(lines, first - 2);
    }

    private static boolean hasTextAbove(String[] lines, int index) {
        for (int i = 0; i < index; i++) {
            if (!lines[i].isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTrailer(String line) {
        int colon = line.indexOf(':');
        return colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9-]+");
    }
}
