package io.switchboard.ops;

/**
 * The length and shape limit of one request field, taken from the column it is stored in
 * (src/main/resources/db/migration): checked at the edge, so a value the database would refuse is a
 * 400 naming the field and its limit, never a failed batch or a 500. Control characters are refused
 * in every identifier (they forge log lines and break the peers that read them back).
 */
public record FieldLimit(String field, int maxLength) {

    /** Null passes (required fields are checked by whoever requires them); the value's content is never echoed. */
    public String check(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw HttpProblem.badRequest("field_too_long", "field '" + field + "' has " + value.length()
                    + " characters, at most " + maxLength + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw HttpProblem.badRequest("invalid_field", "field '" + field
                        + "' must not contain control characters");
            }
        }
        return value;
    }
}
