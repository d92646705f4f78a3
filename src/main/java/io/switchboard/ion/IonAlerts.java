package io.switchboard.ion;

import java.util.HashMap;
import java.util.Map;

import io.switchboard.alert.AlertHeaders;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Raises the ION outbound alerts on direct:alert; one dedup key per cause. */
public class IonAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(IonAlerts.class);

    private final ProducerTemplate producer;

    public IonAlerts(ProducerTemplate producer) {
        this.producer = producer;
    }

    public void raise(String dedupKey, String title, String text, int priority) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(AlertHeaders.TITLE, title);
        headers.put(AlertHeaders.PRIORITY, priority);
        headers.put(AlertHeaders.DEDUP_KEY, dedupKey);
        LOG.warn("event=ion-alert dedupKey={} title=\"{}\"", dedupKey, title);
        try {
            producer.sendBodyAndHeaders(AlertHeaders.ENDPOINT, text, headers);
        } catch (RuntimeException e) {
            // the alert route has its own dead-letter handling; the session must not stop because of it
            LOG.error("event=ion-alert-failed dedupKey={} error=\"{}\"", dedupKey, e.getMessage());
        }
    }
}
