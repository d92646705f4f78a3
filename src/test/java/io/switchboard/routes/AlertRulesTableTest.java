package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * TEMPLATE for alert-rule tests (routes/alert-rules.camel.yaml): given this alert, expect this priority,
 * sound and recipient. Copy a test, change the dedup key and the expectations; runs in seconds.
 */
class AlertRulesTableTest extends RouteTestSupport {

    @Test
    void ionAuthenticationFailureIsUrgentWithTheSiren() {
        Exchange ruled = alert("ION refused the hub's credentials", Map.of("AlertDedupKey", "ion.auth-failed",
                "AlertPriority", 0));

        assertThat(ruled.getMessage().getHeader("AlertPriority", Integer.class)).isEqualTo(1);
        assertThat(ruled.getMessage().getHeader("AlertSound")).isEqualTo("siren");
        assertThat(ruled.getMessage().getHeader("AlertRecipient")).as("no on-call recipient configured").isNull();
    }

    @Test
    void unroutedDocumentsAreQuietAndUnknownKeysKeepTheRaisersPriority() {
        Exchange unrouted = alert("No rule", Map.of("AlertDedupKey", "ion.unrouted.SyncSalesOrder", "AlertPriority", 1));
        Exchange unknown = alert("Other", Map.of("AlertDedupKey", "custom.thing", "AlertPriority", -2));

        assertThat(unrouted.getMessage().getHeader("AlertPriority", Integer.class)).isEqualTo(-1);
        assertThat(unknown.getMessage().getHeader("AlertPriority", Integer.class)).isEqualTo(-2);
    }

    @Test
    void aRefusedRouteEditKeepsItsConfiguredPriority() {
        Exchange ruled = alert("routes/dispatch.camel.yaml:12: …", Map.of(
                "AlertDedupKey", "routes.edit-rejected.dispatch.camel.yaml", "AlertPriority", 1));

        assertThat(ruled.getMessage().getHeader("AlertPriority", Integer.class)).isEqualTo(0);
    }
}
