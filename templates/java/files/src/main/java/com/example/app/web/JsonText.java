package com.example.app.web;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON columns are stored as text; this turns them back into JSON values. */
@Component
public class JsonText {

    private final JsonMapper mapper;

    public JsonText(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode read(String text) {
        return text == null ? null : mapper.readTree(text);
    }

    public ObjectNode toObject(Object value) {
        return mapper.valueToTree(value);
    }
}
