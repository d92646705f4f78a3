package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.acrobits.ContactMasterBod;
import io.switchboard.acrobits.ContactMasterUpdate;
import io.switchboard.chat.ChatHub;
import io.switchboard.chat.FakeI2a;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.junit.jupiter.api.Test;

/**
 * The example rules of routes/ion-examples.camel.yaml, end to end: ION posts a BOD to the IMS endpoint over HTTP,
 * the example posts to the chat back end (FakeI2a) and queues a BOD that reaches ION (FakeIon) over HTTP.
 */
class IonExampleRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void processServiceOrderOpensTheOrdersRoomAndAcknowledgesToItsSender() {
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET);
                IonTestHub t = IonTestHub.start(accepting("AcknowledgeServiceOrder"),
                        props(i2a, "hub.ion.example.process-service-order"))) {
            String inboundId = postToIms(t, "ProcessServiceOrder", ImsMultipart.fixture("ProcessServiceOrder.xml"));

            await().atMost(WAIT).until(() -> t.ion.received().size() == 1);
            assertThat(i2a.rooms().values()).anySatisfy(room -> assertThat(room.messages())
                    .contains("Service order WO-88 to process: Pump 200 leaking at Contoso & Sons"));
            FakeIon.Received ack = t.ion.received().get(0);
            assertThat(ack.documentName()).isEqualTo("AcknowledgeServiceOrder");
            assertThat(ack.parameters()).containsEntry("toLogicalId", "lid://infor.ims.acme_ion")
                    .containsEntry("fromLogicalId", "lid://infor.ims.switchboard");
            assertThat(ack.payload()).contains("<AcknowledgeServiceOrder")
                    .contains("<BODID>infor-nid:ACME_TST:100:WO-88:?ServiceOrder&amp;verb=Process</BODID>")
                    .contains("actionCode=\"Accepted\"").contains("<ID>WO-88</ID>")
                    .contains("<LogicalID>lid://infor.ims.switchboard</LogicalID>");
            await().atMost(WAIT).until(() -> "ROUTED".equals(inbound(t, inboundId).status()));
            assertThat(inbound(t, inboundId).route()).isEqualTo("ion-example-process-service-order");
        }
    }

    @Test
    void syncSalesOrderPostsTheOrderStatusIntoItsRoom() {
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET);
                IonTestHub t = IonTestHub.start(FakeIon.start(), props(i2a, "hub.ion.example.sync-sales-order"))) {
            String inboundId = postToIms(t, "SyncSalesOrder", ImsMultipart.fixture("SyncSalesOrder.xml"));

            await().atMost(WAIT).until(() -> i2a.rooms().values().stream().anyMatch(room -> room.messages()
                    .contains("Sales order SO-000123 for Contoso Field Services: Open (1250.00 EUR)")));
            await().atMost(WAIT).until(() -> "ROUTED".equals(inbound(t, inboundId).status()));
        }
    }

    @Test
    void aRejectedAcknowledgePagesTheAdmin() {
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET);
                IonTestHub t = IonTestHub.start(FakeIon.start(), props(i2a, "hub.ion.example.acknowledge"))) {
            String inboundId = postToIms(t, "AcknowledgeSalesOrder",
                    ImsMultipart.fixture("AcknowledgeSalesOrder-rejected.xml"));

            await().atMost(WAIT).until(() -> t.alerts("ion.acknowledge-rejected.SalesOrder") == 1);
            IonTestHub.Alert alert = t.alerts.stream()
                    .filter(a -> "ion.acknowledge-rejected.SalesOrder".equals(a.dedupKey())).findFirst().orElseThrow();
            assertThat(alert.text()).contains("SO-000123").contains("Customer C-4711 is blocked");
            await().atMost(WAIT).until(() -> "ROUTED".equals(inbound(t, inboundId).status()));
        }
    }

    @Test
    void examplesAreOffByDefaultAndTheDocumentStaysUnrouted() {
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET);
                IonTestHub t = IonTestHub.start(FakeIon.start(), props(i2a, null))) {
            String inboundId = postToIms(t, "ProcessServiceOrder", ImsMultipart.fixture("ProcessServiceOrder.xml"));

            await().atMost(WAIT).until(() -> "UNROUTED".equals(inbound(t, inboundId).status()));
            assertThat(t.ion.received()).isEmpty();
            assertThat(i2a.rooms()).isEmpty();
            assertThatThrownBy(() -> t.hub.context().createProducerTemplate()
                    .sendBodyAndHeader("direct:ion-example-directory-to-ion", "", "Username", "ann.lee"))
                    .as("the outbound example route is not started").isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aDirectoryEventBecomesASyncContactMasterThatReachesIon() {
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET);
                IonTestHub t = IonTestHub.start(accepting("SyncContactMaster"),
                        props(i2a, "hub.ion.example.directory-to-ion"))) {
            Map<String, Object> event = Map.of("Username", "ann.lee", "DisplayName", "Ann <Lee> & Co",
                    "Phone", "1001", "ActionCode", "Add");
            t.hub.context().createProducerTemplate().sendBodyAndHeaders("direct:ion-example-directory-to-ion", "", event);

            await().atMost(WAIT).until(() -> t.ion.received().size() == 1);
            FakeIon.Received bod = t.ion.received().get(0);
            assertThat(bod.documentName()).isEqualTo("SyncContactMaster");
            assertThat(bod.payload()).contains("Ann &lt;Lee&gt; &amp; Co").contains("actionCode=\"Add\"");
            // the hub's own SyncContactMaster reader understands what the example sends
            List<ContactMasterUpdate> updates = ContactMasterBod.parse(bod.payload());
            assertThat(updates).singleElement().satisfies(u -> {
                assertThat(u.username()).isEqualTo("ann.lee");
                assertThat(u.displayName()).isEqualTo("Ann <Lee> & Co");
            });
        }
    }

    /** ION's connection point lists the document as sent by the application. */
    private static FakeIon accepting(String documentName) {
        return FakeIon.start().acceptedDocuments("[\"" + documentName + "\"]");
    }

    private static Map<String, String> props(FakeI2a i2a, String example) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.i2a.url", i2a.url());
        props.put("hub.i2a.app-secret", ChatHub.SECRET);
        props.put("hub.ims.auth.mode", "basic");
        props.put("hub.ims.auth.user", ImsMultipart.USER);
        props.put("hub.ims.auth.password", ImsMultipart.PASSWORD);
        if (example != null) {
            props.put(example, "true");
        }
        return props;
    }

    private static String postToIms(IonTestHub t, String documentName, String bod) {
        String messageId = ImsMultipart.newMessageId();
        byte[] body = ImsMultipart.body(ImsMultipart.parameters(documentName, messageId, "NONE"),
                bod.getBytes(StandardCharsets.UTF_8), false);
        HttpResponse<String> response = t.hub.send(
                ImsMultipart.post(t.hub.url("/ims/service/v3/multipartMessage"), body).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return messageId;
    }

    private static MessageRecord inbound(IonTestHub t, String messageId) {
        return t.hub.bean("messageStore", MessageStore.class).find(Direction.IN, messageId).orElseThrow();
    }
}
