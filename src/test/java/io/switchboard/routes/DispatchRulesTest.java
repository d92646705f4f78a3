package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

/**
 * TEMPLATE for routing-table tests (routes/dispatch.camel.yaml): given this BOD, expect these targets
 * (DispatchTargets) with these headers and body. Copy a test, change the BOD and the expectations; runs in
 * seconds (docs/routing.md). The hub delivers to each target separately; that side is DispatchFanOutTest's.
 * Run: mvn -q -o verify -Dtest=DispatchRulesTest -Dit.test=NONE -Dsurefire.failIfNoSpecifiedTests=false
 */
class DispatchRulesTest extends RouteTestSupport {

    @Test
    void escalatedServiceOrderGoesToTheOrdersChatRoomAndPagesTheOnCall() throws Exception {
        Exchange routed = dispatch(InboundBod.of("SyncServiceOrder", resource("ion/SyncServiceOrder-escalated.xml"))
                .tenant("ACME_TST").sender("lid://infor.fsm.acme"));

        Message out = routed.getMessage();
        assertThat(routed.getException()).isNull();
        assertThat(out.getHeader("DispatchTargets")).isEqualTo("direct:escalation-chat,direct:escalation-alert");
        assertThat(out.getHeader("ServiceOrder")).isEqualTo("WO-77");
        assertThat(out.getHeader("ServiceOrderAssignees")).isEqualTo("john.doe,foo.bar");
        assertThat(out.getHeader("EscalationReason")).isEqualTo("Technician late more than 2 hours");

        // each target calls its building block (kamelet:chat-event-sink, kamelet:hub-alert-sink)
        target("direct:chat-event").expectedBodiesReceived("Service order WO-77 escalated: Technician late more than 2 hours");
        target("direct:chat-event").expectedHeaderReceived("ChatRoomKey", "WO-77");
        target("direct:chat-event").expectedHeaderReceived("ChatMembers", "john.doe,foo.bar");
        target("direct:alert").expectedBodiesReceived("Service order WO-77 escalated: Technician late more than 2 hours");
        target("direct:alert").expectedHeaderReceived("AlertTitle", "Service order WO-77 escalated");
        target("direct:alert").expectedHeaderReceived("AlertDedupKey", "ion.escalated.WO-77");
        target("direct:alert").expectedHeaderReceived("AlertPriority", "1");
        deliver(routed);
        target("direct:chat-event").assertIsSatisfied();
        target("direct:alert").assertIsSatisfied();
    }

    @Test
    void contactMasterGoesToTheDirectoryWithTheBodItself() throws Exception {
        String bod = resource("ion/SyncContactMaster.xml");

        Exchange routed = dispatch(InboundBod.of("SyncContactMaster", bod).tenant("ACME_TST"));

        assertThat(routed.getMessage().getHeader("DispatchTargets")).isEqualTo("kamelet:directory-update-sink");
        target("direct:directory-update").expectedBodiesReceived(bod);
        deliver(routed);
        target("direct:directory-update").assertIsSatisfied();
    }

    @Test
    void aDocumentNoRuleKnowsRaisesOneAlertPerDocumentType() {
        Exchange routed = dispatch(InboundBod.of("SyncSalesOrder", resource("ion/SyncSalesOrder.xml"))
                .sender("lid://infor.m3.acme"));

        assertThat(routed.getMessage().getHeader("DispatchRoute")).isEqualTo("unrouted");
        assertThat(routed.getMessage().getHeader("DispatchTargets")).isEqualTo("direct:alert");
        assertThat(routed.getMessage().getHeader("AlertDedupKey")).isEqualTo("ion.unrouted.SyncSalesOrder");
    }

    @Test
    void aContentRuleParsesOnlyBodsOfItsTypeTheHeadersGuardItsXPath() {
        // not XML at all: an XPath evaluated on it would fail the table; the guards stop before it
        Exchange routed = dispatch(InboundBod.of("SyncSalesOrder", "this is no BOD").sender("lid://infor.m3.acme"));

        assertThat(routed.getException()).isNull();
        assertThat(routed.getMessage().getHeader("DispatchRoute")).isEqualTo("unrouted");
    }

    @Test
    void aServiceOrderThatIsNotEscalatedPassesTheGuardsButNotTheXPath() {
        String bod = resource("ion/SyncServiceOrder-escalated.xml").replace(">Escalated<", ">Open<");

        Exchange routed = dispatch(InboundBod.of("SyncServiceOrder", bod).tenant("ACME_TST"));

        assertThat(routed.getException()).isNull();
        assertThat(routed.getMessage().getHeader("DispatchRoute")).isEqualTo("unrouted");
    }
}
