package io.switchboard.routes;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.HubProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads routes/error-handling.camel.yaml (the hub's route configurations) before any Java route is added:
 * a Java route takes its route configuration when it is added, so the YAML must be in the model first, or
 * the route would silently run without its dead-letter channel. The file sits next to the route files
 * (camel.main.routes-include-pattern) and is excluded from their loading
 * (camel.main.routes-exclude-pattern), so it is read once.
 */
public final class ErrorHandlingFile {

    public static final String NAME = "error-handling.camel.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlingFile.class);

    private ErrorHandlingFile() {
    }

    public static void load(CamelContext context, HubProperties props) throws Exception {
        List<String> tried = new ArrayList<>();
        for (String pattern : props.get("camel.main.routes-include-pattern").split(",")) {
            String location = pattern.trim().replace("?optional=true", "");
            int slash = location.lastIndexOf('/');
            if (location.isEmpty() || slash < 0) {
                continue;
            }
            String candidate = location.substring(0, slash + 1) + NAME;
            tried.add(candidate);
            Resource resource = PluginHelper.getResourceLoader(context).resolveResource(candidate);
            if (resource != null && resource.exists()) {
                PluginHelper.getRoutesLoader(context).loadRoutes(resource);
                LOG.info("event=route-configurations-loaded file={}", candidate);
                return;
            }
        }
        throw new IllegalStateException("no " + NAME + " next to the route files (tried " + String.join(", ", tried)
                + "): the hub's routes would run without their dead-letter channels");
    }
}
