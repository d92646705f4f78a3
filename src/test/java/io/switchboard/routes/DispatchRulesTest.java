package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * TEMPLATE for routing-table tests (routes/dispatch.camel.yaml): given this BOD, expect these targets with
 * these headers. Copy a test, change the BOD and the expectations; runs in seconds (docs/routing.md).
 * Run: mvn -q -o verify -Dtest=DispatchRulesTest -Dit.test=NONE -Dsurefire.failIfNoSpecifiedTests=false
 */
class DispatchRulesTest extends RouteTestSupport {

    @Test
    void escalatedServiceOrderPostsToTheOrdersChatRoomAndPagesTheOnCall() throws Exception {
        MockEndpoint chat = target("direct:chat-event");
        chat.expectedMessageCount(1);
        chat.expectedHeaderReceived("ChatRoomKey", "WO-77");
        chat.expectedHeaderReceived("ChatMembers", "john.doe,foo.bar");
        chat.expectedBodiesReceived("Service order WO-77 escalated: Technician late more than 2 hours");
        MockEndpoint alert = target("direct:alert");
        alert.expectedMessageCount(1);
        alert.expectedHeaderReceived("AlertDedupKey", "ion.escalated.WO-77");
        alert.expectedHeaderReceived("AlertTitle", "Service order WO-77 escalated");
        target("direct:directory-update").expectedMessageCount(0);

        Exchange routed = dispatch(InboundBod.of("SyncServiceOrder", resource("ion/SyncServiceOrder-escalated.xml"))
                .tenant("ACME_TST").sender("lid://infor.fsm.acme"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(routed.getException()).isNull();
        assertThat(routed.getMessage().getHeader("DispatchRoute")).isEqualTo("chat-event,alert");
    }

    @Test
    void contactMasterUpdatesTheDirectoryWithTheBodItself() throws Exception {
        String bod = resource("ion/SyncContactMaster.xml");
        MockEndpoint directory = target("direct:directory-update");
        directory.expectedBodiesReceived(bod);
        target("direct:chat-event").expectedMessageCount(0);
        target("direct:alert").expectedMessageCount(0);

        Exchange routed = dispatch(InboundBod.of("SyncContactMaster", bod).tenant("ACME_TST"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(routed.getMessage().getHeader("DispatchRoute")).isEqualTo("directory-update");
    }

    @Test
    void aDocumentNoRuleKnowsRaisesOneAlertPerDocumentType() throws Exception {
        MockEndpoint alert = target("direct:alert");
        alert.expectedMessageCount(1);
        alert.expectedHeaderReceived("AlertDedupKey", "ion.unrouted.SyncSalesOrder");

        Exchange routed = dispatch(InboundBod.of("SyncSalesOrder", resource("ion/SyncSalesOrder.xml"))
                .sender("lid://infor.m3.acme"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(routed.getMessage().getHeader("DispatchRoute")).isEqualTo("unrouted");
    }
}
