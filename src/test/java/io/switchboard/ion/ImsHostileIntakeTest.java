package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile IMS messages: field limits at the edge, one refused row never fails its batch, boundaries (issue 12). */
class ImsHostileIntakeTest {

    private static final String MESSAGE = "/ims/service/v3/multipartMessage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestHub hub;
    private static MessageStore store;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(Map.of(
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                "hub.ims.max-message-bytes", "4194304",
                // a long collection window, so concurrent requests share one group commit
                "hub.ims.store.batch-wait-ms", "400"));
        store = hub.bean("messageStore", MessageStore.class);
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection(); Statement s = c.createStatement()) {
            // stands for any value the database refuses although it passed the edge checks
            s.execute("ALTER TABLE message ADD CONSTRAINT test_refuses_poison CHECK (document_name <> 'PoisonDocument')");
        }
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static String parameters(String field, String value) {
        Map<String, String> p = new java.util.LinkedHashMap<>(Map.of("documentName", "SyncSalesOrder",
                "messageId", ImsMultipart.newMessageId(), "fromLogicalId", "lid://infor.ims.acme",
                "toLogicalId", "lid://infor.ims.switchboard"));
        p.put(field, value);
        try {
            return JSON.writeValueAsString(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(String parameterJson) {
        byte[] bod = ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8);
        return hub.send(ImsMultipart.post(hub.url(MESSAGE), ImsMultipart.body(parameterJson, bod, false)).build());
    }

    @Test
    void overLongFieldsAre400NamingFieldAndLimitAndNothingIsStored() throws Exception {
        for (String field : List.of("messageId", "documentName", "fromLogicalId", "toLogicalId")) {
            String json = parameters(field, "x".repeat(201));
            HttpResponse<String> r = post(json);

            assertThat(r.statusCode()).as(field).isEqualTo(400);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("error").asText()).isEqualTo("field_too_long");
            assertThat(body.path("message").asText()).contains("'" + field + "'", "200");
            String messageId = JSON.readTree(json).path("messageId").asText();
            assertThat(store.findByMessageId(messageId)).as(field).isEmpty();
        }
        HttpResponse<String> tenant = hub.send(ImsMultipart.post(hub.url(MESSAGE), ImsMultipart.body(
                        parameters("messageId", ImsMultipart.newMessageId()),
                        ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false))
                .setHeader("X-TenantId", "T".repeat(101)).build());
        assertThat(tenant.statusCode()).isEqualTo(400);
        assertThat(tenant.body()).contains("X-TenantId", "100");
    }

    @Test
    void controlCharactersInIdentifiersAre400() throws Exception {
        HttpResponse<String> r = post(parameters("messageId", "m-1\r\nforged"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("invalid_field");
    }

    @Test
    void aRowTheDatabaseRefusesNeverFailsItsBatchMates() throws Exception {
        List<String> goodIds = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> good = new ArrayList<>();
        byte[] bod = ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            String json = parameters("messageId", ImsMultipart.newMessageId());
            goodIds.add(JSON.readTree(json).path("messageId").asText());
            good.add(HTTP.sendAsync(ImsMultipart.post(hub.url(MESSAGE), ImsMultipart.body(json, bod, false)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        String poisonJson = parameters("documentName", "PoisonDocument");
        CompletableFuture<HttpResponse<String>> poison = HTTP.sendAsync(
                ImsMultipart.post(hub.url(MESSAGE), ImsMultipart.body(poisonJson, bod, false)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(poison.get().statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(poison.get().body()).path("error").asText()).isEqualTo("rejected_by_store");
        for (int i = 0; i < good.size(); i++) {
            assertThat(good.get(i).get().statusCode()).as("batch-mate " + i).isEqualTo(202);
            assertThat(store.find(Direction.IN, goodIds.get(i))).as("batch-mate " + i + " stored").isPresent();
        }
        assertThat(store.findByMessageId(JSON.readTree(poisonJson).path("messageId").asText())).isEmpty();
    }

    @Test
    void boundariesOverSeventyCharactersAre400() throws Exception {
        for (int length : new int[] {71, 7000}) {
            String boundary = "b".repeat(length);
            HttpResponse<String> r = hub.send(ImsMultipart.post(hub.url(MESSAGE),
                            ("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8))
                    .setHeader("Content-Type", "multipart/form-data; boundary=" + boundary).build());
            assertThat(r.statusCode()).as("boundary of " + length).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("bad_multipart");
        }
    }

    @Test
    void seventyCharacterBoundaryWorksAndANearMissBodyIsRefused() throws Exception {
        String boundary = "B".repeat(70);
        String json = parameters("messageId", ImsMultipart.newMessageId());
        byte[] ok = ImsMultipart.body(json, ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8),
                false);
        String withLongBoundary = new String(ok, StandardCharsets.UTF_8).replace(ImsMultipart.BOUNDARY, boundary);
        HttpResponse<String> accepted = hub.send(ImsMultipart.post(hub.url(MESSAGE),
                        withLongBoundary.getBytes(StandardCharsets.UTF_8))
                .setHeader("Content-Type", "multipart/form-data; boundary=" + boundary).build());
        assertThat(accepted.statusCode()).isEqualTo(202);

        // 2 MiB of almost-delimiters: every position starts a near match of the 70-character boundary
        String nearMiss = ("\r\n--" + "B".repeat(69) + "x").repeat(2 * 1024 * 1024 / 74);
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data;name=\"MessagePayload\"\r\n\r\n" + nearMiss)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = hub.send(ImsMultipart.post(hub.url(MESSAGE), body)
                .setHeader("Content-Type", "multipart/form-data; boundary=" + boundary).build());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("bad_multipart");
    }

    /** BODs that are not well-formed XML 1.0 (namespaces included): each a 400 not_xml, nothing stored. */
    static final List<String> MALFORMED = List.of(
            "",
            "   ",
            "plain text",
            "<a>",
            "<a></b>",
            "<a><b></a></b>",
            "<a>1 < 2</a>",
            "<a>fish & chips</a>",
            "<a>&undeclared;</a>",
            "<a>&#1;</a>",
            "<a>&#xD800;</a>",
            "<a>\u0001</a>",
            "<a x='1' x='2'/>",
            "<a x=1/>",
            "<a><![CDATA[never closed</a>",
            "<a><!-- a -- b --></a>",
            "<a/><b/>",
            "<a/>trailing text",
            "text before<a/>",
            "<p:a/>",
            "<a xmlns:p='urn:p'><q:b/></a>",
            "<?xml version='1.0'?><?xml version='1.0'?><a/>",
            "<a><?xml version='1.0'?></a>",
            "<1a/>",
            "<a>]]></a>",
            "<a b='<'/>",
            "\ufeff<a/>");

    /** Well-formed edge cases the check must keep accepting. */
    static final List<String> WELL_FORMED = List.of(
            "<a/>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>x</a>\n",
            "<!-- before --><a><!-- in --></a><!-- after -->",
            "<?pi data?><a><?pi inside?></a>",
            "<a><![CDATA[1 < 2 & <b>]]></a>",
            "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;</a>",
            "<p:a xmlns:p='urn:p' xmlns='urn:d'><b p:x='1'/></p:a>",
            "<a>caf\u00e9 \u4e2d\u6587 \ud83d\ude00</a>",
            "<?xml version='1.1'?><a>&#1;</a>",
            "<a b='&#60;'/>");

    @Test
    void malformedBodsAre400NotXmlAndWellFormedEdgeCasesAreAccepted() throws Exception {
        for (String xml : MALFORMED) {
            String json = parameters("messageId", ImsMultipart.newMessageId());
            HttpResponse<String> r = hub.send(ImsMultipart.post(hub.url(MESSAGE),
                    ImsMultipart.body(json, xml.getBytes(StandardCharsets.UTF_8), false)).build());
            assertThat(r.statusCode()).as("status for " + xml).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as("error for " + xml).isEqualTo("not_xml");
            assertThat(store.findByMessageId(JSON.readTree(json).path("messageId").asText())).as(xml).isEmpty();
        }
        for (String xml : WELL_FORMED) {
            HttpResponse<String> r = hub.send(ImsMultipart.post(hub.url(MESSAGE),
                    ImsMultipart.body(parameters("messageId", ImsMultipart.newMessageId()),
                            xml.getBytes(StandardCharsets.UTF_8), false)).build());
            assertThat(r.statusCode()).as("status for " + xml).isEqualTo(202);
        }
        // the one limit the JDK's parser lacks: more than 1 000 nested elements (a parser stack bomb) is refused
        String deep = "<a>".repeat(1001) + "</a>".repeat(1001);
        HttpResponse<String> r = hub.send(ImsMultipart.post(hub.url(MESSAGE), ImsMultipart.body(
                parameters("messageId", ImsMultipart.newMessageId()), deep.getBytes(StandardCharsets.UTF_8), false))
                .build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("message").asText()).contains("Depth", "1000");
    }

    @Test
    void theIntakeCheckAgreesWithTheJdkParserOnEveryCase() throws Exception {
        javax.xml.parsers.SAXParser jdk = io.switchboard.HardenedXml.saxParserFactory().newSAXParser();
        ParameterRequest parameters = ParameterRequest.parse("{\"documentName\":\"a\",\"messageId\":\"m\"}");
        for (String xml : concat(MALFORMED, WELL_FORMED)) {
            boolean jdkAccepts;
            try {
                jdk.reset();
                jdk.parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)),
                        new org.xml.sax.helpers.DefaultHandler());
                jdkAccepts = true;
            } catch (org.xml.sax.SAXException e) {
                jdkAccepts = false;
            }
            boolean hubAccepts;
            try {
                BodDocument.decode(xml.getBytes(StandardCharsets.UTF_8), parameters, 1_000_000);
                hubAccepts = true;
            } catch (io.switchboard.ops.HttpProblem e) {
                hubAccepts = false;
            }
            assertThat(hubAccepts).as("hub accepts, as the JDK's SAX parser does or not: " + xml).isEqualTo(jdkAccepts);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void anUnknownEncodingIsNamedBeforeAnUnknownCharacterSet() throws Exception {
        String json = parameters("encoding", "BROTLI").replace("}", ",\"characterSet\":\"NO-SUCH-CHARSET\"}");
        HttpResponse<String> r = hub.send(ImsMultipart.post(hub.url(MESSAGE), ImsMultipart.body(json,
                ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false)).build());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("unknown_encoding");
    }
}
