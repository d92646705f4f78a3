package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.RawHttp;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slow uploads hold connections, not threads: health, Acrobits and ION stay responsive (issue 12 item 6). */
class SlowUploadTest {

    private static final int SLOW_CLIENTS = 32; // more than Vert.x's 20 worker threads
    private static final long UPLOAD_TIMEOUT_MS = 6000;
    private static TestHub hub;
    private static int port;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of(
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                "hub.acrobits.cloud-id", "ACME",
                "hub.http.upload-timeout", String.valueOf(UPLOAD_TIMEOUT_MS)));
        port = Integer.parseInt(hub.url("").replaceAll(".*:", ""));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Socket slowUpload(String path, String contentType) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) UPLOAD_TIMEOUT_MS * 4);
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + ImsMultipart.basic(ImsMultipart.USER, ImsMultipart.PASSWORD) + "\r\nX-TenantId: ACME\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: 100000\r\n\r\n-")
                .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void slowUploadsNeitherStarveOtherRequestsNorLastForever() throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.add(slowUpload(i % 2 == 0 ? "/ims/service/v3/multipartMessage" : "/ims/service/v3/message/multipart",
                    "multipart/form-data; boundary=" + ImsMultipart.BOUNDARY));
        }
        slow.add(slowUpload("/acrobits/auth", "application/x-www-form-urlencoded"));
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        trickle.scheduleAtFixedRate(() -> slow.forEach(s -> {
            try {
                OutputStream out = s.getOutputStream();
                out.write('-');
                out.flush();
            } catch (IOException closedByTheHub) {
                // expected once the deadline has passed
            }
        }), 500, 500, TimeUnit.MILLISECONDS);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(hub.url("/observe/health")))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                HttpResponse<String> acrobits = http.send(HttpRequest.newBuilder(URI.create(hub.url(
                                "/acrobits/auth?username=a&password=b&cloud_id=ACME"))).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(acrobits.statusCode()).isEqualTo(401);
            }
            HttpResponse<String> ion = http.send(ImsMultipart.post(hub.url("/ims/service/v3/multipartMessage"),
                    ImsMultipart.body(ImsMultipart.parameters("SyncSalesOrder", ImsMultipart.newMessageId(), "NONE"),
                            ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ion.statusCode()).as("ION is served while others upload slowly").isEqualTo(202);

            for (Socket s : slow) {
                RawHttp.Answer answer = RawHttp.read(s.getInputStream());
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.body()).contains("request_timeout");
            }
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void imsBodyOverTheLimitIs413WithoutReadingIt() {
        RawHttp.Answer answer = RawHttp.send(port, "POST /ims/service/v3/multipartMessage HTTP/1.1\r\nAuthorization: "
                + ImsMultipart.basic(ImsMultipart.USER, ImsMultipart.PASSWORD) + "\r\nX-TenantId: ACME\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 999999999", new byte[0], 10_000);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("payload_too_large", "hub.ims.max-message-bytes");
    }
}
