package io.switchboard.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Camel's exchange timers (camel_exchange_event_notifier_seconds per endpoint, camel_exchanges_inflight,
 * camel_exchanges_last_timestamp), the same meters as camel-micrometer's notifier that
 * camel.metrics.enable-exchange-event-notifier switches on, minus two per-exchange costs of Camel 4.18: a search
 * of the whole meter registry for the last-exchange gauge and a linear route look-up on every event (together a
 * fifth of a dispatch worker's CPU in the bench profile). {@link #replaceIn} swaps Camel's instance for this one
 * with the same settings.
 */
public class ExchangeTimers extends MicrometerExchangeEventNotifier {

    static final String LAST_EXCHANGE = "camel.exchanges.last.timestamp";
    private static final String SAMPLE_PROPERTY = "eventTimer:"; // where the parent keeps an exchange's Timer.Sample

    private final AtomicLong lastExchange = new AtomicLong();
    private final Map<String, Boolean> skippedRoutes = new ConcurrentHashMap<>();
    private volatile int routeCount = -1;
    private boolean countKamelets;
    private boolean countTemplates = true;

    public ExchangeTimers() {
        // the parent times created → completed/failed and each sent; sending and step events it never reads
        setIgnoreExchangeSendingEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    /** Replaces Camel's exchange notifier (if camel.metrics switched one on) by this one; false when none was on. */
    public static boolean replaceIn(CamelContext context) throws Exception {
        for (EventNotifier notifier : context.getManagementStrategy().getEventNotifiers()) {
            if (notifier.getClass() == MicrometerExchangeEventNotifier.class) {
                MicrometerExchangeEventNotifier camels = (MicrometerExchangeEventNotifier) notifier;
                ExchangeTimers timers = new ExchangeTimers();
                timers.setCamelContext(context);
                timers.setMeterRegistry(camels.getMeterRegistry());
                timers.setNamingStrategy(camels.getNamingStrategy());
                timers.setBaseEndpointURI(camels.isBaseEndpointURI());
                timers.setSkipCamelInfo(camels.isSkipCamelInfo());
                timers.setIgnoreExchanges(camels.getIgnoreExchanges());
                timers.setDurationUnit(camels.getDurationUnit());
                context.getManagementStrategy().removeEventNotifier(camels);
                ServiceHelper.stopService(camels);
                context.getManagementStrategy().addEventNotifier(timers);
                ServiceHelper.startService(timers);
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ManagementAgent agent = getCamelContext().getManagementStrategy().getManagementAgent();
        if (agent != null) {
            countKamelets = Boolean.TRUE.equals(agent.getRegisterRoutesCreateByKamelet());
            countTemplates = Boolean.TRUE.equals(agent.getRegisterRoutesCreateByTemplate());
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        var camels = getMeterRegistry().find(LAST_EXCHANGE).gauge(); // Camel's instance registered it before the swap
        if (camels != null) {
            getMeterRegistry().remove(camels);
        }
        Gauge.builder(LAST_EXCHANGE, lastExchange, AtomicLong::doubleValue)
                .description("Last exchange processed time in milliseconds since the Unix epoch")
                .register(getMeterRegistry());
    }

    /** The parent's dispatch, with the route's kamelet/template check cached per route id. */
    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeEvent exchangeEvent)) {
            return;
        }
        Exchange exchange = exchangeEvent.getExchange();
        String routeId = event instanceof CamelEvent.ExchangeCreatedEvent ? exchange.getFromRouteId()
                : ExchangeHelper.getAtRouteId(exchange);
        if ((routeId != null && skipped(exchange.getContext(), routeId)) || getIgnoreExchanges().test(exchange)) {
            return;
        }
        if (event instanceof CamelEvent.ExchangeCreatedEvent created) {
            handleCreatedEvent(created);
        } else if (event instanceof CamelEvent.ExchangeSentEvent sent) {
            handleSentEvent(sent);
        } else if (event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent) {
            handleDoneEvent(exchangeEvent);
        }
    }

    /** The parent's timer stop; the last-exchange gauge is a field here, registered once at start. */
    @Override
    protected void handleDoneEvent(CamelEvent.ExchangeEvent event) {
        Exchange exchange = event.getExchange();
        String name = getNamingStrategy().getName(exchange, exchange.getFromEndpoint());
        Object sample = exchange.removeProperty(SAMPLE_PROPERTY + name);
        if (sample instanceof Timer.Sample started) {
            started.stop(getMeterRegistry().timer(name, getNamingStrategy().getTags(event, exchange.getFromEndpoint())));
        }
        lastExchange.set(System.currentTimeMillis());
    }

    private boolean skipped(CamelContext context, String routeId) {
        int routes = context.getRoutesSize();
        if (routes != routeCount) { // routes added or removed (reload): look them up again
            skippedRoutes.clear();
            routeCount = routes;
        }
        return skippedRoutes.computeIfAbsent(routeId, id -> {
            Route route = context.getRoute(id);
            return route != null && ((route.isCreatedByKamelet() && !countKamelets)
                    || (route.isCreatedByRouteTemplate() && !countTemplates));
        });
    }
}
