package io.switchboard.ion;

import java.io.StringReader;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.switchboard.HardenedXml;

/**
 * What keeps outbound BODs in order (hub.ion.outbox.ordering-key): messages with the same key go out
 * one after the other in enqueue order; different keys go out in parallel. DOCUMENT_NAME (default)
 * orders every BOD of a type; DOCUMENT_ID orders per document name + the BOD's first
 * DocumentID/ID, so unrelated orders of one type do not wait for each other.
 */
public enum OutboxOrderingKey {

    DOCUMENT_NAME, DOCUMENT_ID;

    private static final XMLInputFactory XML = HardenedXml.staxInputFactory(); // never a DTD or an entity

    /** documentName (default) or documentName+documentId, as in application.properties. */
    public static OutboxOrderingKey parse(String property) {
        return switch (property.trim().toLowerCase(Locale.ROOT)) {
            case "documentname" -> DOCUMENT_NAME;
            case "documentname+documentid" -> DOCUMENT_ID;
            default -> throw new IllegalArgumentException("hub.ion.outbox.ordering-key must be documentName or"
                    + " documentName+documentId, not " + property);
        };
    }

    /** The key of one BOD; a BOD without a DocumentID is ordered by its document name alone. */
    public String of(String documentName, String payload) {
        if (this == DOCUMENT_NAME) {
            return documentName;
        }
        String id = documentId(payload);
        return id == null ? documentName : documentName + "/" + id;
    }

    /** The text of the first DocumentID/ID element (OAGIS), or null. */
    static String documentId(String payload) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(payload));
            try {
                boolean inDocumentId = false;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String name = reader.getLocalName();
                        if (name.equals("DocumentID")) {
                            inDocumentId = true;
                        } else if (inDocumentId && name.equals("ID")) {
                            String text = reader.getElementText().trim();
                            return text.isEmpty() || text.length() > 180 ? null : text;
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("DocumentID")) {
                        inDocumentId = false;
                    }
                }
                return null;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return null; // not XML: ordered by document name
        }
    }
}
