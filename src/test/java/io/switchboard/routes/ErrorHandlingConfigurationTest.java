package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new YAML route gets redelivery and dead letters by naming a route configuration of
 * routes/error-handling.camel.yaml, and kamelet:rest-peer-sink calls a REST peer with the hub's redelivery
 * policy for REST peers. Seen from outside: what the peer received, /api/admin/dead-letters and JMX.
 */
class ErrorHandlingConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "error-handling-test-key";

    private HttpServer peer;
    /** The HTTP statuses the peer answers, one per call; empty = 200. */
    private final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private TestHub hub;

    @BeforeEach
    void start() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/tickets", exchange -> {
            Map<String, String> call = new HashMap<>();
            call.put("method", exchange.getRequestMethod());
            call.put("query", String.valueOf(exchange.getRequestURI().getQuery()));
            call.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            call.put("contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            call.put("messageIdHeader", String.valueOf(exchange.getRequestHeaders().getFirst("SwitchboardMessageId")));
            received.add(call);
            Integer status = answers.poll();
            byte[] answer = "{\"ticket\":\"T-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        peer.start();

        Path routes = TestHub.tempDir();
        Files.writeString(routes.resolve("crm.camel.yaml"), """
                - route:
                    id: crm-ticket
                    routeConfigurationId: dead-letter-rest-peer
                    from:
                      uri: direct:crm-ticket
                      steps:
                        - to: "{{test.crm.url}}?throwExceptionOnFailure=true"
                - route:
                    id: crm-ticket-by-kamelet
                    from:
                      uri: direct:crm-ticket-by-kamelet
                      steps:
                        - to:
                            uri: kamelet:rest-peer-sink
                            parameters:
                              url: "{{test.crm.url}}"
                              method: PUT
                              query: "order=${header.Order}"
                """);
        Map<String, String> props = new HashMap<>();
        props.put("camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:" + routes + "/*.camel.yaml");
        props.put("camel.component.kamelet.location", "file:routes/kamelets");
        props.put("test.crm.url", "http://127.0.0.1:" + peer.getAddress().getPort() + "/tickets");
        props.put("hub.api.key", API_KEY);
        props.put("hub.redelivery.rest-peer.maximum-redeliveries", "2");
        props.put("hub.redelivery.rest-peer.initial-delay", "10");
        props.put("hub.redelivery.rest-peer.maximum-delay", "50");
        hub = TestHub.start(props);
    }

    @AfterEach
    void stop() {
        hub.close();
        peer.stop(0);
    }

    @Test
    void aNewYamlRouteNamingAConfigurationIsRedeliveredThenADeadLetterAnOperatorSeesAndReplays() throws Exception {
        answers.addAll(List.of(500, 500, 500));

        send("direct:crm-ticket", "{\"order\":\"WO-9\"}", Map.of("SwitchboardMessageId", "crm-1"));

        assertThat(received).as("first call + hub.redelivery.rest-peer.maximum-redeliveries").hasSize(3);
        JsonNode list = json(admin("GET", "/api/admin/dead-letters?routeId=crm-ticket"));
        assertThat(list.path("total").asInt()).isEqualTo(1);
        JsonNode dead = json(admin("GET", "/api/admin/dead-letters/" + list.path("items").get(0).path("id").asLong()));
        assertThat(dead.path("body").asText()).isEqualTo("{\"order\":\"WO-9\"}");
        assertThat(dead.path("attempts").asInt()).isEqualTo(3);
        assertThat(dead.path("reason").asText()).contains("500");
        assertThat((Long) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("Switchboard:type=DeadLetters"), "DeadCount")).isEqualTo(1L);

        // the peer is back: the replay re-enters the route with what it received
        JsonNode replay = json(admin("POST", "/api/admin/dead-letters/" + dead.path("id").asLong() + "/replay"));
        assertThat(replay.path("result").asText()).as(replay.toString()).isEqualTo("REPLAYED");
        assertThat(received).hasSize(4);
        assertThat(received.get(3).get("body")).isEqualTo("{\"order\":\"WO-9\"}");
    }

    @Test
    void aFourHundredIsNotRedeliveredTheRequestItselfIsWrong() throws Exception {
        answers.add(422);

        send("direct:crm-ticket", "{}", Map.of());

        assertThat(received).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(admin("GET", "/api/admin/dead-letters?routeId=crm-ticket")).path("total").asInt() == 1);
    }

    @Test
    void theRestPeerKameletRetriesWithTheHubsPolicyAndSendsOnlyTheBody() throws Exception {
        answers.addAll(List.of(500, 502));

        Map<String, Object> headers = new HashMap<>();
        headers.put("Order", "WO-9");
        headers.put("SwitchboardMessageId", "crm-2");
        String answer = send("direct:crm-ticket-by-kamelet", "{\"order\":\"WO-9\"}", headers);

        assertThat(answer).isEqualTo("{\"ticket\":\"T-1\"}");
        assertThat(received).hasSize(3).allSatisfy(call -> {
            assertThat(call.get("method")).isEqualTo("PUT");
            assertThat(call.get("query")).isEqualTo("order=WO-9");
            assertThat(call.get("body")).isEqualTo("{\"order\":\"WO-9\"}");
            assertThat(call.get("contentType")).startsWith("application/json");
            assertThat(call.get("messageIdHeader")).as("route headers stay in the hub").isEqualTo("null");
        });
        assertThat(json(admin("GET", "/api/admin/dead-letters?routeId=rest-peer")).path("total").asInt()).isZero();
    }

    @Test
    void aRestPeerThatStaysDownLeavesADeadLetterWhoseReplayRepeatsTheCall() throws Exception {
        answers.addAll(List.of(503, 503, 503));

        send("direct:crm-ticket-by-kamelet", "{\"order\":\"WO-10\"}", Map.of("Order", "WO-10"));

        assertThat(received).hasSize(3);
        JsonNode list = json(admin("GET", "/api/admin/dead-letters?routeId=rest-peer"));
        assertThat(list.path("total").asInt()).isEqualTo(1);
        long id = list.path("items").get(0).path("id").asLong();
        JsonNode dead = json(admin("GET", "/api/admin/dead-letters/" + id));
        assertThat(dead.path("headers").path("RestPeerMethod").asText()).isEqualTo("PUT");
        assertThat(dead.path("headers").path("RestPeerQuery").asText()).isEqualTo("order=WO-10");

        JsonNode replay = json(admin("POST", "/api/admin/dead-letters/" + id + "/replay"));
        assertThat(replay.path("result").asText()).as(replay.toString()).isEqualTo("REPLAYED");
        assertThat(received).hasSize(4);
        assertThat(received.get(3)).containsEntry("method", "PUT").containsEntry("query", "order=WO-10")
                .containsEntry("body", "{\"order\":\"WO-10\"}");
    }

    private String send(String endpoint, String body, Map<String, Object> headers) {
        return hub.context().createProducerTemplate().requestBodyAndHeaders(endpoint, body, headers, String.class);
    }

    private HttpResponse<String> admin(String method, String path) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("X-API-Key", API_KEY)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("")).build());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
