package io.switchboard.reliability;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A POST of one BOD to the hub's IMS endpoint, in ION v3's multipart shape (no filenames). */
final class ImsPost {

    static final String USER = "ion-gateway";
    static final String PASSWORD = "gateway-secret-1";
    private static final String BOUNDARY = "ionBoundary7MA4YWxkTrZu0gW";

    private ImsPost() {
    }

    static HttpRequest request(String hubUrl, String documentName, String messageId, String bod) {
        String parameters = "{\"documentName\":\"" + documentName + "\",\"messageId\":\"" + messageId + "\","
                + "\"fromLogicalId\":\"lid://infor.ims.acme_ion\",\"toLogicalId\":\"lid://infor.ims.switchboard\","
                + "\"encoding\":\"NONE\",\"characterSet\":\"UTF-8\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data;name=\"ParameterRequest\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + parameters + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data;name=\"MessagePayload\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bod + "\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(hubUrl + "/ims/service/v3/multipartMessage"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("Authorization", "Basic " + basic)
                .header("X-TenantId", "ACME_TST")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    }
}
