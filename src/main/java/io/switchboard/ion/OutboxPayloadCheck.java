package io.switchboard.ion;

import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/** Checks that an outbound BOD is well-formed XML; DOCTYPE is refused, so no external entity is ever resolved. */
public final class OutboxPayloadCheck {

    private OutboxPayloadCheck() {
    }

    /** Null when the payload is acceptable, else what is wrong with it. */
    public static String problem(String payload) {
        if (payload == null || payload.isBlank()) {
            return "payload is empty";
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            builder.parse(new InputSource(new StringReader(payload)));
            return null;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be secured", e);
        } catch (Exception e) {
            return "payload is not well-formed XML (DOCTYPE is not allowed): " + e.getMessage();
        }
    }
}
