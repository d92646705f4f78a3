package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The ceiling's byte-exact multipart/form-data split: part name → exact content bytes. */
final class MultipartSplit {

    private MultipartSplit() {
    }

    static Map<String, byte[]> split(byte[] body, String boundary) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new HashMap<>();
        // the first delimiter has no CRLF before it
        int pos = indexOf(body, Arrays.copyOfRange(delimiter, 2, delimiter.length), 0);
        if (pos != 0) {
            throw new IllegalArgumentException("body does not start with its boundary");
        }
        pos += delimiter.length - 2;
        while (pos + 1 < body.length && !(body[pos] == '-' && body[pos + 1] == '-')) {
            int headersEnd = indexOf(body, headerEnd, pos);
            int contentEnd = headersEnd < 0 ? -1 : indexOf(body, delimiter, headersEnd + 4);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("unterminated part");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.ISO_8859_1);
            int name = headers.indexOf("name=\"");
            if (name >= 0) {
                String partName = headers.substring(name + 6, headers.indexOf('"', name + 6));
                parts.putIfAbsent(partName, Arrays.copyOfRange(body, headersEnd + 4, contentEnd));
            }
            pos = contentEnd + delimiter.length;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        byte first = pattern[0];
        int last = data.length - pattern.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
