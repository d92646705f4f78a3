package io.switchboard.routes;

import java.util.Collection;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * While safe reload swaps a file's routes, those routes are briefly stopping (in-flight messages finish):
 * their route health checks are left out meanwhile, so a planned swap never turns /observe/health DOWN
 * and a load balancer keeps sending traffic.
 */
final class SwapHealth implements AutoCloseable {

    private final HealthCheckRegistry registry;
    private final String previousPattern;

    private SwapHealth(HealthCheckRegistry registry, String previousPattern) {
        this.registry = registry;
        this.previousPattern = previousPattern;
    }

    static SwapHealth quiet(CamelContext context, Collection<String> routeIds) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null) {
            return new SwapHealth(null, null);
        }
        String previous = registry.getExcludePattern();
        // Camel checks a route twice: route:<id> and, with consumer checks on, consumer:<id>
        String swapping = routeIds.stream().map(id -> "route:" + id + ",consumer:" + id)
                .collect(Collectors.joining(","));
        registry.setExcludePattern(previous == null || previous.isBlank() ? swapping : previous + "," + swapping);
        return new SwapHealth(registry, previous);
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.setExcludePattern(previousPattern);
        }
    }
}
