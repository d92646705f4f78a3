package io.switchboard.ion;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.switchboard.ops.HttpProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads the raw request body (the IMS routes run with useBodyHandler=false, so Vert.x hands us the
 * paused request) with a size limit, on the worker thread that runs the route.
 */
public final class ImsRequestBody {

    private ImsRequestBody() {
    }

    public static byte[] read(HttpServerRequest request, long maxBytes, long timeoutMillis) {
        String declared = request.getHeader("Content-Length");
        if (declared != null && parse(declared) > maxBytes) {
            discard(request);
            throw tooLarge(maxBytes);
        }
        Buffer body = Buffer.buffer();
        boolean[] tooBig = {false};
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                tooBig[0] = true; // keep draining the connection, drop the bytes
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(done::completeExceptionally);
        request.endHandler(v -> done.complete(null));
        request.resume();
        try {
            done.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new HttpProblem(400, "incomplete_request", "request body not received completely");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(400, "incomplete_request", "interrupted while reading the request body");
        }
        if (tooBig[0]) {
            throw tooLarge(maxBytes);
        }
        return body.getBytes();
    }

    /** Reads and drops the body of a refused request, so the connection can carry the answer. */
    public static void discard(HttpServerRequest request) {
        request.handler(chunk -> { });
        request.exceptionHandler(e -> { });
        request.resume();
    }

    private static long parse(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static HttpProblem tooLarge(long maxBytes) {
        return new HttpProblem(413, "payload_too_large", "request exceeds hub.ims.max-message-bytes=" + maxBytes);
    }
}
