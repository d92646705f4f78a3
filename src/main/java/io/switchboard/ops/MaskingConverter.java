package io.switchboard.ops;

import java.util.regex.Pattern;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Log layout converter: the formatted message with secret-looking values replaced by ****. */
public class MaskingConverter extends ClassicConverter {

    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b((?:password|passwd|secret|token|app-secret|client_secret|sask|cs|apikey|api-key|api\\.key|authorization)"
                    + "\\s*[=:]\\s*\"?)(?:Bearer |Basic )?[^\\s\"&,;]+");

    public static String mask(String text) {
        return text == null ? null : SECRET.matcher(text).replaceAll("$1****");
    }

    @Override
    public String convert(ILoggingEvent event) {
        return mask(event.getFormattedMessage());
    }
}
