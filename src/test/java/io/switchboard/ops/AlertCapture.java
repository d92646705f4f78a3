package io.switchboard.ops;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.switchboard.alert.AlertHeaders;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/** Records every exchange sent to direct:alert, whoever consumes it (placeholder or the Pushover sender). */
class AlertCapture extends EventNotifierSupport {

    /** One alert as sent. */
    record Alert(String title, Object priority, String dedupKey, String text) {
    }

    final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSendingEvent sending
                && sending.getEndpoint().getEndpointUri().equals("direct://alert");
    }

    @Override
    public void notify(CamelEvent event) {
        var in = ((CamelEvent.ExchangeSendingEvent) event).getExchange().getIn();
        Map<String, Object> h = in.getHeaders();
        alerts.add(new Alert((String) h.get(AlertHeaders.TITLE), h.get(AlertHeaders.PRIORITY),
                (String) h.get(AlertHeaders.DEDUP_KEY), in.getBody(String.class)));
    }
}
