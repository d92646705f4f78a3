package io.switchboard.ops;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Gives every route a {@link RouteTimers} instead of Camel's MicrometerRoutePolicy, with the settings camel-main
 * gave Camel's factory (camel.metrics.enable-route-policy, routePolicyLevel, naming strategy). {@link #replaceIn}
 * swaps the factory before the routes exist: a route takes its policies when it is created.
 */
public class RouteTimersFactory extends MicrometerRoutePolicyFactory {

    private RouteMeters contextMeters;

    /**
     * Replaces Camel's route policy factory (camel-main adds it while reading camel.metrics.*, before the hub's
     * configuration runs) by this one; false when camel.metrics switched none on.
     */
    public static boolean replaceIn(CamelContext context) throws Exception {
        List<RoutePolicyFactory> factories = context.getRoutePolicyFactories();
        for (int i = 0; i < factories.size(); i++) {
            if (factories.get(i).getClass() == MicrometerRoutePolicyFactory.class) {
                MicrometerRoutePolicyFactory camels = (MicrometerRoutePolicyFactory) factories.get(i);
                RouteTimersFactory timers = new RouteTimersFactory();
                timers.setCamelContext(context);
                timers.setMeterRegistry(camels.getMeterRegistry());
                timers.setNamingStrategy(camels.getNamingStrategy());
                timers.setPolicyConfiguration(copyOf(camels.getPolicyConfiguration()));
                timers.setDurationUnit(camels.getDurationUnit());
                timers.setPrettyPrint(camels.isPrettyPrint());
                timers.setSkipCamelInfo(camels.isSkipCamelInfo());
                factories.set(i, timers); // same place: the policies of a route keep their order
                context.removeService(camels);
                context.addService(timers); // shut down with the context: unregisters the context meters
                return true;
            }
        }
        return false;
    }

    /**
     * This context's settings, kept: camel-main writes camel.metrics.route-policy-level into Camel's one static
     * DEFAULT configuration, which a second context in the JVM (tests, TwoHubs) would otherwise change under us.
     */
    private static MicrometerRoutePolicyConfiguration copyOf(MicrometerRoutePolicyConfiguration camels) {
        MicrometerRoutePolicyConfiguration copy = new MicrometerRoutePolicyConfiguration();
        copy.setContextEnabled(camels.isContextEnabled());
        copy.setRouteEnabled(camels.isRouteEnabled());
        copy.setExcludePattern(camels.getExcludePattern());
        copy.setAdditionalCounters(camels.isAdditionalCounters());
        copy.setExchangesSucceeded(camels.isExchangesSucceeded());
        copy.setExchangesFailed(camels.isExchangesFailed());
        copy.setExchangesTotal(camels.isExchangesTotal());
        copy.setExternalRedeliveries(camels.isExternalRedeliveries());
        copy.setFailuresHandled(camels.isFailuresHandled());
        copy.setLongTask(camels.isLongTask());
        copy.setTimerInitiator(camels.getTimerInitiator());
        copy.setLongTaskInitiator(camels.getLongTaskInitiator());
        return copy;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        RouteTimers policy = new RouteTimers(this);
        policy.setMeterRegistry(getMeterRegistry());
        policy.setPrettyPrint(isPrettyPrint());
        policy.setSkipCamelInfo(isSkipCamelInfo());
        policy.setDurationUnit(getDurationUnit());
        policy.setNamingStrategy(getNamingStrategy());
        policy.setConfiguration(getPolicyConfiguration());
        return policy;
    }

    /** The context's meters (routePolicyLevel all/context), one set for every route, made by the first. */
    synchronized RouteMeters contextMeters(RouteTimers policy) {
        if (contextMeters == null) {
            contextMeters = RouteMeters.ofContext(policy.getMeterRegistry(), getCamelContext(),
                    policy.getNamingStrategy(), policy.getConfiguration());
        }
        return contextMeters;
    }

    @Override
    protected void doShutdown() throws Exception {
        super.doShutdown();
        synchronized (this) {
            if (contextMeters != null) {
                contextMeters.remove();
                contextMeters = null;
            }
        }
    }
}
