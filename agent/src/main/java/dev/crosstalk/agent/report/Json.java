package dev.crosstalk.agent.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON for the report files, with the agent's own (relocated) Jackson: maps, lists, strings, numbers. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }
}
