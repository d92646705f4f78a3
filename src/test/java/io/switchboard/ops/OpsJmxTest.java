package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.store.DeadLetterStore;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Switchboard:* operation and attribute of this package through a real remote JMX connection. */
class OpsJmxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Downstream DOWNSTREAM = new Downstream();
    private static TestHub hub;
    private static Registry rmiRegistry;
    private static JMXConnectorServer connectorServer;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;
    private static final ObjectName HUB = name("Switchboard:type=Hub");
    private static final ObjectName DEAD_LETTERS = name("Switchboard:type=DeadLetters");

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(Map.of());
        hub.context().addRoutes(new DeadLetterChannel("jmxtest", new RedeliverySettings(0, 10, 2, 50)));
        hub.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:jmx-test-deliver").routeId("jmx-test-deliver")
                        .routeConfigurationId(DeadLetterChannel.idFor("jmxtest"))
                        .bean(DOWNSTREAM, "deliver");
            }
        });
        int port = TestHub.freePort();
        rmiRegistry = LocateRegistry.createRegistry(port, null,
                p -> new ServerSocket(p, 0, InetAddress.getLoopbackAddress()));
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(url, null,
                ManagementFactory.getPlatformMBeanServer());
        connectorServer.start();
        connector = JMXConnectorFactory.connect(url);
        jmx = connector.getMBeanServerConnection();
    }

    @AfterAll
    static void stop() throws IOException {
        connector.close();
        connectorServer.stop();
        UnicastRemoteObject.unexportObject(rmiRegistry, true);
        hub.close();
    }

    @BeforeEach
    void failAgain() {
        DOWNSTREAM.failing.set(true);
        DOWNSTREAM.delivered.clear();
    }

    @Test
    void hubMBeanShowsPeersDeadLettersAndRouteTableVersion() throws Exception {
        hub.bean("peerMonitors", PeerMonitors.class).register(new TestPeer("ion", true, "BACKING_OFF", false,
                Instant.parse("2026-01-01T10:00:00Z"), "ping failed: 503", Map.of("queued", 4L, "held", 1L)));
        hub.bean("peerMonitors", PeerMonitors.class).register(new TestPeer("pushover", false, "DISABLED", false,
                null, null, Map.of()));
        deadLetter("Jmx.Hub", "x");

        assertThat(jmx.getAttribute(HUB, "Status")).isEqualTo("DEGRADED");
        assertThat((String[]) jmx.getAttribute(HUB, "PeerNames")).contains("ion", "pushover");
        assertThat(tabular(jmx.getAttribute(HUB, "PeerStates"))).containsEntry("ion", "BACKING_OFF")
                .containsEntry("pushover", "DISABLED");
        assertThat(tabular(jmx.getAttribute(HUB, "PeerHealth"))).containsEntry("ion", false);
        JsonNode peers = JSON.readTree((String) jmx.getAttribute(HUB, "PeersJson"));
        JsonNode ion = null;
        for (JsonNode peer : peers) {
            if (peer.path("name").asText().equals("ion")) {
                ion = peer;
            }
        }
        assertThat(ion).as("peer ion in PeersJson").isNotNull();
        assertThat(ion.path("lastSuccess").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(ion.path("lastError").asText()).isEqualTo("ping failed: 503");
        assertThat(ion.path("queueDepths").path("queued").asLong()).isEqualTo(4);
        assertThat(JSON.readTree((String) jmx.invoke(HUB, "peer", new Object[] {"ion"},
                new String[] {String.class.getName()})).path("state").asText()).isEqualTo("BACKING_OFF");
        assertThat((Long) tabular(jmx.getAttribute(HUB, "DeadLetterCounts")).get("DEAD")).isGreaterThanOrEqualTo(1L);
        assertThat((String) jmx.getAttribute(HUB, "RouteTableVersion")).hasSize(12);
        assertThat(Instant.parse((String) jmx.getAttribute(HUB, "RouteTableLoadedAt"))).isBefore(Instant.now());
        assertThat((Integer) jmx.getAttribute(HUB, "YamlRouteCount")).isGreaterThanOrEqualTo(1);
        assertThat((String[]) jmx.getAttribute(HUB, "RouteTableFiles")).contains("dispatch.camel.yaml",
                "alert-rules.camel.yaml");
        assertThat((String) jmx.getAttribute(HUB, "LastRejectedRouteEdit")).as("no edit refused yet").isEmpty();
    }

    @Test
    void routeTableVersionChangesWhenAYamlRouteChanges() throws Exception {
        String before = (String) jmx.getAttribute(HUB, "RouteTableVersion");
        var yaml = hub.context().getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinitions().stream().filter(r -> r.getResource() != null).findFirst().orElseThrow();
        var model = hub.context().getCamelContextExtension().getContextPlugin(Model.class);
        var extra = new RouteDefinition("direct:jmx-extra-yaml").routeId("jmx-extra-yaml");
        extra.setResource(yaml.getResource());
        extra.log("extra");
        model.addRouteDefinition(extra);
        try {
            assertThat(jmx.getAttribute(HUB, "RouteTableVersion")).isNotEqualTo(before);
        } finally {
            model.removeRouteDefinition(extra);
        }
    }

    @Test
    void replayThroughJmxDeliversOnceAndDiscardRecordsTheReason() throws Exception {
        long replayed = deadLetter("Jmx.One", "one");
        long discarded = deadLetter("Jmx.One", "two");
        DOWNSTREAM.failing.set(false);

        JsonNode first = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "replay", new Object[] {replayed},
                new String[] {"long"}));
        JsonNode again = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "replay", new Object[] {replayed},
                new String[] {"long"}));
        JsonNode discard = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "discard",
                new Object[] {discarded, "customer cancelled"}, new String[] {"long", String.class.getName()}));

        assertThat(first.path("result").asText()).isEqualTo("REPLAYED");
        assertThat(again.path("result").asText()).isEqualTo("NOT_REPLAYABLE");
        assertThat(DOWNSTREAM.delivered).containsExactly("one|erp");
        assertThat(discard.path("status").asText()).isEqualTo("DISCARDED");
        JsonNode shown = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "show", new Object[] {discarded},
                new String[] {"long"}));
        assertThat(shown.path("history").get(0).path("actor").asText()).isEqualTo("jmx");
        assertThat(shown.path("history").get(0).path("detail").asText()).isEqualTo("customer cancelled");
        assertThatThrownBy(() -> jmx.invoke(DEAD_LETTERS, "discard", new Object[] {replayed, " "},
                new String[] {"long", String.class.getName()})).hasMessageContaining("reason");
    }

    @Test
    void bulkReplaysThroughJmxByDocumentTimeRangeAndAll() throws Exception {
        deadLetter("Jmx.DocA", "a");
        deadLetter("Jmx.DocB", "b");
        Instant from = Instant.now();
        deadLetter("Jmx.DocC", "c");
        deadLetter("Jmx.DocD", "d");
        DOWNSTREAM.failing.set(false);

        JsonNode byDocument = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "replayByDocumentName",
                new Object[] {"Jmx.DocA"}, new String[] {String.class.getName()}));
        JsonNode byTime = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "replayByTimeRange",
                new Object[] {from.toString(), ""}, new String[] {String.class.getName(), String.class.getName()}));
        assertThat(DOWNSTREAM.delivered).containsExactlyInAnyOrder("a|erp", "c|erp", "d|erp");
        JsonNode all = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "replayAll", null, null));

        assertThat(byDocument.path("REPLAYED").asInt()).isEqualTo(1);
        assertThat(byTime.path("REPLAYED").asInt()).isEqualTo(2);
        assertThat(all.path("REPLAYED").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(DOWNSTREAM.delivered).contains("b|erp");
        assertThat(jmx.getAttribute(DEAD_LETTERS, "DeadCount")).isEqualTo(0L);
        assertThat((Long) tabular(jmx.getAttribute(DEAD_LETTERS, "CountsByStatus")).get("REPLAYED"))
                .isGreaterThanOrEqualTo(4L);
    }

    @Test
    void listAndShowThroughJmx() throws Exception {
        long id = deadLetter("Jmx.List", "listed body");

        JsonNode list = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "list", new Object[] {"DEAD", 0, 100},
                new String[] {String.class.getName(), "int", "int"}));
        JsonNode shown = JSON.readTree((String) jmx.invoke(DEAD_LETTERS, "show", new Object[] {id},
                new String[] {"long"}));

        assertThat(list.findValuesAsText("documentName")).contains("Jmx.List");
        assertThat(shown.path("body").asText()).isEqualTo("listed body");
        assertThat(shown.path("routeId").asText()).isEqualTo("jmx-test-deliver");
        assertThat((Long) jmx.getAttribute(DEAD_LETTERS, "DeadCount")).isGreaterThanOrEqualTo(1L);
    }

    private static long deadLetter(String documentName, String body) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(DeadLetterRecorder.DOCUMENT_NAME, documentName);
        headers.put("Origin", "erp");
        var exchange = hub.context().createProducerTemplate().send("direct:jmx-test-deliver", e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(headers);
        });
        Long id = exchange.getMessage().getHeader(DeadLetterRecorder.DEAD_LETTER_ID, Long.class);
        assertThat(hub.bean("deadLetterStore", DeadLetterStore.class).find(id)).isPresent();
        return id;
    }

    /** An MXBean Map attribute arrives as TabularData of key/value rows. */
    private static Map<Object, Object> tabular(Object attribute) {
        Map<Object, Object> map = new HashMap<>();
        for (Object row : ((TabularData) attribute).values()) {
            var data = (CompositeData) row;
            map.put(data.get("key"), data.get("value"));
        }
        return map;
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
