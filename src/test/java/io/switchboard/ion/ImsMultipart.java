package io.switchboard.ion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;

import io.switchboard.TestHub;

/** Builds IMS v3 multipartMessage requests exactly as ION sends them (and as other clients do). */
final class ImsMultipart {

    static final String USER = "ion-gateway";
    static final String PASSWORD = "gateway-secret-1";
    static final String TENANT = "ACME_TST";
    static final String BOUNDARY = "ionBoundary7MA4YWxkTrZu0gW";

    private ImsMultipart() {
    }

    static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/ion", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String parameters(String documentName, String messageId, String encoding) {
        return "{\n  \"documentName\": \"" + documentName + "\",\n  \"messageId\": \"" + messageId + "\",\n"
                + "  \"fromLogicalId\": \"lid://infor.ims.acme_ion\",\n  \"toLogicalId\": \"lid://infor.ims.switchboard\",\n"
                + "  \"encoding\": \"" + encoding + "\",\n  \"characterSet\": \"UTF-8\",\n  \"variationId\": \"7\"\n}";
    }

    static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    /** zlib-wrapped DEFLATE, as java.util.zip.Deflater writes it; raw=true for a bare DEFLATE stream. */
    static byte[] deflate(String text, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** ION v3 shape: Content-Disposition form-data;name="…" and no filename; filenames=true as other clients. */
    static byte[] body(String parameterJson, byte[] payload, boolean filenames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (parameterJson != null) {
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"ParameterRequest\""
                    + (filenames ? "; filename=\"ParameterRequest.json\"" : "")
                    + "\r\nContent-Type: application/json\r\n\r\n");
            write(out, parameterJson);
            write(out, "\r\n");
        }
        if (payload != null) {
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"MessagePayload\""
                    + (filenames ? "; filename=\"MessagePayload.xml\"" : "")
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(payload);
            write(out, "\r\n");
        }
        write(out, "--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    static HttpRequest.Builder post(String url, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("X-TenantId", TENANT)
                .header("Authorization", basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** The hub properties of an IMS endpoint with basic auth for USER / PASSWORD (a mutable map). */
    static Map<String, String> basicAuthProps() {
        Map<String, String> props = new HashMap<>();
        props.put("hub.ims.auth.mode", "basic");
        props.put("hub.ims.auth.user", USER);
        props.put("hub.ims.auth.password", PASSWORD);
        return props;
    }

    /** Posts n sales orders (no rule routes them) at once, checks every 202, returns their message ids. */
    static List<String> postSalesOrders(TestHub hub, int n) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = newMessageId();
            ids.add(id);
            answers.add(client.sendAsync(post(hub.url("/ims/service/v3/multipartMessage"),
                    body(parameters("SyncSalesOrder", id, "NONE"),
                            fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            if (answer.get().statusCode() != 202) {
                throw new AssertionError("expected 202, got " + answer.get().statusCode() + " " + answer.get().body());
            }
        }
        return ids;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
