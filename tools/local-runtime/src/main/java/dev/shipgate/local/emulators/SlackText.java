package dev.shipgate.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.SlackReceiver;

/** Renders a Slack message as plain lines for a terminal: header, sections, fields, context. */
public final class SlackText {

    private SlackText() {
    }

    public static String readable(SlackReceiver.Delivery delivery) {
        StringBuilder out = new StringBuilder();
        out.append("  ┌─ Slack ").append(delivery.accepted() ? "(accepted)" : "(REJECTED " + delivery.status() + " " + delivery.answer() + ")")
                .append('\n');
        JsonNode message = delivery.message();
        if (message == null) {
            return out.append("  │ <not JSON>\n  └─").toString();
        }
        JsonNode blocks = message.path("blocks");
        if (!blocks.isArray() || blocks.isEmpty()) {
            line(out, message.path("text").asText(""));
        }
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "header" -> line(out, "*" + block.path("text").path("text").asText() + "*");
                case "section" -> {
                    if (block.has("text")) {
                        line(out, block.path("text").path("text").asText());
                    }
                    for (JsonNode field : block.path("fields")) {
                        line(out, field.path("text").asText());
                    }
                }
                case "context" -> {
                    StringBuilder context = new StringBuilder();
                    for (JsonNode element : block.path("elements")) {
                        context.append(element.path("text").asText(element.path("alt_text").asText())).append("  ");
                    }
                    line(out, context.toString().trim());
                }
                case "divider" -> line(out, "────────");
                case "actions" -> {
                    for (JsonNode element : block.path("elements")) {
                        line(out, "[" + element.path("text").path("text").asText() + "] " + element.path("url").asText(""));
                    }
                }
                default -> line(out, block.toString());
            }
        }
        return out.append("  └─").toString();
    }

    private static void line(StringBuilder out, String text) {
        for (String part : text.split("\n")) {
            out.append("  │ ").append(part).append('\n');
        }
    }
}
