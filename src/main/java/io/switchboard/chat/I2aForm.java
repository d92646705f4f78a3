package io.switchboard.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An application/x-www-form-urlencoded body. A list value is sent as the same key repeated
 * (application_users_identifiers=a&application_users_identifiers=b), as HTML forms and Django send lists.
 */
public record I2aForm(List<Map.Entry<String, String>> fields) {

    public static I2aForm empty() {
        return new I2aForm(List.of());
    }

    public I2aForm with(String key, String value) {
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(fields);
        more.add(Map.entry(key, value));
        return new I2aForm(List.copyOf(more));
    }

    public I2aForm withEach(String key, List<String> values) {
        I2aForm form = this;
        for (String value : values) {
            form = form.with(key, value);
        }
        return form;
    }

    public String encoded() {
        return fields.stream()
                .map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
