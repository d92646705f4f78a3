package io.switchboard;

import io.switchboard.store.OpeningStore;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Opens the store and starts its migration as soon as camel-main can read the properties (before it configures
 * components, metrics and health), so the two overlap; HubConfiguration waits for the migration before its first
 * store call.
 */
final class StoreBoot extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        context.getRegistry().bind(OpeningStore.BEAN, OpeningStore.open(new HubProperties(context)));
    }
}
