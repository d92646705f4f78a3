package io.switchboard.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.Deflater;

/** IMS v3 multipartMessage requests as ION v3 sends them: ParameterRequest + MessagePayload form fields. */
final class ImsRequests {

    static final String USER = "bench-gateway";
    static final String PASSWORD = "bench-secret-not-real";
    static final String TENANT = "ACME_TST";
    private static final String BOUNDARY = "ionBench7MA4YWxkTrZu0gW";
    private static final String DOCUMENT = "SyncSalesOrder";

    private final URI endpoint;
    private final byte[] payload;
    private final String encoding;
    private final String authorization;

    ImsRequests(String endpointUrl, String encoding) {
        this.endpoint = URI.create(endpointUrl);
        this.encoding = encoding;
        byte[] bod = fixture("ion/" + DOCUMENT + ".xml");
        this.payload = "DEFLATE".equals(encoding) ? deflate(bod) : bod;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest request(String messageId) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("X-TenantId", TENANT)
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(messageId)))
                .build();
    }

    static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The multipart/form-data Content-Type of every request. */
    static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    private byte[] body(String messageId) {
        return body(messageId, payload, encoding);
    }

    /** ION's exact multipart shape: ParameterRequest JSON, then the MessagePayload bytes. */
    static byte[] body(String messageId, byte[] payload, String encoding) {
        String parameters = "{\"documentName\":\"" + DOCUMENT + "\",\"messageId\":\"" + messageId + "\","
                + "\"fromLogicalId\":\"lid://infor.ims.acme_ion\",\"toLogicalId\":\"lid://infor.ims.switchboard\","
                + "\"encoding\":\"" + encoding + "\",\"characterSet\":\"UTF-8\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 600);
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"ParameterRequest\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + parameters + "\r\n");
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"MessagePayload\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(payload);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sales order fixture grown to about `bytes` by repeating its order line (well-formed, the
     * same document name and routing fields, so hub and ceiling parse the same shape).
     */
    static byte[] bodOfSize(int bytes) {
        String bod = new String(fixture("ion/" + DOCUMENT + ".xml"), StandardCharsets.UTF_8);
        int lineStart = bod.indexOf("      <SalesOrderLine>");
        int lineEnd = bod.indexOf("</SalesOrderLine>") + "</SalesOrderLine>\n".length();
        String line = bod.substring(lineStart, lineEnd);
        StringBuilder grown = new StringBuilder(bod.substring(0, lineEnd));
        int n = 2;
        while (grown.length() + (bod.length() - lineEnd) + line.length() <= bytes) {
            grown.append(line.replace("<LineNumber>1<", "<LineNumber>" + n++ + "<"));
        }
        return grown.append(bod.substring(lineEnd)).toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] fixture(String resource) {
        try (InputStream in = ImsRequests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " missing (run mvn test-compile)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
