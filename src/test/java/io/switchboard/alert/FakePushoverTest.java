package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

/**
 * The fake's own counting, which PushoverAlertsTest and PushoverAcrossInstancesTest rely on: a client that
 * closes each connection before it opens the next never has more connections open than it has senders.
 */
class FakePushoverTest {

    @Test
    void aConnectionTheClientClosedBeforeOpeningTheNextIsNotCounted() throws Exception {
        // two threads of their own: the common pool may have one worker (2 cores), which would run them in turn
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (FakePushover fake = FakePushover.start()) {
            fake.respondAfter(2);
            URI url = URI.create(fake.url());
            // two senders, each: connect, one request, read the whole answer, close, and again
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> sendEachOnItsOwnConnection(url, 300),
                    senders);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> sendEachOnItsOwnConnection(url, 300),
                    senders);
            CompletableFuture.allOf(first, second).join();

            assertThat(fake.accepted()).hasSize(600);
            assertThat(fake.maxInFlight()).isEqualTo(2);
            // the old count saw 4: a new connection's handler ran before the loop read the previous one's FIN
            assertThat(fake.maxConnections()).isLessThanOrEqualTo(2);
        } finally {
            senders.shutdownNow();
        }
    }

    private static void sendEachOnItsOwnConnection(URI url, int requests) {
        String body = "{\"token\":\"" + FakePushover.TOKEN + "\",\"user\":\"" + FakePushover.USER
                + "\",\"message\":\"connection count\"}";
        byte[] request = ("POST " + url.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < requests; i++) {
            try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                socket.getOutputStream().write(request);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                int length = 0;
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                }
                for (int read = 0; read < length && in.read() >= 0; read++) {
                    // the whole answer is read before the connection closes, as an HTTP client would
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
