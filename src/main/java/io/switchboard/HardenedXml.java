package io.switchboard;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.TypeConverterExists;
import org.apache.camel.language.xpath.XPathLanguage;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The hub's one XML configuration: DOCTYPE disallowed, no external entity, DTD, schema or XInclude is
 * ever fetched, secure processing on. Every parser and XPath of the hub comes from here, and install()
 * makes Camel's xpath language (the routing table's xpath: expressions) parse with it too.
 */
public final class HardenedXml {

    private HardenedXml() {
    }

    public static DocumentBuilderFactory documentBuilderFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
    }

    public static SAXParserFactory saxParserFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
    }

    /**
     * A StAX factory (Woodstox) that never reads a DTD nor resolves an entity: a DOCTYPE is reported as a
     * DTD event for the caller to refuse, an undeclared entity reference is an error.
     */
    public static XMLInputFactory staxInputFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // every token parsed in full (checked), not skipped lazily when the caller does not read it
        factory.setProperty(WstxInputProperties.P_LAZY_PARSING, false);
        return factory;
    }

    public static XPathFactory xpathFactory() {
        try {
            XPathFactory factory = XPathFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory;
        } catch (XPathFactoryConfigurationException e) {
            throw new IllegalStateException("XPath cannot be hardened", e);
        }
    }

    /** A DOM of the text; SAXException for anything not well-formed or with a DOCTYPE. */
    public static Document parse(String xml) throws SAXException, IOException {
        return parse(new InputSource(new StringReader(xml)));
    }

    public static Document parse(InputSource source) throws SAXException, IOException {
        try {
            DocumentBuilder builder = documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // errors become exceptions, not stderr lines
            return builder.parse(source);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
    }

    /**
     * Camel's xpath language and its String/byte[]/InputStream to Document conversions (what an xpath:
     * expression evaluates on) use the hardened parser and XPath; call once while configuring.
     */
    public static void install(CamelContext context) {
        TypeConverterRegistry registry = context.getTypeConverterRegistry();
        TypeConverterExists before = registry.getTypeConverterExists();
        registry.setTypeConverterExists(TypeConverterExists.Override);
        try {
            registry.addTypeConverter(Document.class, String.class, new ToDocument());
            registry.addTypeConverter(Document.class, byte[].class, new ToDocument());
            registry.addTypeConverter(Document.class, InputStream.class, new ToDocument());
        } finally {
            registry.setTypeConverterExists(before);
        }
        ((XPathLanguage) context.resolveLanguage("xpath")).setXpathFactory(xpathFactory());
    }

    /** String, byte[] or InputStream to a hardened DOM; a DOCTYPE is a conversion failure. */
    private static final class ToDocument extends TypeConverterSupport {
        @Override
        public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
            try {
                InputSource source = null;
                if (value instanceof String text) {
                    source = new InputSource(new StringReader(text));
                } else if (value instanceof byte[] bytes) {
                    source = new InputSource(new ByteArrayInputStream(bytes));
                } else if (value instanceof InputStream stream) {
                    source = new InputSource(stream);
                }
                return source == null ? null : type.cast(parse(source));
            } catch (SAXException | IOException e) {
                throw new TypeConversionException(value == null ? null : value.getClass().getSimpleName(), type, e);
            }
        }
    }
}
