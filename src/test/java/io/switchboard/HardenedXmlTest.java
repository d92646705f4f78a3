package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.acrobits.ContactMasterBod;
import io.switchboard.ion.BodDocument;
import io.switchboard.ion.BodXPath;
import io.switchboard.ion.OutboxPayloadCheck;
import io.switchboard.ion.ParameterRequest;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every XML parser and XPath of the hub, the routing table's xpath: language included, refuses DOCTYPE
 * and never fetches anything external (issue 12 item 10): one hostile server counts every fetch.
 */
class HardenedXmlTest {

    private static final AtomicInteger FETCHES = new AtomicInteger();
    private static HttpServer evil;
    private static TestHub hub;
    private static List<String> hostile;

    @BeforeAll
    static void start() throws Exception {
        evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        evil.createContext("/", exchange -> {
            FETCHES.incrementAndGet();
            byte[] body = "<!ENTITY leak 'fetched'>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        String base = "http://127.0.0.1:" + evil.getAddress().getPort();
        hostile = List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"" + base + "/evil.dtd\"><a>1</a>",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"" + base + "/x\">]><a>&x;</a>",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY % p SYSTEM \"" + base + "/p\"> %p;]><a>&leak;</a>",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;\">]><a>&l2;</a>");
        hub = TestHub.start(Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
        evil.stop(0);
    }

    @Test
    void everyParserOfTheHubRefusesDoctypeAndFetchesNothing() throws Exception {
        var xpath = hub.context().resolveLanguage("xpath");
        BodXPath bodXPath = hub.bean("bodXPath", BodXPath.class);
        for (String xml : hostile) {
            Exchange exchange = new DefaultExchange(hub.context());
            exchange.getIn().setBody(xml);
            assertThatThrownBy(() -> xpath.createPredicate("/a").matches(exchange)).as("xpath language: " + xml);
            Exchange bytes = new DefaultExchange(hub.context());
            bytes.getIn().setBody(xml.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> xpath.createExpression("string(/a)").evaluate(bytes, String.class))
                    .as("xpath language on bytes: " + xml);
            assertThatThrownBy(() -> bodXPath.joined(xml, "/a")).as("bodXPath: " + xml);
            assertThat(OutboxPayloadCheck.problem(xml)).as("outbox: " + xml).isNotNull();
            assertThatThrownBy(() -> ContactMasterBod.parse(xml)).as("ContactMaster: " + xml);
            assertThatThrownBy(() -> BodDocument.decode(xml.getBytes(StandardCharsets.UTF_8),
                    ParameterRequest.parse("{\"documentName\":\"a\",\"messageId\":\"m\"}"), 1_000_000))
                    .as("IMS BOD: " + xml);
        }
        String xinclude = "<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"http://127.0.0.1:"
                + evil.getAddress().getPort() + "/inc\"/></a>";
        Exchange exchange = new DefaultExchange(hub.context());
        exchange.getIn().setBody(xinclude);
        xpath.createPredicate("/a").matches(exchange);
        HardenedXml.parse(xinclude);

        assertThat(FETCHES.get()).as("requests that reached the hostile server").isZero();
    }

    @Test
    void camelParsesAndEvaluatesWithTheHardenedConfiguration() throws Exception {
        var registry = hub.context().getTypeConverterRegistry();
        for (Class<?> from : new Class<?>[] {String.class, byte[].class, java.io.InputStream.class}) {
            assertThat(registry.lookup(org.w3c.dom.Document.class, from).getClass().getName())
                    .as(from.getSimpleName() + " to Document").startsWith(HardenedXml.class.getName());
        }
        var language = (org.apache.camel.language.xpath.XPathLanguage) hub.context().resolveLanguage("xpath");
        assertThat(language.getXpathFactory().getFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING)).isTrue();
    }

    @Test
    void theRoutingTableStillEvaluatesPlainBods() {
        Exchange exchange = new DefaultExchange(hub.context());
        exchange.getIn().setBody("<o:a xmlns:o=\"" + BodXPath.OAGIS_NAMESPACE + "\"><o:b>7</o:b></o:a>");
        assertThat(hub.context().resolveLanguage("xpath").createPredicate("/*/*[. = '7']").matches(exchange)).isTrue();
    }
}
