package io.switchboard.chat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A fake I2A Chat server-to-server API on loopback (Vert.x): checks X-Application-Secret (401),
 * the form fields of each endpoint (400 with an error body), keeps rooms, members, messages and
 * sessions in memory, and can be scripted to fail the next calls (status, or no answer in time).
 * Usable from any test: {@code try (FakeI2a i2a = FakeI2a.start("secret")) { … i2a.url() … }}.
 */
public final class FakeI2a implements AutoCloseable {

    /** One room: type, members, system messages in order. */
    public record Room(String identifier, String type, Set<String> members, List<String> messages) {
    }

    /** A request as received. */
    public record Request(String method, String path, Map<String, List<String>> form) {
    }

    /** A scripted answer; status 0 with a delay = no answer in time, status -1 = answer normally after the delay. */
    private record Fault(String pathContains, int status, String body, Duration delay) {
    }

    private static final String BASE = "/server-to-server/v1/";
    private static final Pattern ROOM_PATH = Pattern.compile(BASE + "chat-room/([^/]+)/(add-users/|remove-users/)?");

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private volatile String secret;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unauthorized = new AtomicInteger();

    private FakeI2a(String secret) throws Exception {
        this.secret = secret;
        this.server = vertx.createHttpServer().requestHandler(this::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static FakeI2a start(String secret) {
        try {
            return new FakeI2a(secret);
        } catch (Exception e) {
            throw new IllegalStateException("fake I2A did not start", e);
        }
    }

    /** The base URL to configure as hub.i2a.url. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The secret the fake accepts from now on (simulates a rotated secret). */
    public void acceptSecret(String newSecret) {
        this.secret = newSecret;
    }

    /** The next `times` requests whose path contains pathContains answer status with body. */
    public void failNext(String pathContains, int times, int status, String body) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(pathContains, status, body, null));
        }
    }

    /** The next `times` matching requests answer only after delay (longer than the hub's timeout). */
    public void delayNext(String pathContains, int times, Duration delay) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(pathContains, 0, null, delay));
        }
    }

    /** The next `times` matching requests are answered normally, but only after delay (slow, not failing). */
    public void slowNext(String pathContains, int times, Duration delay) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(pathContains, -1, null, delay));
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String pathContains) {
        return requests.stream().filter(r -> r.path().contains(pathContains)).toList();
    }

    /** Requests refused for a wrong or missing secret. */
    public int unauthorizedCount() {
        return unauthorized.get();
    }

    public Map<String, Room> rooms() {
        return Map.copyOf(rooms);
    }

    public Room room(String identifier) {
        return rooms.get(identifier);
    }

    /** Open sessions: token → user/device. */
    public Map<String, String> sessions() {
        return Map.copyOf(sessions);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            Map<String, List<String>> form = parseForm(buffer.toString(StandardCharsets.UTF_8));
            String path = request.path();
            if (!secretOk(request.getHeader("X-Application-Secret"))) {
                unauthorized.incrementAndGet();
                answer(request, 401, "{\"detail\":\"Invalid application secret.\"}");
                return;
            }
            requests.add(new Request(request.method().name(), path, form));
            Fault fault = takeFault(path);
            if (fault != null && fault.status() == -1) {
                vertx.setTimer(fault.delay().toMillis(), t -> route(request, path, form));
                return;
            }
            if (fault != null && fault.delay() != null) {
                vertx.setTimer(fault.delay().toMillis(), t -> answer(request, 500, "{\"detail\":\"late\"}"));
                return;
            }
            if (fault != null) {
                answer(request, fault.status(), fault.body());
                return;
            }
            route(request, path, form);
        });
    }

    private boolean secretOk(String given) {
        return given != null && given.equals(secret);
    }

    private Fault takeFault(String path) {
        for (Fault f : faults) {
            if (path.contains(f.pathContains()) && faults.remove(f)) {
                return f;
            }
        }
        return null;
    }

    private void route(HttpServerRequest request, String path, Map<String, List<String>> form) {
        String method = request.method().name();
        String contentType = String.valueOf(request.getHeader("Content-Type"));
        if (!"DELETE".equals(method) && !contentType.startsWith("application/x-www-form-urlencoded")) {
            answer(request, 400, "{\"detail\":\"form-encoded body expected\"}");
            return;
        }
        if ("POST".equals(method) && path.equals(BASE + "chat-room/")) {
            if (missing(request, form, "type")) {
                return;
            }
            String id = UUID.randomUUID().toString();
            rooms.put(id, new Room(id, form.get("type").get(0),
                    Collections.synchronizedSet(new LinkedHashSet<>(form.getOrDefault("application_users_identifiers", List.of()))),
                    new CopyOnWriteArrayList<>()));
            answer(request, 201, "{\"identifier\":\"" + id + "\"}");
            return;
        }
        if ("POST".equals(method) && path.equals(BASE + "session/open-session/")) {
            if (missing(request, form, "application_user_identifier", "device_identifier")) {
                return;
            }
            String token = "tok-" + UUID.randomUUID();
            sessions.put(token, form.get("application_user_identifier").get(0) + "/" + form.get("device_identifier").get(0));
            answer(request, 201, "{\"token\":\"" + token + "\"}");
            return;
        }
        if ("POST".equals(method) && path.equals(BASE + "session/close-session/")) {
            if (missing(request, form, "application_user_identifier", "device_identifier")) {
                return;
            }
            String who = form.get("application_user_identifier").get(0) + "/" + form.get("device_identifier").get(0);
            sessions.values().removeIf(who::equals);
            answer(request, 200, "{}");
            return;
        }
        if ("POST".equals(method) && path.equals(BASE + "system-message/send-system-message/")) {
            if (missing(request, form, "chat_room_identifier", "message")) {
                return;
            }
            Room room = rooms.get(form.get("chat_room_identifier").get(0));
            if (room == null) {
                answer(request, 404, "{\"detail\":\"Not found.\"}");
                return;
            }
            room.messages().add(form.get("message").get(0));
            answer(request, 201, "{}");
            return;
        }
        Matcher m = ROOM_PATH.matcher(path);
        if (m.matches()) {
            Room room = rooms.get(m.group(1));
            if (room == null) {
                answer(request, 404, "{\"detail\":\"Not found.\"}");
                return;
            }
            if ("DELETE".equals(method) && m.group(2) == null) {
                rooms.remove(m.group(1));
                answer(request, 204, "");
                return;
            }
            if ("POST".equals(method) && m.group(2) != null) {
                if (missing(request, form, "application_users_identifiers")) {
                    return;
                }
                List<String> users = form.get("application_users_identifiers");
                if (m.group(2).startsWith("add")) {
                    room.members().addAll(users);
                } else {
                    room.members().removeAll(users);
                }
                answer(request, 200, "{}");
                return;
            }
        }
        answer(request, 404, "{\"detail\":\"Not found.\"}");
    }

    private boolean missing(HttpServerRequest request, Map<String, List<String>> form, String... fields) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String field : fields) {
            if (form.getOrDefault(field, List.of()).stream().allMatch(String::isBlank)) {
                errors.put(field, List.of("This field is required."));
            }
        }
        if (errors.isEmpty()) {
            return false;
        }
        StringBuilder body = new StringBuilder("{");
        errors.keySet().forEach(f -> body.append(body.length() > 1 ? "," : "").append('"').append(f)
                .append("\":[\"This field is required.\"]"));
        answer(request, 400, body.append('}').toString());
        return true;
    }

    private static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static void answer(HttpServerRequest request, int status, String body) {
        if (request.response().closed()) {
            return;
        }
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body == null ? "" : body);
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
