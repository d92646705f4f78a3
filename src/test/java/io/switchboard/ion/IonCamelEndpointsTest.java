package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.Endpoint;
import org.junit.jupiter.api.Test;

/**
 * ION is called through camel-http like the other peers: its IMS API and its token endpoint are Camel endpoints
 * (endpoint registry and JMX; the rare calls counted by route "ion-http", multipartMessage sent straight to its
 * cached endpoint) with ION's timeouts, and no secret is ever part of an endpoint URI.
 */
class IonCamelEndpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void ionAndItsTokenEndpointAreCamelHttpEndpointsWithoutSecretsInAnyUri() throws Exception {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of())) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                ids.add(t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", i)));
            }
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> "SENT".equals(t.status(id))));

            String ims = t.ion.url() + "/" + FakeIon.TENANT + "/IONSERVICES/api/ion/messaging";
            String token = t.ion.url() + "/" + FakeIon.TENANT + "/as/token.oauth2";
            List<String> uris = t.hub.context().getEndpoints().stream().map(Endpoint::getEndpointUri).toList();
            assertThat(uris).anyMatch(u -> u.startsWith(ims) && u.contains("connectTimeout=1000")
                    && u.contains("responseTimeout=2000"));
            assertThat(uris).anyMatch(u -> u.startsWith(token));

            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            List<String> jmxUris = new ArrayList<>();
            for (ObjectName name : jmx.queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null)) {
                jmxUris.add((String) jmx.getAttribute(name, "EndpointUri"));
            }
            assertThat(jmxUris).anyMatch(u -> u.startsWith(ims)).anyMatch(u -> u.startsWith(token));

            ObjectName route = jmx.queryNames(new ObjectName("org.apache.camel:type=routes,name=\"ion-http\",*"), null)
                    .iterator().next();
            assertThat((Long) jmx.getAttribute(route, "ExchangesCompleted"))
                    .as("token, versions, acceptedDocuments at least; the 6 multipartMessage calls are the hot path and"
                            + " go straight to the camel-http endpoint, not through a route each")
                    .isBetween(3L, 5L);
            assertThat(t.ion.calls(FakeIon.MESSAGE)).isEqualTo(6);

            List<String> all = new ArrayList<>(uris);
            all.addAll(jmxUris);
            String issuedToken = t.ion.received().get(0).bearer();
            assertThat(all).isNotEmpty().allSatisfy(u -> assertThat(u)
                    .doesNotContain(issuedToken)
                    .doesNotContain("client-secret-not-real")
                    .doesNotContain("exampleServiceAccountSecretKey-not-real")
                    .doesNotContain("accessKey")
                    .doesNotContain("Bearer")
                    .doesNotContain("client_secret")
                    .doesNotContain("password"));
        }
    }

    @Test
    void aSlowIonAnswerIsATimeoutFromTheHubsTimeoutSetting() throws Exception {
        FakeIon ion = FakeIon.start().delay(FakeIon.VERSIONS, Duration.ofSeconds(5));
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.request-timeout", "300"))) {
            t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> String.valueOf(t.attribute("LastError")).contains("timeout"));
            assertThat((String) t.attribute("LastError")).contains("versions").contains("answer 300 ms");
        }
    }

    @Test
    void anUnreachableIonIsAnOutageNotADeadLetterAndTheQueueWaits() throws Exception {
        String closed = "http://127.0.0.1:" + io.switchboard.TestHub.freePort() + "/ACME_TST/IONSERVICES/api/ion/messaging";
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of("hub.ion.base-url", closed))) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> String.valueOf(t.attribute("LastError")).contains("no answer"));
            assertThat(t.state()).isNotEqualTo("RUNNING");
            assertThat(t.status(id)).isEqualTo("QUEUED");
            assertThat(t.hub.bean("deadLetterStore", io.switchboard.store.DeadLetterStore.class).countsByStatus())
                    .as("ION's own back-off handles it; route ion-http has no dead letter channel").isEmpty();
        }
    }
}
