package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits on a copy of a template, to show each check reports the break it exists for. */
final class Mutations {

    private Mutations() {
    }

    static ObjectNode props(JsonNode template, String logicalId) {
        JsonNode node = template.path("Resources").path(logicalId).path("Properties");
        if (!node.isObject()) {
            throw new IllegalArgumentException("no resource " + logicalId + " with Properties");
        }
        return (ObjectNode) node;
    }

    static ObjectNode object(JsonNode template, String pointer) {
        JsonNode node = template.at(pointer);
        if (!node.isObject()) {
            throw new IllegalArgumentException("no object at " + pointer);
        }
        return (ObjectNode) node;
    }

    static JsonNode json(String text) {
        try {
            return Templates.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
