package io.switchboard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;

/** The demo's calls to the hub, over real HTTP, as ION, an operator and an internal system make them. */
final class HubCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "demoBoundary7MA4YWxkTrZu0gW";

    private final TestHub hub;

    HubCalls(TestHub hub) {
        this.hub = hub;
    }

    /** A BOD from src/test/resources/ion (the copies of /work/shared/fixtures/ion). */
    static String sampleBod(String file) {
        try (InputStream in = HubCalls.class.getResourceAsStream("/ion/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no sample BOD " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    /** POST {ims}/service/v3/multipartMessage in ION's shape: two form-data parts, no filenames. */
    HttpResponse<String> postToIms(String documentName, String messageId, String bod) {
        String parameters = "{\"documentName\":\"" + documentName + "\",\"messageId\":\"" + messageId
                + "\",\"fromLogicalId\":\"lid://infor.ims.acme_ion\",\"toLogicalId\":\"lid://infor.ims.switchboard\","
                + "\"encoding\":\"NONE\",\"characterSet\":\"UTF-8\"}";
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"ParameterRequest\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + parameters + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"MessagePayload\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bod + "\r\n--" + BOUNDARY + "--\r\n";
        String basic = Base64.getEncoder().encodeToString(
                (SandboxPeers.IMS_USER + ":" + SandboxPeers.IMS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/ims/service/v3/multipartMessage")))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("X-TenantId", SandboxPeers.TENANT)
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    HttpResponse<String> api(String method, String path, Object json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(json));
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("X-API-Key", SandboxPeers.API_KEY)
                .header("Content-Type", "application/json")
                .method(method, body).build());
    }

    /** GET /api/admin/messages/{id}: the message's journey, or a missing node when there is none yet. */
    JsonNode journey(String messageId) {
        HttpResponse<String> answer = api("GET", "/api/admin/messages/" + messageId, null);
        return answer.statusCode() == 200 ? read(answer.body()).path("messages").path(0) : JSON.missingNode();
    }

    /** Queues a BOD for ION through POST /api/ion/outbox; returns the message id it was given. */
    String enqueueForIon(String documentName, String bod) {
        HttpResponse<String> answer = api("POST", "/api/ion/outbox",
                Map.of("documentName", documentName, "payload", bod, "toLogicalId", "lid://infor.m3.acme"));
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("outbox answered " + answer.statusCode() + " " + answer.body());
        }
        return read(answer.body()).path("messageId").asText();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
