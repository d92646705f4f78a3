package io.switchboard.ion;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.ops.HttpProblem;

/**
 * Splits a raw multipart/form-data body into its parts, byte-exact. We parse the raw body ourselves
 * because Vert.x turns parts without a filename (how ION v3 sends MessagePayload) into strings,
 * which corrupts DEFLATE binary data.
 */
public final class MultipartParser {

    /**
     * One part: its form name, optional filename and content type, and where its exact bytes lie in the
     * body (a view, not a copy: a 16 KiB BOD was copied once more per request only to be decoded).
     */
    public record Part(String name, String filename, String contentType, byte[] body, int offset, int length) {

        /** The part's bytes as text. */
        public String text(Charset charset) {
            return new String(body, offset, length, charset);
        }
    }

    /** RFC 2046 §5.1.1: a boundary is 1 to 70 bchars, the last one not a space. */
    static final int MAX_BOUNDARY = 70;
    private static final Pattern BOUNDARY_CHARS = Pattern.compile("[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]");
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=(\"([^\"]*)\"|[^;\\s]+)");
    private static final Pattern FILENAME = Pattern.compile("(?i)filename=(\"([^\"]*)\"|[^;\\s]+)");

    // compiled once: String.split with a two-character separator compiles its pattern on every call
    private static final Pattern LINE_END = Pattern.compile("\r\n", Pattern.LITERAL);

    private MultipartParser() {
    }

    /** The boundary of a multipart/form-data content type; 415 when it is not one. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new HttpProblem(415, "unsupported_media_type",
                    "expected multipart/form-data with parts ParameterRequest and MessagePayload, got "
                            + (contentType == null ? "no Content-Type" : contentType));
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw HttpProblem.badRequest("bad_multipart", "multipart Content-Type without boundary");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(1);
        if (boundary.length() > MAX_BOUNDARY || !BOUNDARY_CHARS.matcher(boundary).matches()) {
            throw HttpProblem.badRequest("bad_multipart", "multipart boundary must be 1 to " + MAX_BOUNDARY
                    + " characters of the RFC 2046 set");
        }
        return boundary;
    }

    /** Parts by name (first wins); 400 when the body is not multipart with that boundary. */
    public static Map<String, Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw HttpProblem.badRequest("bad_multipart", "multipart body does not contain its boundary");
        }
        while (true) {
            int afterDelimiter = pos + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts; // closing delimiter
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw HttpProblem.badRequest("bad_multipart", "multipart part without header end");
            }
            int contentStart = headersEnd + 4;
            byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw HttpProblem.badRequest("bad_multipart", "multipart body is not terminated by its boundary");
            }
            Part part = part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    body, contentStart, contentEnd - contentStart);
            if (part.name() != null) {
                parts.putIfAbsent(part.name(), part);
            }
            pos = contentEnd + 2;
        }
    }

    private static Part part(String headers, byte[] body, int offset, int length) {
        String name = null;
        String filename = null;
        String contentType = null;
        for (String line : LINE_END.split(headers)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                name = attribute(NAME, ";" + value);
                filename = attribute(FILENAME, value);
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        return new Part(name, filename, contentType, body, offset, length);
    }

    private static String attribute(Pattern pattern, String value) {
        Matcher m = pattern.matcher(value);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static int skipLineEnd(byte[] body, int pos) {
        while (pos < body.length && (body[pos] == '\r' || body[pos] == '\n' || body[pos] == ' ' || body[pos] == '\t')) {
            pos++;
            if (body[pos - 1] == '\n') {
                break;
            }
        }
        return pos;
    }

    /**
     * Knuth-Morris-Pratt: linear in data.length whatever the pattern, so a near-miss body costs one pass; between
     * partial matches it skips straight to the pattern's first byte (a BOD rarely holds the delimiter's CR).
     */
    static int indexOf(byte[] data, byte[] pattern, int from) {
        if (pattern.length == 0) {
            return Math.max(from, 0);
        }
        int[] fallback = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
        byte first = pattern[0];
        for (int i = Math.max(from, 0), matched = 0; i < data.length; i++) {
            if (matched == 0) {
                // outside a partial match only the first byte can start one: skip to it in a tight loop
                while (i < data.length && data[i] != first) {
                    i++;
                }
                if (i == data.length) {
                    return -1;
                }
            }
            while (matched > 0 && data[i] != pattern[matched]) {
                matched = fallback[matched - 1];
            }
            if (data[i] == pattern[matched]) {
                matched++;
            }
            if (matched == pattern.length) {
                return i - pattern.length + 1;
            }
        }
        return -1;
    }
}
