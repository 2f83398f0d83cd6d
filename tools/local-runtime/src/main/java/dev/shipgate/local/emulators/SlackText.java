package dev.shipgate.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.SlackReceiver;
import dev.shipgate.testing.SlackWebApiStandIn;

/** Renders a Slack message as plain lines for a terminal: header, sections, fields, context. */
public final class SlackText {

    private SlackText() {
    }

    public static String readable(SlackReceiver.Delivery delivery) {
        return readable("Slack " + (delivery.accepted() ? "(accepted)" : "(REJECTED " + delivery.status() + " " + delivery.answer() + ")"),
                delivery.message());
    }

    /** A Web API call: the method, where it lands (new parent, update of ts, reply in a thread, broadcast), the message. */
    public static String readable(SlackWebApiStandIn.Call call) {
        String where = switch (call.method()) {
            case "chat.update" -> "update of ts " + call.body().path("ts").asText();
            case "chat.postMessage" -> call.threadTs() == null ? "new message" + (call.ok() ? " ts " + call.ts() : "")
                    : "reply in thread " + call.threadTs() + (call.broadcast() ? ", also sent to the channel" : "");
            default -> "";
        };
        return readable("Slack API " + call.method() + " (" + where + ") " + (call.ok() ? "ok" : "REFUSED " + call.error()),
                call.body());
    }

    private static String readable(String title, JsonNode message) {
        StringBuilder out = new StringBuilder();
        out.append("  ┌─ ").append(title).append('\n');
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
