package dev.shipgate.notifier.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A Block Kit message under construction. Every block added is kept within Slack's limits (header 150,
 * section text 3000, 10 fields of 2000, context 10 elements, 50 blocks), so what {@link #toJson}
 * returns is never refused for its size.
 */
public final class SlackMessage {

    public static final int MAX_BLOCKS = 50;
    public static final int HEADER_MAX = 150;
    public static final int SECTION_MAX = 3000;
    public static final int FIELD_MAX = 2000;
    public static final int FIELDS_MAX = 10;
    public static final int CONTEXT_MAX = 10;
    public static final int FALLBACK_MAX = 3000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final List<ObjectNode> blocks = new ArrayList<>();

    public SlackMessage(String fallbackText) {
        this.text = Text.clipMarkup(fallbackText == null || fallbackText.isBlank() ? "shipgate notification" : fallbackText, FALLBACK_MAX);
    }

    public SlackMessage header(String plainText) {
        ObjectNode block = NODES.objectNode().put("type", "header");
        block.set("text", NODES.objectNode().put("type", "plain_text").put("text", Text.clipPlain(plainText, HEADER_MAX)).put("emoji", true));
        blocks.add(block);
        return this;
    }

    public SlackMessage section(String mrkdwn) {
        if (mrkdwn == null || mrkdwn.isBlank()) {
            return this;
        }
        ObjectNode block = NODES.objectNode().put("type", "section");
        block.set("text", mrkdwn(Text.clipMarkup(mrkdwn, SECTION_MAX)));
        blocks.add(block);
        return this;
    }

    public SlackMessage fields(List<String> mrkdwnFields) {
        List<String> present = mrkdwnFields.stream().filter(f -> f != null && !f.isBlank()).toList();
        for (int from = 0; from < present.size(); from += FIELDS_MAX) {
            ArrayNode fields = NODES.arrayNode();
            present.subList(from, Math.min(present.size(), from + FIELDS_MAX))
                    .forEach(f -> fields.add(mrkdwn(Text.clipMarkup(f, FIELD_MAX))));
            ObjectNode block = NODES.objectNode().put("type", "section");
            block.set("fields", fields);
            blocks.add(block);
        }
        return this;
    }

    public SlackMessage context(List<String> mrkdwnElements) {
        List<String> present = mrkdwnElements.stream().filter(e -> e != null && !e.isBlank()).limit(CONTEXT_MAX).toList();
        if (present.isEmpty()) {
            return this;
        }
        ArrayNode elements = NODES.arrayNode();
        present.forEach(e -> elements.add(mrkdwn(Text.clipMarkup(e, SECTION_MAX))));
        ObjectNode block = NODES.objectNode().put("type", "context");
        block.set("elements", elements);
        blocks.add(block);
        return this;
    }

    public SlackMessage divider() {
        blocks.add(NODES.objectNode().put("type", "divider"));
        return this;
    }

    public String text() {
        return text;
    }

    public int blockCount() {
        return Math.min(blocks.size(), MAX_BLOCKS);
    }

    /** The webhook payload; blocks beyond 50 are replaced by one context line saying how many were left out. */
    public ObjectNode toJson() {
        ObjectNode message = NODES.objectNode().put("text", text);
        ArrayNode array = message.putArray("blocks");
        if (blocks.size() <= MAX_BLOCKS) {
            blocks.forEach(array::add);
        } else {
            blocks.subList(0, MAX_BLOCKS - 1).forEach(array::add);
            ObjectNode more = NODES.objectNode().put("type", "context");
            more.putArray("elements").add(mrkdwn("… " + (blocks.size() - MAX_BLOCKS + 1) + " more blocks left out (Slack allows 50)"));
            array.add(more);
        }
        message.put("unfurl_links", false).put("unfurl_media", false);
        return message;
    }

    private static ObjectNode mrkdwn(String text) {
        return NODES.objectNode().put("type", "mrkdwn").put("text", text);
    }
}
