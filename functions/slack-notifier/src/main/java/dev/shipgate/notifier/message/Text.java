package dev.shipgate.notifier.message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Slack mrkdwn helpers. Text that comes from commits, logs or findings is escaped ({@code &}, {@code <},
 * {@code >}) and clipped with an ellipsis before it is put into markup, so a clip never cuts an
 * entity or a link apart; {@link #clipMarkup} is the last guard on whole block texts.
 */
public final class Text {

    public static final String ELLIPSIS = "…";

    private Text() {
    }

    /** Escapes outside text for mrkdwn and clips it so the escaped result has at most {@code max} characters. */
    public static String escape(String raw, int max) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), max) + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String piece = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            int length = piece == null ? 1 : piece.length();
            boolean more = i + 1 < raw.length();
            if (out.length() + length > max - (more ? 1 : 0)) {
                return dropDanglingSurrogate(out).append(ELLIPSIS).toString();
            }
            if (piece == null) {
                out.append(c);
            } else {
                out.append(piece);
            }
        }
        return out.toString();
    }

    /**
     * Outside text as inline code: a backtick in it (a tag, a branch, a package can hold one) would end the span
     * early and turn the rest into markup, so it becomes {@code '}.
     */
    public static String code(String raw, int max) {
        return fenced("`", raw, max);
    }

    /**
     * Outside text as a code block: {@code ```} inside it, or backticks just before the closing fence, would close the
     * block early, so every backtick becomes {@code '}.
     */
    public static String codeBlock(String raw, int max) {
        return fenced("```", raw, max);
    }

    private static String fenced(String fence, String raw, int max) {
        return fence + escape(raw == null ? null : raw.replace('`', '\''), max) + fence;
    }

    /** The first line of a text (commit subjects), trimmed. */
    public static String firstLine(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        int newline = trimmed.indexOf('\n');
        String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
        return line.strip().isEmpty() ? null : line.strip();
    }

    /** Plain text (header, fallback) needs no escaping but the same length rule. */
    public static String clipPlain(String raw, int max) {
        if (raw == null || raw.length() <= max) {
            return raw;
        }
        return dropDanglingSurrogate(new StringBuilder(raw.substring(0, max - 1))).append(ELLIPSIS).toString();
    }

    /**
     * Clips finished mrkdwn to {@code max} characters without leaving half an entity, half a link or
     * an open code block.
     */
    public static String clipMarkup(String markup, int max) {
        if (markup.length() <= max) {
            return markup;
        }
        int cut = max - 4; // room for the ellipsis and a closing code fence
        String head = markup.substring(0, cut);
        int open = head.lastIndexOf('<');
        if (open > head.lastIndexOf('>')) {
            head = head.substring(0, open);
        }
        int amp = head.lastIndexOf('&');
        if (amp >= 0 && head.indexOf(';', amp) < 0) {
            head = head.substring(0, amp);
        }
        StringBuilder out = dropDanglingSurrogate(new StringBuilder(head)).append(ELLIPSIS);
        if (countFences(out) % 2 == 1) {
            if (out.length() + 3 > max) {
                out.setLength(max - 3);
            }
            out.append("```");
        }
        return out.toString();
    }

    /** A mrkdwn link; the label is escaped, and the URL cannot break out of the link syntax. */
    public static String link(String url, String label) {
        String safeUrl = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20");
        return "<" + safeUrl + "|" + escape(label, 200).replace("|", "¦") + ">";
    }

    public static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int countFences(CharSequence text) {
        int count = 0;
        for (int i = text.toString().indexOf("```"); i >= 0; i = text.toString().indexOf("```", i + 3)) {
            count++;
        }
        return count;
    }

    private static StringBuilder dropDanglingSurrogate(StringBuilder text) {
        if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            text.setLength(text.length() - 1);
        }
        return text;
    }
}
