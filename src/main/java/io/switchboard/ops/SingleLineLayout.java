package io.switchboard.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * The hub's log layout: one event = one line. Every value in the pattern (message, MDC, thread) is
 * rendered first, then control characters are escaped in ONE place, so CR/LF/NUL from a request can
 * never forge a log line; secrets are masked here too. An exception follows as its own short lines
 * (its messages escaped the same way), like %ex{short}.
 */
public class SingleLineLayout extends PatternLayout {

    public SingleLineLayout() {
        // the exception is rendered below, escaped; PatternLayout would otherwise append a raw %ex
        setPostCompileProcessor(null);
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(escape(MaskingConverter.mask(super.doLayout(event))));
        IThrowableProxy thrown = event.getThrowableProxy();
        String prefix = "";
        while (thrown != null) {
            line.append(CoreConstants.LINE_SEPARATOR).append(prefix).append(thrown.getClassName());
            if (thrown.getMessage() != null) {
                line.append(": ").append(escape(MaskingConverter.mask(thrown.getMessage())));
            }
            StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
            if (frames != null && frames.length > 0) {
                line.append(CoreConstants.LINE_SEPARATOR).append("\tat ").append(frames[0].getStackTraceElement());
            }
            thrown = thrown.getCause() == thrown ? null : thrown.getCause();
            prefix = "Caused by: ";
        }
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    /** Control characters as visible escapes: CR -> \r, LF -> \n, NUL and the rest -> backslash-u and four hex digits. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\n') {
                    out.append("\\n");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
