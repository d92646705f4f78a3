package io.switchboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte: what java.net.http refuses to send (%zz, control bytes
 * in the path, CR/LF in a value) is exactly what a hostile client sends. One request per connection.
 */
public final class RawHttp {

    /** An answer: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends head (request line + headers, CRLF-separated, without the blank line) and body; reads the answer. */
    public static Answer send(int port, String head, byte[] body, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String fullHead = head + "\r\nHost: 127.0.0.1\r\nConnection: close"
                    + (body.length > 0 && !head.toLowerCase(Locale.ROOT).contains("content-length")
                        ? "\r\nContent-Length: " + body.length : "") + "\r\n\r\n";
            socket.getOutputStream().write(fullHead.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer get(int port, String target) {
        return send(port, "GET " + target + " HTTP/1.1", new byte[0], 10_000);
    }

    /** Reads one HTTP/1.1 answer (Content-Length, chunked or until close). */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
            String sofar = all.toString(StandardCharsets.ISO_8859_1);
            int end = sofar.indexOf("\r\n\r\n");
            if (end >= 0) {
                Answer answer = parse(sofar, end);
                if (answer != null) {
                    return answer;
                }
            }
        }
        String sofar = all.toString(StandardCharsets.ISO_8859_1);
        int end = sofar.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer: " + sofar);
        }
        Map<String, String> headers = headers(sofar.substring(0, end));
        return new Answer(status(sofar), headers, utf8(sofar.substring(end + 4)));
    }

    private static Answer parse(String text, int end) {
        Map<String, String> headers = headers(text.substring(0, end));
        String rest = text.substring(end + 4);
        if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length").trim());
            return rest.length() >= length ? new Answer(status(text), headers, utf8(rest.substring(0, length))) : null;
        }
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            StringBuilder body = new StringBuilder();
            int pos = 0;
            while (true) {
                int lineEnd = rest.indexOf("\r\n", pos);
                if (lineEnd < 0) {
                    return null;
                }
                int size = Integer.parseInt(rest.substring(pos, lineEnd).trim(), 16);
                if (size == 0) {
                    return new Answer(status(text), headers, utf8(body.toString()));
                }
                if (rest.length() < lineEnd + 2 + size + 2) {
                    return null;
                }
                body.append(rest, lineEnd + 2, lineEnd + 2 + size);
                pos = lineEnd + 2 + size + 2;
            }
        }
        return null;
    }

    private static int status(String text) {
        return Integer.parseInt(text.substring(9, 12));
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
        }
        return headers;
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
