package io.switchboard.ion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPathConstants;

import io.switchboard.HardenedXml;
import org.w3c.dom.NodeList;

/**
 * Bean "bodXPath" for the routing table: every match of an XPath on the BOD, comma-joined
 * (XPath 1.0 cannot join). Prefix o = http://schema.infor.com/InforOAGIS/2.
 */
public class BodXPath {

    public static final String OAGIS_NAMESPACE = "http://schema.infor.com/InforOAGIS/2";

    public String joined(String bod, String expression) throws Exception {
        var document = HardenedXml.parse(bod);
        var xpath = HardenedXml.xpathFactory().newXPath();
        xpath.setNamespaceContext(new Oagis());
        NodeList nodes = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return String.join(",", values);
    }

    private static final class Oagis implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return "o".equals(prefix) ? OAGIS_NAMESPACE : XMLConstants.NULL_NS_URI;
        }

        @Override
        public String getPrefix(String namespaceUri) {
            return OAGIS_NAMESPACE.equals(namespaceUri) ? "o" : null;
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceUri) {
            return List.of("o").iterator();
        }
    }
}
