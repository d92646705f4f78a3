package io.switchboard.ion;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.alert.AlertHeaders;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/** A whole hub wired to a FakeIon, with fast timings, recording every alert that reaches direct:alert. */
final class IonTestHub implements AutoCloseable {

    static final String API_KEY = "ion-test-key";

    /** One alert as sent to direct:alert. */
    record Alert(String dedupKey, String title, String text) {
    }

    final FakeIon ion;
    final TestHub hub;
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    private IonTestHub(FakeIon ion, TestHub hub) {
        this.ion = ion;
        this.hub = hub;
    }

    static IonTestHub start(FakeIon ion, Map<String, String> extra) {
        Path ionapi = ion.writeIonapi(TestHub.tempDir());
        Map<String, String> props = new HashMap<>(fastTimings());
        props.put("hub.ion.credentials-file", ionapi.toString());
        props.putAll(extra);
        return start(ion, props, true);
    }

    static IonTestHub start(FakeIon ion, Map<String, String> props, boolean record) {
        Map<String, String> all = new HashMap<>(props);
        all.put("hub.api.key", API_KEY);
        IonTestHub test = new IonTestHub(ion, TestHub.start(all));
        if (record) {
            test.recordAlerts();
        }
        return test;
    }

    static Map<String, String> fastTimings() {
        return Map.ofEntries(
                Map.entry("hub.ion.poll-interval", "20"),
                Map.entry("hub.ion.backoff.initial", "10"),
                Map.entry("hub.ion.backoff.max", "40"),
                Map.entry("hub.ion.backoff.multiplier", "2"),
                Map.entry("hub.ion.backoff.jitter", "0.2"),
                Map.entry("hub.ion.error-log-window", "300"),
                Map.entry("hub.ion.request-timeout", "2000"),
                Map.entry("hub.ion.connect-timeout", "1000"),
                Map.entry("hub.ion.logical-id", "lid://infor.ims.switchboard"));
    }

    private void recordAlerts() {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSendingEvent sending
                        && sending.getEndpoint().getEndpointUri().equals("direct://alert")) {
                    var m = sending.getExchange().getMessage();
                    alerts.add(new Alert(m.getHeader(AlertHeaders.DEDUP_KEY, String.class),
                            m.getHeader(AlertHeaders.TITLE, String.class), m.getBody(String.class)));
                }
            }
        };
        try {
            notifier.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
        hub.context().getManagementStrategy().addEventNotifier(notifier);
    }

    long alerts(String dedupPrefix) {
        return alerts.stream().filter(a -> a.dedupKey() != null && a.dedupKey().startsWith(dedupPrefix)).count();
    }

    HttpResponse<String> post(String body, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url("/api/ion/outbox")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            request.header("X-API-Key", API_KEY);
        }
        return hub.send(request.build());
    }

    /** Queues a BOD through the API and returns its message id. */
    String enqueue(String documentName, String payload) {
        try {
            String body = json.writeValueAsString(Map.of("documentName", documentName, "payload", payload,
                    "toLogicalId", "lid://infor.m3.acme"));
            HttpResponse<String> response = post(body, true);
            if (response.statusCode() != 202) {
                throw new IllegalStateException("enqueue answered " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body()).get("messageId").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bod(String noun, int n) {
        return "<Sync" + noun + " xmlns=\"http://schema.infor.com/InforOAGIS/2\"><n>" + n + "</n></Sync" + noun + ">";
    }

    MessageRecord message(String messageId) {
        return hub.bean("messageStore", MessageStore.class).find(Direction.OUT, messageId).orElseThrow();
    }

    String status(String messageId) {
        return message(messageId).status();
    }

    Object attribute(String name) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(IonOutboundWiring.MBEAN_NAME), name);
    }

    void invoke(String operation) throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(IonOutboundWiring.MBEAN_NAME), operation,
                new Object[0], new String[0]);
    }

    String state() throws Exception {
        return (String) attribute("State");
    }

    @Override
    public void close() {
        try {
            hub.close();
        } finally {
            ion.close();
        }
    }
}
