package io.switchboard.ops;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * A request field that must be a JSON string: Jackson would turn 42 or true into "42"/"true", which a name
 * check then accepts; here any other token is a binding error that names the field (400 invalid_field).
 * Used per field with @JsonDeserialize(using = JsonText.class), or contentUsing for a list of strings.
 */
public class JsonText extends StdScalarDeserializer<String> {

    public JsonText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            return parser.getText();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
