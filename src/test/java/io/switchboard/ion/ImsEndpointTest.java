package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.BOUNDARY;
import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.deflate;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.newMessageId;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.switchboard.TestHub;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The IMS v3 endpoint driven as ION drives it: real HTTP multipart against the whole hub. */
class ImsEndpointTest {

    private static final String MESSAGE = "/ims/service/v3/multipartMessage";
    private static TestHub hub;
    private static MessageStore store;

    @BeforeAll
    static void startHub() throws Exception {
        hub = TestHub.start(Map.of(
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                "hub.ims.tenants", "ACME_TST, ACME_PRD",
                "hub.ims.has-discovery", "true",
                "hub.ims.max-message-bytes", "65536",
                "hub.redelivery.dispatch.maximum-redeliveries", "1",
                "hub.redelivery.dispatch.initial-delay", "10",
                "hub.redelivery.chat.maximum-redeliveries", "1",
                "hub.redelivery.chat.initial-delay", "10"));
        store = hub.bean("messageStore", MessageStore.class);
        // the routing table is tested on its own: the routes behind its building blocks end in mocks (one
        // breaks an order on purpose); the rule targets call them through Kamelets
        AdviceWith.adviceWith(hub.context(), "chat-event", a -> a.weaveAddFirst()
                .process(e -> {
                    if ("WO-FAIL".equals(e.getIn().getHeader("ChatRoomKey"))) {
                        throw new IllegalStateException("chat back end down");
                    }
                })
                .to("mock:chat-event").stop());
        AdviceWith.adviceWith(hub.context(), "alert-intake", a -> a.weaveAddFirst().to("mock:alert").stop());
        AdviceWith.adviceWith(hub.context(), "directory-update",
                a -> a.weaveAddFirst().to("mock:directory-update").stop());
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    private static HttpResponse<String> send(byte[] multipart) {
        return hub.send(post(hub.url(MESSAGE), multipart).build());
    }

    private static MessageRecord stored(String messageId) {
        return store.find(Direction.IN, messageId).orElseThrow();
    }

    private static MessageRecord awaitStatus(String messageId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(stored(messageId).status()));
        return stored(messageId);
    }

    /** What a watched placeholder target received for one message (earlier tests' messages ignored). */
    private static List<Message> received(String mock, String messageId) {
        return hub.context().getEndpoint(mock, MockEndpoint.class).getExchanges().stream()
                .map(Exchange::getMessage).filter(m -> messageId.equals(m.getHeader("MessageId"))).toList();
    }

    @Test
    void pingAndProtocolAnswerAuthenticatedCallers() {
        HttpResponse<String> ping = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/ims/service/ping")))
                .header("Authorization", ImsMultipart.basic(ImsMultipart.USER, ImsMultipart.PASSWORD))
                .header("X-TenantId", "ACME_TST").GET().build());
        assertThat(ping.statusCode()).isEqualTo(200);

        HttpResponse<String> protocol = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/ims/service/protocol")))
                .header("Authorization", ImsMultipart.basic(ImsMultipart.USER, ImsMultipart.PASSWORD)).GET().build());
        assertThat(protocol.statusCode()).isEqualTo(200);
        assertThat(protocol.body().replace(" ", ""))
                .isEqualTo("{\"version\":\"v3\",\"messageMethod\":\"multipartMessage\",\"hasDiscovery\":true}");

        HttpResponse<String> discovery = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/ims/service/v3/discovery")))
                .header("Authorization", ImsMultipart.basic(ImsMultipart.USER, ImsMultipart.PASSWORD))
                .header("X-TenantId", "ACME_TST").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"documentName\":\"SyncContactMaster\"")
                .contains("\"documentName\":\"SyncServiceOrder\"");

        HttpResponse<String> anonymousPing = hub.get("/ims/service/ping");
        assertThat(anonymousPing.statusCode()).isEqualTo(401);
        assertThat(anonymousPing.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void plainPayloadWithoutFilenameIsStoredWithAllParametersThenUnroutedWithOneAlert() throws Exception {
        String messageId = newMessageId();
        String bod = fixture("SyncSalesOrder.xml");
        String parameters = parameters("SyncSalesOrder", messageId, "NONE");

        HttpResponse<String> response = send(body(parameters, bod.getBytes(StandardCharsets.UTF_8), false));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Authorization")).isEmpty();
        MessageRecord row = stored(messageId);
        assertThat(row.payload()).isEqualTo(bod);
        assertThat(row.parameters()).isEqualTo(parameters).contains("\"variationId\": \"7\"");
        assertThat(row.tenantId()).isEqualTo("ACME_TST");
        assertThat(row.fromLogicalId()).isEqualTo("lid://infor.ims.acme_ion");
        MessageRecord routed = awaitStatus(messageId, DispatchStatus.UNROUTED);
        assertThat(routed.route()).isNull();
        assertThat(received("mock:alert", messageId)).singleElement()
                .satisfies(m -> assertThat(m.getHeader("AlertDedupKey")).isEqualTo("ion.unrouted.SyncSalesOrder"));
        assertThat(store.events(routed.id())).extracting("event").containsExactly("RECEIVED", "UNROUTED");
    }

    @Test
    void deflatedPayloadWithoutFilenameIsInflatedAndUpdatesTheDirectory() throws Exception {
        String bod = fixture("SyncContactMaster.xml");
        String messageId = newMessageId();

        HttpResponse<String> response = send(body(parameters("SyncContactMaster", messageId, "DEFLATE"),
                deflate(bod, false), false));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(stored(messageId).payload()).isEqualTo(bod);
        MessageRecord routed = awaitStatus(messageId, DispatchStatus.ROUTED);
        assertThat(routed.route()).isEqualTo("directory-update-sink");
        assertThat(received("mock:directory-update", messageId)).singleElement().satisfies(m -> {
            assertThat(m.getBody(String.class)).isEqualTo(bod);
            assertThat(m.getHeader("TenantId")).isEqualTo("ACME_TST");
            assertThat(m.getHeader("BodNoun")).isEqualTo("ContactMaster");
            assertThat(m.getHeader("BodVerb")).isEqualTo("Sync");
        });
    }

    @Test
    void rawDeflateWithFilenamesAsOtherClientsSendIsAccepted() {
        String bod = fixture("SyncSalesOrder.xml");
        String messageId = newMessageId();

        HttpResponse<String> response = send(body(parameters("SyncSalesOrder", messageId, "DEFLATE"),
                deflate(bod, true), true));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(stored(messageId).payload()).isEqualTo(bod);
    }

    @Test
    void messageMultipartVariantTakesParametersFromHeaders() {
        String messageId = newMessageId();
        String bod = fixture("SyncSalesOrder.xml");
        HttpResponse<String> response = hub.send(post(hub.url("/ims/service/v3/message/multipart"),
                body(null, bod.getBytes(StandardCharsets.UTF_8), false))
                .header("documentName", "SyncSalesOrder").header("messageId", messageId)
                .header("fromLogicalId", "lid://infor.m3.acme").build());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(stored(messageId).fromLogicalId()).isEqualTo("lid://infor.m3.acme");
        assertThat(stored(messageId).payload()).isEqualTo(bod);
    }

    @Test
    void characterSetOfTheParametersIsHonoured() {
        String bod = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><SyncThing xmlns=\"http://schema.infor.com/InforOAGIS/2\">"
                + "<Name>Müller Straße</Name></SyncThing>";
        String messageId = newMessageId();
        String parameters = parameters("SyncThing", messageId, "NONE").replace("UTF-8", "ISO-8859-1");

        HttpResponse<String> response = send(body(parameters, bod.getBytes(StandardCharsets.ISO_8859_1), false));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(stored(messageId).payload()).contains("Müller Straße");
    }

    @Test
    void escalatedServiceOrderOpensAChatEventAndAnAlert() throws Exception {
        String messageId = newMessageId();

        HttpResponse<String> response = send(body(parameters("SyncServiceOrder", messageId, "DEFLATE"),
                deflate(fixture("SyncServiceOrder-escalated.xml"), false), false));

        assertThat(response.statusCode()).isEqualTo(202);
        MessageRecord routed = awaitStatus(messageId, DispatchStatus.ROUTED);
        assertThat(routed.route()).isEqualTo("escalation-chat,escalation-alert");
        assertThat(received("mock:chat-event", messageId)).singleElement().satisfies(m -> {
            assertThat(m.getBody(String.class)).isEqualTo("Service order WO-77 escalated: Technician late more than 2 hours");
            assertThat(m.getHeader("ChatRoomKey")).isEqualTo("WO-77");
            assertThat(m.getHeader("ChatMembers")).isEqualTo("john.doe,foo.bar");
        });
        assertThat(received("mock:alert", messageId)).singleElement().satisfies(m -> {
            assertThat(m.getHeader("AlertTitle")).isEqualTo("Service order WO-77 escalated");
            assertThat(m.getHeader("AlertPriority", Integer.class)).isEqualTo(1);
            assertThat(m.getHeader("AlertDedupKey")).isEqualTo("ion.escalated.WO-77");
        });
    }

    @Test
    void failingTargetIsRedeliveredThenItsOwnDeadLetterWhileTheOtherTargetIsDelivered() {
        String messageId = newMessageId();
        String bod = fixture("SyncServiceOrder-escalated.xml").replace("<ID>WO-77</ID>", "<ID>WO-FAIL</ID>");

        HttpResponse<String> response = send(body(parameters("SyncServiceOrder", messageId, "NONE"),
                bod.getBytes(StandardCharsets.UTF_8), false));

        assertThat(response.statusCode()).isEqualTo(202);
        MessageRecord partial = awaitStatus(messageId, DispatchStatus.PARTIAL);
        assertThat(partial.lastError()).contains("dead: escalation-chat").contains("delivered: escalation-alert");
        assertThat(store.events(partial.id())).anySatisfy(e -> assertThat(e.detail()).contains("chat back end down"));
        long count = hub.bean("database", io.switchboard.store.Database.class)
                .count("SELECT COUNT(*) FROM dead_letter WHERE message_id = ? AND message_pk = ?", messageId,
                        partial.id());
        assertThat(count).as("one replayable dead letter for the failed target").isEqualTo(1);
        assertThat(received("mock:alert", messageId)).as("the other target still went out").hasSize(1);
    }

    @Test
    void duplicateMessageIdIsAcknowledgedButProcessedOnce() throws Exception {
        String messageId = newMessageId();
        byte[] request = body(parameters("SyncContactMaster", messageId, "NONE"),
                fixture("SyncContactMaster.xml").getBytes(StandardCharsets.UTF_8), false);

        assertThat(send(request).statusCode()).isEqualTo(202);
        HttpResponse<String> again = send(request);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("duplicate");
        awaitStatus(messageId, DispatchStatus.ROUTED);
        NotifyBuilder more = new NotifyBuilder(hub.context()).fromRoute("ion-dispatch-worker").whenDone(1).create();
        assertThat(send(request).statusCode()).isEqualTo(202);

        assertThat(more.matches(1, TimeUnit.SECONDS)).as("a duplicate is not dispatched").isFalse();
        assertThat(hub.bean("database", io.switchboard.store.Database.class)
                .count("SELECT COUNT(*) FROM message WHERE message_id = ?", messageId)).isEqualTo(1);
        assertThat(received("mock:directory-update", messageId)).hasSize(1);
    }

    static Stream<Arguments> refusedRequests() {
        String bod = fixture("SyncSalesOrder.xml");
        byte[] plain = bod.getBytes(StandardCharsets.UTF_8);
        String id = "refused-" + newMessageId();
        return Stream.of(
                Arguments.of("missing MessagePayload", body(parameters("SyncSalesOrder", id, "NONE"), null, false),
                        Map.of(), 400, "missing_part"),
                Arguments.of("missing ParameterRequest", body(null, plain, false), Map.of(), 400, "missing_part"),
                Arguments.of("bad JSON", body("{\"documentName\": ", plain, false), Map.of(), 400,
                        "bad_parameter_request"),
                Arguments.of("unknown encoding", body(parameters("SyncSalesOrder", id, "GZIP"), plain, false),
                        Map.of(), 400, "unknown_encoding"),
                Arguments.of("not DEFLATE data", body(parameters("SyncSalesOrder", id, "DEFLATE"), plain, false),
                        Map.of(), 400, "undecodable_payload"),
                Arguments.of("not well-formed XML", body(parameters("SyncSalesOrder", id, "NONE"),
                        "<SyncSalesOrder><open>".getBytes(StandardCharsets.UTF_8), false), Map.of(), 400, "not_xml"),
                Arguments.of("external entity", body(parameters("SyncSalesOrder", id, "NONE"),
                        ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + "<SyncSalesOrder>&xxe;</SyncSalesOrder>").getBytes(StandardCharsets.UTF_8), false),
                        Map.of(), 400, "doctype_refused"),
                Arguments.of("no credentials", body(parameters("SyncSalesOrder", id, "NONE"), plain, false),
                        Map.of("Authorization", ""), 401, "unauthorized"),
                Arguments.of("wrong password", body(parameters("SyncSalesOrder", id, "NONE"), plain, false),
                        Map.of("Authorization", ImsMultipart.basic(ImsMultipart.USER, "wrong")), 401, "unauthorized"),
                Arguments.of("foreign tenant", body(parameters("SyncSalesOrder", id, "NONE"), plain, false),
                        Map.of("X-TenantId", "EVIL_TST"), 403, "tenant_not_allowed"),
                Arguments.of("over max-message-bytes", body(parameters("SyncSalesOrder", id, "NONE"),
                        ("<a>" + "x".repeat(70_000) + "</a>").getBytes(StandardCharsets.UTF_8), false),
                        Map.of(), 413, "payload_too_large"),
                Arguments.of("inflates beyond max-message-bytes", body(parameters("SyncSalesOrder", id, "DEFLATE"),
                        deflate("<a>" + "x".repeat(200_000) + "</a>", false), false), Map.of(), 413,
                        "payload_too_large"),
                Arguments.of("not multipart", plain, Map.of("Content-Type", "application/xml"), 415,
                        "unsupported_media_type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void malformedOrUnauthorisedRequestsAreRefusedWithJsonAndNothingIsStored(String what, byte[] request,
            Map<String, String> headers, int status, String error) {
        HttpRequest.Builder effective = HttpRequest.newBuilder(URI.create(hub.url(MESSAGE)))
                .header("Content-Type", headers.getOrDefault("Content-Type",
                        "multipart/form-data; boundary=" + BOUNDARY))
                .header("X-TenantId", headers.getOrDefault("X-TenantId", ImsMultipart.TENANT))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request));
        String authorization = headers.getOrDefault("Authorization",
                ImsMultipart.basic(ImsMultipart.USER, ImsMultipart.PASSWORD));
        if (!authorization.isEmpty()) {
            effective.header("Authorization", authorization);
        }

        HttpResponse<String> response = hub.send(effective.build());

        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"" + error + "\"").doesNotContain("root:");
        assertThat(hub.bean("database", io.switchboard.store.Database.class)
                .count("SELECT COUNT(*) FROM message WHERE message_id LIKE 'refused-%'")).isZero();
    }
}
