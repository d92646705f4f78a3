package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Camel's own observability, configured by camel.metrics.* / camel.health.*, seen over HTTP and JMX. */
class CamelObservabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void peersAreCamelHealthChecksInJmxWhileObserveHealthStaysDegraded() throws Exception {
        hub.bean("peerMonitors", PeerMonitors.class).register(
                new TestPeer("ion", true, "AUTH_FAILED", false, null, "ping answered 401", Map.of()));
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName health = healthMBean(jmx);

        @SuppressWarnings("unchecked")
        Collection<String> ids = (Collection<String>) jmx.getAttribute(health, "HealthChecksIDs");
        assertThat(ids).contains("peer:ion", "peer:pushover", "peer:i2a", "peer:acrobits", "store-database");
        assertThat((String) jmx.invoke(health, "invoke", new Object[] {"peer:ion"}, new String[] {"java.lang.String"}))
                .contains("DOWN");
        assertThat((String) jmx.invoke(health, "invoke", new Object[] {"peer:pushover"},
                new String[] {"java.lang.String"})).contains("UP");
        assertThat(jmx.getAttribute(health, "HealthyReadiness")).isEqualTo(false);

        var answer = hub.get("/observe/health");
        JsonNode report = JSON.readTree(answer.body());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(report.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(report.path("degradedPeers")).extracting(JsonNode::asText).containsExactly("ion");
        assertThat(report.path("checks").findValuesAsText("name")).doesNotContain("peer:ion");
    }

    @Test
    void metricsCarryCamelRouteExchangeAndJvmMetersBesideTheHubsOwn() {
        hub.get("/observe/health");

        String metrics = hub.get("/observe/metrics").body();

        assertThat(metrics).contains("camel_route_policy_seconds_count{")
                .contains("camel_exchange_event_notifier_seconds")
                .contains("camel_routes_running_routes")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                .contains("system_cpu_count")
                .contains("switchboard_dead_letters{");
    }

    @Test
    void exchangeTimersAreTheHubsLeanNotifierAndStillTimeEveryEndpointAndTheLastExchange() {
        var notifiers = hub.context().getManagementStrategy().getEventNotifiers();
        // Camel 4.18's own instance searches the whole meter registry on every exchange: it is swapped out
        assertThat(notifiers).noneMatch(n -> n.getClass()
                == org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier.class);
        assertThat(notifiers).filteredOn(n -> n instanceof ExchangeTimers).hasSize(1);
        long before = System.currentTimeMillis();

        hub.get("/observe/health");
        String metrics = hub.get("/observe/metrics").body();

        assertThat(metrics).containsPattern("camel_exchange_event_notifier_seconds_count\\{.*\\} [1-9]")
                .contains("camel_exchanges_inflight{");
        var last = java.util.regex.Pattern.compile("(?m)^camel_exchanges_last_timestamp\\S* (\\S+)$").matcher(metrics);
        assertThat(last.find()).as("camel_exchanges_last_timestamp in %s", metrics).isTrue();
        assertThat(Double.parseDouble(last.group(1))).isGreaterThanOrEqualTo(before);
    }

    private ObjectName healthMBean(MBeanServer jmx) throws Exception {
        String context = hub.context().getManagementName();
        return jmx.queryNames(new ObjectName("org.apache.camel:type=health,*"), null).stream()
                .filter(n -> context.equals(n.getKeyProperty("context")) || ("\"" + context + "\"").equals(
                        n.getKeyProperty("context")))
                .findFirst().orElseThrow(() -> new AssertionError("no Camel health MBean for " + context));
    }
}
