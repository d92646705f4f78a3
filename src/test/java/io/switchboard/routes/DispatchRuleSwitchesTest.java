package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.Test;

/** Rules are switched by properties (hub.dispatch.rule.<rule>.*), as an operator would in application.properties. */
class DispatchRuleSwitchesTest extends RouteTestSupport {

    @Override
    public void configureContext(CamelContextConfiguration camelContextConfiguration) {
        super.configureContext(camelContextConfiguration);
        Properties switches = new Properties();
        switches.put("hub.dispatch.rule.escalated-service-order.enabled", "false");
        switches.put("hub.dispatch.rule.shipment-from-wms.enabled", "true");
        switches.put("hub.dispatch.rule.shipment-from-wms.sender", "lid://infor.wms.acme");
        switches.put("hub.dispatch.rule.test-tenant.enabled", "true");
        switches.put("hub.dispatch.rule.test-tenant.tenant", "ACME_TST");
        camelContextConfiguration.withUseOverridePropertiesWithPropertiesComponent(switches);
    }

    @Test
    void anEscalatedOrderWhoseRuleIsSwitchedOffIsUnrouted() {
        Exchange routed = dispatch(InboundBod.of("SyncServiceOrder", resource("ion/SyncServiceOrder-escalated.xml"))
                .tenant("ACME_PRD"));

        assertThat(routed.getMessage().getHeader("DispatchRoute")).isEqualTo("unrouted");
        assertThat(routed.getMessage().getHeader("AlertDedupKey")).isEqualTo("ion.unrouted.SyncServiceOrder");
    }

    @Test
    void aShipmentFromTheConfiguredSenderPagesTheDispatcherAndOthersDoNot() {
        Exchange fromWms = dispatch(InboundBod.of("SyncShipment", "<SyncShipment/>").tenant("ACME_PRD")
                .sender("lid://infor.wms.acme"));
        Exchange fromElsewhere = dispatch(InboundBod.of("SyncShipment", "<SyncShipment/>").tenant("ACME_PRD")
                .sender("lid://infor.m3.acme"));

        assertThat(fromWms.getMessage().getHeader("DispatchTargets")).isEqualTo("direct:alert");
        assertThat(fromWms.getMessage().getHeader("AlertTitle")).isEqualTo("Shipment from lid://infor.wms.acme");
        assertThat(fromElsewhere.getMessage().getHeader("DispatchRoute")).isEqualTo("unrouted");
    }

    @Test
    void documentsFromTheTestTenantAreOnlyLogged() {
        Exchange routed = dispatch(InboundBod.of("SyncSalesOrder", resource("ion/SyncSalesOrder.xml")).tenant("ACME_TST"));

        assertThat(routed.getMessage().getHeader("DispatchTargets")).isEqualTo("log:io.switchboard.test-tenant");
    }
}
