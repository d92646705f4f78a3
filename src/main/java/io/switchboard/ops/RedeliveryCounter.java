package io.switchboard.ops;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/** Counts every redelivery attempt per route (metric switchboard_redeliveries_total). */
public class RedeliveryCounter extends EventNotifierSupport {

    private final HubMetrics metrics;

    public RedeliveryCounter(HubMetrics metrics) {
        this.metrics = metrics;
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
