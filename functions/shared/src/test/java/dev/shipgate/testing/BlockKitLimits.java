package dev.shipgate.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Slack's published Block Kit limits for a message: at most 50 blocks; header text at most 150
 * characters; section text at most 3000; at most 10 section fields of at most 2000; context at
 * most 10 elements; fallback text at most 40000.
 */
public final class BlockKitLimits {

    private BlockKitLimits() {
    }

    /** The first limit the message breaks, or null when it keeps them all. */
    public static String check(JsonNode message) {
        if (message.path("text").asText("").length() > 40_000) {
            return "text over 40000 characters";
        }
        JsonNode blocks = message.path("blocks");
        if (blocks.isMissingNode()) {
            return null;
        }
        if (blocks.size() > 50) {
            return blocks.size() + " blocks, over 50";
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText("");
            switch (type) {
                case "header" -> {
                    if (!"plain_text".equals(block.path("text").path("type").asText())) {
                        return "header text must be plain_text";
                    }
                    if (block.path("text").path("text").asText("").length() > 150) {
                        return "header text over 150 characters";
                    }
                }
                case "section" -> {
                    if (block.path("text").path("text").asText("").length() > 3000) {
                        return "section text over 3000 characters";
                    }
                    JsonNode fields = block.path("fields");
                    if (fields.size() > 10) {
                        return "section with " + fields.size() + " fields, over 10";
                    }
                    for (JsonNode field : fields) {
                        if (field.path("text").asText("").length() > 2000) {
                            return "section field over 2000 characters";
                        }
                    }
                    if (block.path("text").isMissingNode() && fields.isEmpty()) {
                        return "section needs text or fields";
                    }
                }
                case "context" -> {
                    if (block.path("elements").isEmpty() || block.path("elements").size() > 10) {
                        return "context needs 1 to 10 elements";
                    }
                }
                case "actions" -> {
                    if (block.path("elements").isEmpty() || block.path("elements").size() > 25) {
                        return "actions needs 1 to 25 elements";
                    }
                }
                case "divider", "image", "rich_text" -> {
                }
                default -> {
                    return "unknown block type '" + type + "'";
                }
            }
        }
        return null;
    }
}
