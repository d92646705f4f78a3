package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HubBootTest {

    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void healthIsUpWithTheStoreChecked() {
        HttpResponse<String> response = hub.get("/observe/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("store-database");
    }

    @Test
    void readinessIncludesTheDatabaseAndLivenessAnswers() {
        assertThat(hub.get("/observe/health/ready").body()).contains("store-database");
        assertThat(hub.get("/observe/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusTextWithRouteAndJvmSeries() {
        hub.get("/observe/health");
        HttpResponse<String> response = hub.get("/observe/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("routeId=\"observe-health\"");
    }

    @Test
    void camelMBeansAreRegisteredInThePlatformMBeanServer() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();

        assertThat(server.queryNames(new ObjectName("org.apache.camel:context=switchboard,type=context,*"), null))
                .hasSize(1);
        assertThat(server.queryNames(new ObjectName("org.apache.camel:context=switchboard,type=routes,*"), null))
                .isNotEmpty();
        // camel.main.jmx-management-m-beans-level=RoutesOnly: no MBean per route step (start-up time and RSS)
        assertThat(server.queryNames(new ObjectName("org.apache.camel:context=switchboard,type=processors,*"), null))
                .isEmpty();
    }

    @Test
    void yamlRoutesFromTheRoutesFolderAreLoaded() {
        assertThat(hub.context().getRoute("alert-rules")).isNotNull();
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(hub.get("/nothing-here").statusCode()).isEqualTo(404);
    }
}
