package io.switchboard.routes;

import org.apache.camel.spi.Resource;

/** A route file is known by its name (dispatch.camel.yaml), wherever it was loaded from (file: or classpath:). */
public final class RouteFiles {

    private RouteFiles() {
    }

    public static String fileName(Resource resource) {
        return resource == null ? null : fileName(resource.getLocation());
    }

    public static String fileName(String location) {
        if (location == null) {
            return null;
        }
        String path = location.replace('\\', '/');
        return path.substring(path.lastIndexOf('/') + 1).replaceFirst("^(file|classpath):", "");
    }

    public static boolean isRouteFile(String location) {
        return location != null && (location.endsWith(".camel.yaml") || location.endsWith(".kamelet.yaml"));
    }
}
