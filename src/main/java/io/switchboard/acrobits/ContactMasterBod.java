package io.switchboard.acrobits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.switchboard.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Parses SyncContactMaster (OAGIS 2): one ContactMaster per BOD noun. DOCTYPE is refused and no
 * external entity or schema is ever fetched (XXE).
 */
public final class ContactMasterBod {

    private ContactMasterBod() {
    }

    public static List<ContactMasterUpdate> parse(String xml) {
        Document doc = secureParse(xml);
        String actionCode = null;
        NodeList expressions = doc.getElementsByTagNameNS("*", "ActionExpression");
        if (expressions.getLength() > 0) {
            actionCode = ((Element) expressions.item(0)).getAttribute("actionCode");
        }
        ContactMasterUpdate.Action action = ContactMasterUpdate.Action.of(actionCode);
        NodeList contacts = doc.getElementsByTagNameNS("*", "ContactMaster");
        List<ContactMasterUpdate> updates = new ArrayList<>();
        for (int i = 0; i < contacts.getLength(); i++) {
            Element contact = (Element) contacts.item(i);
            if (contact == doc.getDocumentElement()) {
                continue;
            }
            updates.add(contact(action, contact));
        }
        if (updates.isEmpty()) {
            throw new InvalidContactMaster("no ContactMaster noun in the BOD");
        }
        return updates;
    }

    private static ContactMasterUpdate contact(ContactMasterUpdate.Action action, Element contact) {
        String id = text(first(child(contact, "IDs"), "ID"));
        if (id == null) {
            id = text(child(contact, "ID"));
        }
        if (id == null || id.isBlank()) {
            throw new InvalidContactMaster("ContactMaster without IDs/ID");
        }
        Element name = child(contact, "Name");
        String given = text(child(name, "GivenName"));
        String family = text(child(name, "FamilyName"));
        String formatted = text(child(name, "FormattedName"));
        if (formatted == null && (given != null || family != null)) {
            formatted = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
        }
        String email = null;
        List<DirectoryPhone> phones = new ArrayList<>();
        for (Element communication : children(contact, "Communication")) {
            String channel = text(child(communication, "ChannelCode"));
            String use = text(child(communication, "UseCode"));
            String label = use == null ? "work" : use.toLowerCase(Locale.ROOT);
            if ("Telephone".equalsIgnoreCase(channel) || "Mobile".equalsIgnoreCase(channel)) {
                String number = text(child(communication, "DialNumber"));
                if (number != null) {
                    // ION master data is the authority for a contact's numbers: treated as verified
                    phones.add(new DirectoryPhone("Mobile".equalsIgnoreCase(channel) ? "mobile" : label, number, true));
                }
            } else if ("EMail".equalsIgnoreCase(channel) && email == null) {
                email = text(child(communication, "URI"));
            }
        }
        return new ContactMasterUpdate(action, id.trim(), formatted, given, family, email, List.copyOf(phones));
    }

    private static Document secureParse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidContactMaster("empty body");
        }
        try {
            return HardenedXml.parse(xml);
        } catch (SAXException | IOException e) {
            throw new InvalidContactMaster("not well-formed XML or DOCTYPE present: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element first(Element parent, String localName) {
        return child(parent, localName);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }
}
