package io.switchboard.ops;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicy;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.PatternHelper;

/**
 * Camel's route timers (camel.metrics.enable-route-policy): the route policy of one route with the meters and
 * settings of Camel 4.18's {@link MicrometerRoutePolicy} (its registry look-up and its JMX service are inherited),
 * but the route's and the context's meters are {@link RouteMeters}, which stamp an exchange without formatting a
 * string. Made by {@link RouteTimersFactory}, one per route.
 */
public class RouteTimers extends MicrometerRoutePolicy {

    private final RouteTimersFactory factory;
    private volatile RouteMeters routeMeters; // null while the route is not measured (excluded, kamelet …)
    private volatile RouteMeters contextMeters; // shared by every route; null unless routePolicyLevel all/context
    private boolean countKamelets;
    private boolean countTemplates = true;

    RouteTimers(RouteTimersFactory factory) {
        super(); // without Camel's factory: its context statistics would format a string per exchange again
        this.factory = factory;
    }

    @Override
    public void onInit(Route route) {
        super.onInit(route);
        ManagementAgent agent = route.getCamelContext().getManagementStrategy().getManagementAgent();
        if (agent != null) {
            countKamelets = Boolean.TRUE.equals(agent.getRegisterRoutesCreateByKamelet());
            countTemplates = Boolean.TRUE.equals(agent.getRegisterRoutesCreateByTemplate());
        }
        if (getConfiguration().isContextEnabled() && contextMeters == null) {
            contextMeters = factory.contextMeters(this);
        }
    }

    @Override
    public void onStart(Route route) {
        if (routeMeters == null && measured(route)) {
            routeMeters = RouteMeters.of(getMeterRegistry(), route, getNamingStrategy(), getConfiguration());
        }
    }

    @Override
    public void onRemove(Route route) {
        RouteMeters removed = routeMeters;
        routeMeters = null;
        if (removed != null) {
            removed.remove();
        }
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        RouteMeters context = contextMeters;
        if (context != null && enteredFromOutside(exchange)) {
            context.begin(exchange);
        }
        RouteMeters meters = routeMeters;
        if (meters != null) {
            meters.begin(exchange);
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        RouteMeters context = contextMeters;
        if (context != null && enteredFromOutside(exchange)) {
            context.done(exchange);
        }
        RouteMeters meters = routeMeters;
        if (meters != null) {
            meters.done(exchange);
        }
    }

    /** Camel's rule for the route meters: route level on, kamelet/template routes as JMX counts them, not excluded. */
    private boolean measured(Route route) {
        if (!getConfiguration().isRouteEnabled()
                || (route.isCreatedByKamelet() && !countKamelets)
                || (route.isCreatedByRouteTemplate() && !countTemplates)) {
            return false;
        }
        String excluded = getConfiguration().getExcludePattern();
        return excluded == null || !PatternHelper.matchPatterns(route.getRouteId(), excluded.split(","));
    }

    /** Camel's rule for the context meters: an exchange counts once, in the first route it enters. */
    private boolean enteredFromOutside(Exchange exchange) {
        UnitOfWork unitOfWork = exchange.getUnitOfWork();
        return unitOfWork == null || unitOfWork.routeStackLevel(countTemplates, countKamelets) <= 1;
    }
}
