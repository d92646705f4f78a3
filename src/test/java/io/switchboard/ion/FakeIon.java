package io.switchboard.ion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake ION on loopback: OAuth2 token endpoint and the IMS v3 API the hub calls (versions,
 * acceptedDocuments, ping, multipartMessage). Each endpoint answers scripted statuses (a queue, then a
 * default), can be slowed down, and records what it received.
 */
public final class FakeIon implements AutoCloseable {

    public static final String TENANT = "ACME_TST";
    public static final String TOKEN = "token";
    public static final String VERSIONS = "versions";
    public static final String ACCEPTED = "acceptedDocuments";
    public static final String PING = "ping";
    public static final String MESSAGE = "multipartMessage";
    /** A scripted "status" that closes the connection without an answer (connection reset). */
    public static final int RESET = -1;

    /** One multipartMessage as ION saw it. */
    public record Received(String tenantId, String bearer, Map<String, Object> parameters, String payload,
            Map<String, String> partContentTypes) {
        public String messageId() {
            return (String) parameters.get("messageId");
        }

        public String documentName() {
            return (String) parameters.get("documentName");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> defaults = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    // appended per message: a copy-on-write list would copy itself on every add (quadratic in a bench drain);
    // kept raw and parsed when read, so the bench's drain does not pay a multipart parse per message in its JVM
    private final List<Unparsed> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> acceptedPaths = new CopyOnWriteArrayList<>();
    private final List<String> refusedAcceptedPaths = new CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> callTimes = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ScheduledExecutorService delayedAnswers = Executors.newScheduledThreadPool(4);
    private volatile long tokenLifetimeSeconds = 3600;
    private volatile String versionsBody = "[\"v2\",\"v3\"]";
    private volatile String acceptedBody;

    private FakeIon(HttpServer server) {
        this.server = server;
    }

    public static FakeIon start() {
        // answer at once: without TCP_NODELAY, header and body writes meet the client's delayed ACK (~40 ms a call)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            FakeIon ion = new FakeIon(server);
            ion.acceptedBody = "[{\"documentName\":\"SyncSalesOrder\"},{\"documentName\":\"AcknowledgeSalesOrder\"},"
                    + "{\"documentName\":\"SyncServiceOrder\"}]";
            server.createContext("/", ion::handle);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.start();
            return ion;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Writes a .ionapi file whose iu/pu point here. */
    public Path writeIonapi(Path dir) {
        return writeIonapi(dir, url());
    }

    /** Writes a .ionapi file with ION URL iu (the token endpoint pu always points here). */
    public Path writeIonapi(Path dir, String iu) {
        try {
            Path file = dir.resolve("switchboard.ionapi");
            Files.writeString(file, ionapiJson(iu, "exampleServiceAccountSecretKey-not-real"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String ionapiJson(String iu, String sask) {
        return "{\"ti\":\"" + TENANT + "\",\"cn\":\"switchboard-backend\",\"ci\":\"ACME_TST~clientId\","
                + "\"cs\":\"client-secret-not-real\",\"iu\":\"" + iu + "\",\"pu\":\"" + url() + "/" + TENANT
                + "/as/\",\"oa\":\"authorization.oauth2\",\"ot\":\"token.oauth2\",\"or\":\"revoke_token.oauth2\","
                + "\"saak\":\"ACME_TST#accessKey\",\"sask\":\"" + sask + "\"}";
    }

    /** The next calls of endpoint answer these statuses, in order; then the default again. */
    public FakeIon script(String endpoint, Integer... statuses) {
        scripted.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).addAll(List.of(statuses));
        return this;
    }

    /** Every call of endpoint answers status (after the scripted ones); 0 = normal behaviour. */
    public FakeIon always(String endpoint, int status) {
        if (status == 0) {
            defaults.remove(endpoint);
        } else {
            defaults.put(endpoint, status);
        }
        return this;
    }

    /** acceptedDocuments answers 404 when its raw path contains this text (e.g. "%2F" like many API gateways). */
    public FakeIon refuseAcceptedPathsContaining(String text) {
        refusedAcceptedPaths.add(text);
        return this;
    }

    public FakeIon delay(String endpoint, Duration delay) {
        delays.put(endpoint, delay);
        return this;
    }

    /** expires_in of the tokens issued from now on. */
    public FakeIon tokenLifetime(long seconds) {
        this.tokenLifetimeSeconds = seconds;
        return this;
    }

    public FakeIon versions(String body) {
        this.versionsBody = body;
        return this;
    }

    public FakeIon acceptedDocuments(String body) {
        this.acceptedBody = body;
        return this;
    }

    /** Every issued token stops working: the next call gets 401 and the hub must fetch a new one. */
    public void revokeTokens() {
        validTokens.clear();
    }

    public int calls(String endpoint) {
        AtomicInteger n = calls.get(endpoint);
        return n == null ? 0 : n.get();
    }

    /** When each call of endpoint arrived (System.nanoTime / 1e6). */
    public List<Long> callTimesMillis(String endpoint) {
        List<Long> times = callTimes.getOrDefault(endpoint, List.of());
        synchronized (times) {
            return List.copyOf(times);
        }
    }

    public List<Received> received() {
        List<Unparsed> copy;
        synchronized (received) {
            copy = List.copyOf(received);
        }
        return copy.stream().map(Unparsed::parse).toList();
    }

    /** A multipartMessage as it came in, parsed only when a test or the bench reads it. */
    private record Unparsed(String tenantId, String bearer, String contentType, byte[] body) {
        Received parse() {
            try {
                return FakeIon.parse(tenantId, contentType, body, bearer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** Most multipartMessage calls that were in progress at the same time. */
    public int maxConcurrentMessages() {
        return maxInFlight.get();
    }

    public List<String> acceptedPaths() {
        return List.copyOf(acceptedPaths);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        delayedAnswers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String endpoint = endpointOf(path);
        if (endpoint == null) {
            try (exchange) {
                answer(exchange, 404, "{\"error\":\"no such path " + path + "\"}");
            }
            return;
        }
        calls.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
        callTimes.computeIfAbsent(endpoint, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(System.nanoTime() / 1_000_000);
        byte[] body = exchange.getRequestBody().readAllBytes();
        Duration delay = delays.get(endpoint);
        int concurrent = endpoint.equals(MESSAGE) ? inFlight.incrementAndGet() : 0;
        maxInFlight.accumulateAndGet(concurrent, Math::max);
        if (delay == null) {
            respond(exchange, endpoint, body);
        } else {
            // a slow peer: the answer is scheduled for later, no server thread waits for it
            delayedAnswers.schedule(() -> {
                respond(exchange, endpoint, body);
                return null;
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void respond(HttpExchange exchange, String endpoint, byte[] body) throws IOException {
        if (endpoint.equals(MESSAGE)) {
            inFlight.decrementAndGet();
        }
        try (exchange) {
            Integer status = next(endpoint);
            if (status != null && status == RESET) {
                return;
            }
            if (status != null && status != 200) {
                answer(exchange, status, "{\"error\":\"scripted " + status + "\"}");
                return;
            }
            if (endpoint.equals(TOKEN)) {
                tokenRequests.add(form(new String(body, StandardCharsets.UTF_8)));
                String token = "tok-" + tokenCounter.incrementAndGet();
                validTokens.add(token);
                answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                        + tokenLifetimeSeconds + "}");
                return;
            }
            String bearer = bearer(exchange);
            if (bearer == null || !validTokens.contains(bearer)) {
                answer(exchange, 401, "{\"error\":\"invalid token\"}");
                return;
            }
            switch (endpoint) {
                case VERSIONS -> answer(exchange, 200, versionsBody);
                case ACCEPTED -> {
                    String raw = exchange.getRequestURI().getRawPath();
                    acceptedPaths.add(raw);
                    if (refusedAcceptedPaths.stream().anyMatch(raw::contains)) {
                        answer(exchange, 404, "{\"error\":\"no such path\"}");
                    } else {
                        answer(exchange, 200, acceptedBody);
                    }
                }
                case PING -> answer(exchange, 200, "");
                case MESSAGE -> {
                    received.add(new Unparsed(exchange.getRequestHeaders().getFirst("X-TenantId"), bearer,
                            exchange.getRequestHeaders().getFirst("Content-Type"), body));
                    answer(exchange, 202, "");
                }
                default -> answer(exchange, 404, "{}");
            }
        }
    }

    private Integer next(String endpoint) {
        Deque<Integer> queue = scripted.get(endpoint);
        if (queue != null) {
            synchronized (queue) {
                Integer s = queue.poll();
                if (s != null) {
                    return s;
                }
            }
        }
        return defaults.get(endpoint);
    }

    private static String endpointOf(String path) {
        if (path.equals("/" + TENANT + "/as/token.oauth2")) {
            return TOKEN;
        }
        String base = "/" + TENANT + "/IONSERVICES/api/ion/messaging/service/";
        if (!path.startsWith(base)) {
            return null;
        }
        String rest = path.substring(base.length());
        if (rest.equals("versions")) {
            return VERSIONS;
        }
        if (rest.equals("ping")) {
            return PING;
        }
        if (rest.equals("v3/multipartMessage")) {
            return MESSAGE;
        }
        if (rest.startsWith("v3/") && rest.endsWith("/acceptedDocuments")) {
            return ACCEPTED;
        }
        return null;
    }

    private static String bearer(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    }

    @SuppressWarnings("unchecked")
    private static Received parse(String tenantId, String contentType, byte[] body, String bearer)
            throws IOException {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String content = part.substring(split + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            String name = headers.replaceAll("(?s).*name=\"([^\"]+)\".*", "$1");
            String type = headers.replaceAll("(?s).*Content-Type: ([^\r\n]+).*", "$1");
            parts.put(name, content.getBytes(StandardCharsets.ISO_8859_1));
            types.put(name, type);
        }
        Map<String, Object> parameters = JSON.readValue(parts.get("ParameterRequest"), Map.class);
        byte[] payload = parts.get("MessagePayload");
        if ("DEFLATE".equals(parameters.get("encoding"))) {
            try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(payload))) {
                payload = in.readAllBytes();
            }
        }
        return new Received(tenantId, bearer, parameters,
                new String(payload, StandardCharsets.UTF_8), types);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }


}
