package io.switchboard.ops;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/** Counts every redelivery attempt per route (metric switchboard_redeliveries_total). */
public class RedeliveryCounter extends EventNotifierSupport {

    private final HubMetrics metrics;

    public RedeliveryCounter(HubMetrics metrics) {
        this.metrics = metrics;
        // only redeliveries: Camel then makes no event object for this notifier on every exchange and step
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        // failed events stay on: Camel 4.18 sends redelivery events only to notifiers that take failed events
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        var exchange = ((CamelEvent.ExchangeRedeliveryEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        metrics.redelivery(routeId == null ? "unknown" : routeId);
    }
}
