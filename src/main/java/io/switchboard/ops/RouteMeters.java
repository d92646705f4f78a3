package io.switchboard.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyNamingStrategy;
import org.apache.camel.support.ExchangeHelper;

/**
 * The meters Camel 4.18's MicrometerRoutePolicy keeps for one route, or with no route for the whole context
 * (camel.route.policy timer, camel.exchanges.* counters, optional long task timer): same names, tags, descriptions
 * and registration order, from Camel's own naming strategy and configuration. Hand-written because Camel's are a
 * private class that names an exchange's timer sample String.format(routeId, exchangeId) two or three times per
 * exchange; here the property name is fixed per route (the property lives on the exchange, its id adds nothing).
 */
final class RouteMeters {

    private final MeterRegistry registry;
    private final Timer.Builder timerBuilder;
    private volatile Timer timer; // registered at the first exchange done, as Camel does
    private final LongTaskTimer longTask;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter total;
    private final Counter externalRedeliveries;
    private final Counter failuresHandled;
    private final String sampleProperty;
    private final String longTaskProperty;

    private RouteMeters(MeterRegistry registry, Route route, CamelContext context,
            MicrometerRoutePolicyNamingStrategy naming, MicrometerRoutePolicyConfiguration config) {
        this.registry = registry;
        Tags tags = route != null ? naming.getTags(route) : naming.getTags(context);
        Tags statusTags = route != null ? naming.getExchangeStatusTags(route) : naming.getExchangeStatusTags(context);
        this.sampleProperty = "RouteMeters:" + (route != null ? "route:" + route.getId() : "context");
        this.longTaskProperty = sampleProperty + ":long-task";
        boolean counters = config.isAdditionalCounters();
        this.succeeded = counters && config.isExchangesSucceeded() ? counter(naming.getExchangesSucceededName(route),
                statusTags, "Number of successfully completed exchanges") : null;
        this.failed = counters && config.isExchangesFailed() ? counter(naming.getExchangesFailedName(route),
                statusTags, "Number of failed exchanges") : null;
        this.total = counters && config.isExchangesTotal() ? counter(naming.getExchangesTotalName(route),
                statusTags, "Total number of processed exchanges") : null;
        this.externalRedeliveries = counters && config.isExternalRedeliveries()
                ? counter(naming.getExternalRedeliveriesName(route), statusTags,
                        "Number of external initiated redeliveries (such as from JMS broker)") : null;
        this.failuresHandled = counters && config.isFailuresHandled() ? counter(naming.getFailuresHandledName(route),
                statusTags, "Number of failures handled") : null;
        if (counters && config.isLongTask()) {
            LongTaskTimer.Builder builder = LongTaskTimer.builder(naming.getLongTaskName(route)).tags(tags)
                    .description(route != null ? "Route long task metric" : "CamelContext long task metric");
            if (config.getLongTaskInitiator() != null) {
                config.getLongTaskInitiator().accept(builder);
            }
            this.longTask = builder.register(registry);
        } else {
            this.longTask = null;
        }
        this.timerBuilder = Timer.builder(naming.getName(route)).tags(tags)
                .description(route != null ? "Route performance metrics" : "CamelContext performance metrics");
        if (config.getTimerInitiator() != null) {
            config.getTimerInitiator().accept(timerBuilder);
        }
    }

    static RouteMeters of(MeterRegistry registry, Route route, MicrometerRoutePolicyNamingStrategy naming,
            MicrometerRoutePolicyConfiguration config) {
        return new RouteMeters(registry, route, route.getCamelContext(), naming, config);
    }

    static RouteMeters ofContext(MeterRegistry registry, CamelContext context,
            MicrometerRoutePolicyNamingStrategy naming, MicrometerRoutePolicyConfiguration config) {
        return new RouteMeters(registry, null, context, naming, config);
    }

    void begin(Exchange exchange) {
        exchange.setProperty(sampleProperty, Timer.start(registry));
        if (longTask != null) {
            exchange.setProperty(longTaskProperty, longTask.start());
        }
    }

    void done(Exchange exchange) {
        if (exchange.removeProperty(sampleProperty) instanceof Timer.Sample sample) {
            sample.stop(timer());
        }
        if (longTask != null && exchange.removeProperty(longTaskProperty) instanceof LongTaskTimer.Sample sample) {
            sample.stop();
        }
        count(exchange);
    }

    /** Unregisters this route's meters (route removed, context shut down). */
    void remove() {
        for (Meter meter : new Meter[] {succeeded, failed, total, externalRedeliveries, failuresHandled, timer,
                longTask}) {
            if (meter != null) {
                registry.remove(meter);
            }
        }
    }

    private Timer timer() {
        Timer registered = timer;
        if (registered == null) {
            registered = timerBuilder.register(registry); // the registry hands back the one meter per name and tags
            timer = registered;
        }
        return registered;
    }

    /** Camel's counting: handled failures and external redeliveries only among the succeeded. */
    private void count(Exchange exchange) {
        if (total != null) {
            total.increment();
        }
        if (exchange.isFailed()) {
            if (failed != null) {
                failed.increment();
            }
            return;
        }
        if (succeeded != null) {
            succeeded.increment();
        }
        if (failuresHandled != null && ExchangeHelper.isFailureHandled(exchange)) {
            failuresHandled.increment();
        }
        if (externalRedeliveries != null && exchange.isExternalRedelivered()) {
            externalRedeliveries.increment();
        }
    }

    private Counter counter(String name, Tags tags, String description) {
        return Counter.builder(name).tags(tags).description(description).register(registry);
    }
}
