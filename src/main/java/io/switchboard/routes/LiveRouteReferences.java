package io.switchboard.routes;

import java.util.Objects;

import org.apache.camel.CamelContext;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;

/**
 * References as the running hub resolves them: its properties, registry, route configurations, route
 * templates, Kamelets on the classpath and the direct: endpoints its routes consume. The routes of the
 * file being replaced do not count: its new content must stand on its own.
 */
public final class LiveRouteReferences implements RouteReferences {

    private final CamelContext context;
    private final String replacedFile;

    public LiveRouteReferences(CamelContext context, String replacedFile) {
        this.context = context;
        this.replacedFile = replacedFile;
    }

    public LiveRouteReferences(CamelContext context) {
        this(context, null);
    }

    @Override
    public boolean propertyExists(String key) {
        return context.getPropertiesComponent().resolveProperty(key).isPresent();
    }

    @Override
    public boolean directConsumerExists(String name) {
        for (RouteDefinition route : model().getRouteDefinitions()) {
            if (replacedFile != null && Objects.equals(RouteFiles.fileName(route.getResource()), replacedFile)) {
                continue;
            }
            FromDefinition from = route.getInput();
            String uri = from == null ? null : from.getEndpointUri();
            if (uri != null && uri.startsWith("direct:") && RouteFileValidator.endpointName(uri).equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean beanExists(String name) {
        return context.getRegistry().lookupByName(name) != null;
    }

    /** A route template, or a Kamelet file in one of camel.component.kamelet.location's places. */
    @Override
    public boolean kameletExists(String name) {
        if (model().getRouteTemplateDefinition(name) != null) {
            return true;
        }
        String locations = context.getPropertiesComponent().resolveProperty("camel.component.kamelet.location")
                .orElse("classpath:kamelets");
        for (String location : locations.split(",")) {
            String base = location.trim().endsWith("/") ? location.trim() : location.trim() + "/";
            if (PluginHelper.getResourceLoader(context).resolveResource(base + name + ".kamelet.yaml").exists()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean routeConfigurationExists(String id) {
        return model().getRouteConfigurationDefinition(id) != null;
    }

    @Override
    public boolean componentExists(String scheme) {
        if (context.hasComponent(scheme) != null) {
            return true;
        }
        try {
            return PluginHelper.getComponentResolver(context).resolveComponent(scheme, context) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private Model model() {
        return context.getCamelContextExtension().getContextPlugin(Model.class);
    }
}
