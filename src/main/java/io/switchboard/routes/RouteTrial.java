package io.switchboard.routes;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.support.PluginHelper;

/**
 * Starts a route file's routes in a throwaway CamelContext before the hub sees them: same beans, properties,
 * route configurations and templates as the hub (looked up through it), its own endpoints. Whatever Camel
 * would refuse at start (unknown component, bean, property, route configuration, bad expression) fails here,
 * while the hub's routes keep serving. Only in-memory consumers (direct:, seda:) are started: a timer or an
 * HTTP listener would do real work twice.
 */
final class RouteTrial {

    private static final Set<String> IN_MEMORY = Set.of("direct", "seda");

    private RouteTrial() {
    }

    /** The route ids the file defines, once they all started in isolation; throws what Camel threw. */
    static Set<String> start(CamelContext hub, Resource resource) throws Exception {
        DefaultCamelContext trial = new DefaultCamelContext(false);
        trial.getCamelContextExtension().setName(hub.getName() + "-route-trial");
        trial.disableJMX();
        trial.getCamelContextExtension().setRegistry(new DefaultRegistry(hub.getRegistry()));
        trial.getPropertiesComponent().addPropertiesSource(new HubPropertiesSource(hub));
        trial.setAutoStartup(false);
        trial.build();
        try {
            Model hubModel = hub.getCamelContextExtension().getContextPlugin(Model.class);
            Model trialModel = trial.getCamelContextExtension().getContextPlugin(Model.class);
            // the file's own configurations (error-handling.camel.yaml) are tried as written, not the hub's copies
            Set<String> declared = declaredConfigurations(resource);
            trialModel.addRouteConfigurations(hubModel.getRouteConfigurationDefinitions().stream()
                    .filter(c -> c.getId() == null ? !declared.contains("") : !declared.contains(c.getId()))
                    .toList());
            trialModel.addRouteTemplateDefinitions(hubModel.getRouteTemplateDefinitions());
            PluginHelper.getRoutesLoader(trial).loadRoutes(resource);
            trial.start();
            List<Route> routes = trial.getRoutes();
            for (Route route : routes) {
                if (IN_MEMORY.contains(route.getEndpoint().getEndpointUri().replaceFirst(":.*", ""))) {
                    trial.getRouteController().startRoute(route.getRouteId());
                }
            }
            return routes.stream().map(Route::getRouteId).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        } finally {
            trial.stop();
        }
    }

    private static Set<String> declaredConfigurations(Resource resource) throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        try (var in = resource.getInputStream()) {
            String content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (var item : YamlTree.parse(content).json()) {
                if (item.has("routeConfiguration")) {
                    ids.add(item.path("routeConfiguration").path("id").asText(""));
                }
            }
        } catch (YamlTree.BrokenYaml e) {
            // validated before a trial
        }
        return ids;
    }

    /** The trial resolves {{placeholders}} exactly as the hub does. */
    private record HubPropertiesSource(CamelContext hub) implements PropertiesSource {
        @Override
        public String getName() {
            return "hub";
        }

        @Override
        public String getProperty(String name) {
            Optional<String> value = hub.getPropertiesComponent().resolveProperty(name);
            return value.orElse(null);
        }
    }
}
