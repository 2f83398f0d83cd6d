package dev.shipgate.notifier.policy;

import dev.shipgate.shared.config.Env;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is mentioned on failures ({@code SLACK_MENTION_ON_FAILURE}): a comma-separated list of Slack
 * ids, a user id ({@code U…} or {@code W…}, rendered {@code <@U…>}) or a user-group id ({@code S…},
 * rendered {@code <!subteam^S…>}); the rendered forms themselves ({@code <@U…>},
 * {@code <!subteam^S…>}) and {@code <!here>} / {@code <!channel>} are accepted as well. Names such as
 * {@code @alice} do not notify anyone in Slack messages, so they are refused at init.
 */
public record Mentions(List<String> markup) {

    private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,20}");
    private static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,20}");
    private static final Pattern USER_MARKUP = Pattern.compile("<@([UW][A-Z0-9]{2,20})>");
    private static final Pattern GROUP_MARKUP = Pattern.compile("<!subteam\\^(S[A-Z0-9]{2,20})>");

    public Mentions {
        markup = List.copyOf(markup);
    }

    public static Mentions none() {
        return new Mentions(List.of());
    }

    public static Mentions parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        List<String> markup = new ArrayList<>();
        for (String token : value.split(",")) {
            String id = token.trim();
            if (id.equals("<!here>") || id.equals("<!channel>")) {
                markup.add(id);
            } else if (USER_MARKUP.matcher(id).matches() || GROUP_MARKUP.matcher(id).matches()) {
                markup.add(id);
            } else if (USER.matcher(id).matches()) {
                markup.add("<@" + id + ">");
            } else if (GROUP.matcher(id).matches()) {
                markup.add("<!subteam^" + id + ">");
            } else if (!id.isEmpty()) {
                throw new Env.ConfigException(variable + ": '" + id + "' is not a Slack user id (U…/W…), user-group id (S…), <@U…>, <!subteam^S…>, <!here> or <!channel>;"
                        + " copy the id from the member's or group's profile, not the display name");
            }
        }
        return new Mentions(markup);
    }

    public boolean isEmpty() {
        return markup.isEmpty();
    }

    public String text() {
        return String.join(" ", markup);
    }
}
