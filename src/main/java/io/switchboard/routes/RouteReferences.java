package io.switchboard.routes;

/**
 * What a route file may refer to that lives outside it: properties, direct: endpoints consumed by
 * other routes (Java or YAML), beans, Kamelets / route templates, route configurations, components.
 */
public interface RouteReferences {

    boolean propertyExists(String key);

    boolean directConsumerExists(String name);

    boolean beanExists(String name);

    boolean kameletExists(String name);

    boolean routeConfigurationExists(String id);

    boolean componentExists(String scheme);
}
