package io.switchboard;

import java.util.Map;

import org.apache.camel.main.Main;

/** Starts the hub: camel-main with the top-level application.properties and routes/. */
public final class Switchboard {

    private Switchboard() {
    }

    public static void main(String[] args) throws Exception {
        create(Map.of()).run(args);
    }

    /** A configured but not started hub; tests pass overrides instead of editing files. */
    public static Main create(Map<String, String> overrides) {
        // no main class: its package would be scanned for RouteBuilders, ours take constructor arguments
        Main main = new Main();
        // the jar's own copy first, then the one in the working directory (make run), later wins
        main.setPropertyPlaceholderLocations(
                "classpath:application.properties;optional=true,file:application.properties;optional=true");
        main.configure().addConfiguration(HubConfiguration.class);
        main.addMainListener(new StoreBoot());
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
