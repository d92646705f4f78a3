package io.switchboard.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Pushover messages API on loopback that enforces the real rules: 30-character alphanumeric token
 * and user, message required and at most 1024 characters, title 250, url 512, url_title 100,
 * priority -2..2, emergency retry >= 30 and expire <= 10800. Answers X-Limit-App-* headers, can be
 * told to answer 5xx or to run out of quota (429 until a reset time), and counts concurrency: requests in
 * flight, and TCP connections open at the same time as the client sees them.
 */
public final class FakePushover implements AutoCloseable {

    public static final String TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    public static final String USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
    public static final String OTHER_USER = "gznej3rKEVAvPUxu9vvNnqpmZpokzF";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{30}");

    /** One request as the fake saw it, with what it answered. */
    public record Received(JsonObject body, Instant at, int status) {
        public String message() {
            return body.getString("message");
        }
    }

    // one event loop: accepting, reading a FIN and counting happen in one order (see the connection handler)
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Set<HttpConnection> openConnections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxConnections = new AtomicInteger();
    private final AtomicInteger failWith = new AtomicInteger();
    private final AtomicLong responseDelayMillis = new AtomicLong();
    private final AtomicLong limit = new AtomicLong(10_000);
    private final AtomicLong remaining = new AtomicLong(10_000);
    private final AtomicReference<Instant> quotaResetsAt = new AtomicReference<>(Instant.now().plusSeconds(30 * 86400));
    private final AtomicReference<Instant> exhaustedUntil = new AtomicReference<>(Instant.EPOCH);

    private FakePushover() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
        server.connectionHandler(connection -> {
            openConnections.add(connection);
            connection.closeHandler(v -> openConnections.remove(connection));
            // Counted one event-loop turn later: a client that closes a connection and then opens the next has
            // sent its FIN first, but this loop may run the new connection's handler before it reads that FIN, and
            // counting then would see a connection the client no longer has (maxConnections 3 with 2 in use).
            // The timer runs after the loop's next I/O pass, which reads every FIN already on the socket.
            vertx.setTimer(1, id -> raiseMax(maxConnections,
                    openConnections.size() + (openConnections.contains(connection) ? 0 : 1)));
        });
        server.requestHandler(request -> {
            raiseMax(maxInFlight, inFlight.incrementAndGet());
            request.body().onSuccess(body -> {
                long delay = responseDelayMillis.get();
                if (delay > 0) {
                    vertx.setTimer(delay, id -> answer(request, body));
                } else {
                    answer(request, body);
                }
            });
        });
    }

    public static FakePushover start() {
        FakePushover fake = new FakePushover();
        try {
            fake.server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake Pushover did not start", e);
        }
        return fake;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/1/messages.json";
    }

    /** Every following request is answered with this status (e.g. 500), until succeed(). */
    public void failWith(int status) {
        failWith.set(status);
    }

    public void succeed() {
        failWith.set(0);
    }

    /** The application's monthly quota is used up until resetAt: 429 with X-Limit-App-Reset. */
    public void exhaustQuotaUntil(Instant until) {
        // X-Limit-App-Reset is in whole seconds: the quota comes back at the start of a second
        Instant resetAt = Instant.ofEpochSecond(until.getEpochSecond() + (until.getNano() > 0 ? 1 : 0));
        remaining.set(0);
        quotaResetsAt.set(resetAt);
        exhaustedUntil.set(resetAt);
    }

    public void quota(long newLimit, long newRemaining) {
        limit.set(newLimit);
        remaining.set(newRemaining);
    }

    /** Slow answers make concurrency visible. */
    public void respondAfter(long millis) {
        responseDelayMillis.set(millis);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> accepted() {
        return received.stream().filter(r -> r.status() == 200).toList();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int maxConnections() {
        return maxConnections.get();
    }

    private void answer(HttpServerRequest request, Buffer raw) {
        Instant now = Instant.now();
        JsonObject body;
        try {
            body = raw.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = new JsonObject();
        }
        if (now.isAfter(exhaustedUntil.get()) && remaining.get() == 0 && !exhaustedUntil.get().equals(Instant.EPOCH)) {
            // the month rolled over: a fresh quota
            remaining.set(limit.get());
            exhaustedUntil.set(Instant.EPOCH);
        }
        int status;
        String answer;
        String invalid = validate(body);
        if (failWith.get() != 0) {
            status = failWith.get();
            answer = "{\"status\":0,\"errors\":[\"server error\"],\"request\":\"" + UUID.randomUUID() + "\"}";
        } else if (invalid != null) {
            status = 400;
            answer = invalid;
        } else if (now.isBefore(exhaustedUntil.get())) {
            status = 429;
            answer = error("quota", "over", "application has exceeded its monthly message limit");
        } else {
            status = 200;
            remaining.decrementAndGet();
            answer = fixture("success.json");
        }
        received.add(new Received(body, now, status));
        inFlight.decrementAndGet();
        request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("X-Limit-App-Limit", String.valueOf(limit.get()))
                .putHeader("X-Limit-App-Remaining", String.valueOf(Math.max(0, remaining.get())))
                .putHeader("X-Limit-App-Reset", String.valueOf(quotaResetsAt.get().getEpochSecond()))
                .end(answer);
    }

    /** Pushover's checks, in its order; null when the request is valid. */
    private static String validate(JsonObject body) {
        if (!KEY.matcher(body.getString("token", "")).matches()) {
            return error("token", "invalid", "application token is invalid");
        }
        if (!KEY.matcher(body.getString("user", "")).matches()) {
            return fixture("invalid-user.json");
        }
        String message = body.getString("message", "");
        if (message.isEmpty()) {
            return error("message", "cannot be blank", "message cannot be blank");
        }
        if (message.length() > 1024) {
            return error("message", "too long", "message cannot be longer than 1024 characters");
        }
        if (body.getString("title", "").length() > 250) {
            return error("title", "too long", "title cannot be longer than 250 characters");
        }
        if (body.getString("url", "").length() > 512) {
            return error("url", "too long", "url cannot be longer than 512 characters");
        }
        if (body.getString("url_title", "").length() > 100) {
            return error("url_title", "too long", "url_title cannot be longer than 100 characters");
        }
        int priority = body.getInteger("priority", 0);
        if (priority < -2 || priority > 2) {
            return error("priority", "invalid", "priority is invalid");
        }
        if (priority == 2) {
            if (body.getInteger("retry", 0) < 30) {
                return error("retry", "invalid", "retry must be at least 30 seconds");
            }
            Integer expire = body.getInteger("expire");
            if (expire == null || expire > 10800) {
                return error("expire", "invalid", "expire must be at most 10800 seconds");
            }
        }
        return null;
    }

    private static String error(String field, String value, String message) {
        return new JsonObject().put(field, value).put("errors", new JsonArray().add(message)).put("status", 0)
                .put("request", UUID.randomUUID().toString()).encode();
    }

    private static String fixture(String name) {
        try (InputStream in = FakePushover.class.getResourceAsStream("/pushover/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void raiseMax(AtomicInteger max, int value) {
        max.accumulateAndGet(value, Math::max);
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake Pushover did not stop", e);
        }
    }
}
