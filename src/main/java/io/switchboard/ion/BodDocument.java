package io.switchboard.ion;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.switchboard.HardenedXml;
import io.switchboard.ops.HttpProblem;

/**
 * Turns the MessagePayload bytes into BOD text: inflate per `encoding`, decode per `characterSet`,
 * check it is well-formed XML without any DOCTYPE (XXE is refused, never resolved) and, in the same
 * single StAX pass, take the routing field the table uses beside the ParameterRequest (DocumentID/ID).
 */
public final class BodDocument {

    /** What the routing table reads of a BOD without parsing it again: the first DocumentID/ID (null: none). */
    public record RoutingFields(String documentId) {
        public static final RoutingFields NONE = new RoutingFields(null);
    }

    /** The BOD text and its routing fields. */
    public record Decoded(String text, RoutingFields routing) {
    }

    // Woodstox, not the JDK's SAX parser: the same checks for about half the CPU (event-loop time per message)
    private static final XMLInputFactory XML = HardenedXml.staxInputFactory();
    private static final int MAX_ID = 200;

    private BodDocument() {
    }

    /** The BOD as text; 400/413 for what cannot be decoded. maxBytes bounds the inflated size. */
    public static String decode(byte[] payload, ParameterRequest parameters, long maxBytes) {
        return read(payload, 0, payload.length, parameters, maxBytes).text();
    }

    /**
     * The BOD at payload[offset, offset + length) as text with its routing fields, from one parse;
     * 400/413 for what cannot be decoded.
     */
    public static Decoded read(byte[] payload, int offset, int length, ParameterRequest parameters,
            long maxBytes) {
        // the encoding is checked (and inflated) before the character set, as ever: the same error for the same input
        String text = switch (parameters.encoding().toUpperCase(Locale.ROOT)) {
            case "NONE" -> new String(payload, offset, length, charset(parameters.characterSet()));
            case "DEFLATE" -> new String(inflate(payload, offset, length, maxBytes),
                    charset(parameters.characterSet()));
            default -> throw HttpProblem.badRequest("unknown_encoding",
                    "encoding must be NONE or DEFLATE, was " + parameters.encoding());
        };
        return new Decoded(text, requireWellFormed(text));
    }

    /** ION compresses with java.util.zip's Deflater (zlib wrapper); raw DEFLATE is accepted too. */
    static byte[] inflate(byte[] data, long maxBytes) {
        return inflate(data, 0, data.length, maxBytes);
    }

    private static byte[] inflate(byte[] data, int offset, int length, long maxBytes) {
        try {
            return inflate(data, offset, length, false, maxBytes);
        } catch (DataFormatException zlibFailed) {
            try {
                return inflate(data, offset, length, true, maxBytes);
            } catch (DataFormatException e) {
                throw HttpProblem.badRequest("undecodable_payload",
                        "MessagePayload is not DEFLATE data (zlib or raw): " + e.getMessage());
            }
        }
    }

    private static byte[] inflate(byte[] data, int offset, int length, boolean raw, long maxBytes)
            throws DataFormatException {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(data, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, length * 4L));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated DEFLATE stream");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new HttpProblem(413, "payload_too_large",
                            "inflated MessagePayload exceeds hub.ims.max-message-bytes=" + maxBytes);
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw HttpProblem.badRequest("unknown_character_set", "characterSet not supported: " + name);
        }
    }

    /** Parses once: refuses what is not well-formed (or has a DOCTYPE) and returns the routing fields. */
    static RoutingFields requireWellFormed(String xml) {
        XMLStreamReader reader = null;
        try {
            reader = XML.createXMLStreamReader(new StringReader(xml));
            return routingFieldsOf(reader);
        } catch (XMLStreamException e) {
            throw HttpProblem.badRequest("not_xml", "MessagePayload is not well-formed XML: " + reason(e));
        } finally {
            close(reader);
        }
    }

    /** Reads to the end (what checks it) and keeps the text of the first DocumentID/ID. */
    private static RoutingFields routingFieldsOf(XMLStreamReader reader) throws XMLStreamException {
        ArrayDeque<String> open = new ArrayDeque<>();
        StringBuilder id = null;
        String documentId = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.DTD -> throw HttpProblem.badRequest("doctype_refused",
                        "MessagePayload contains a DOCTYPE; DTDs and external entities are refused");
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = reader.getLocalName();
                    if (documentId == null && id == null && "ID".equals(name) && "DocumentID".equals(open.peek())) {
                        id = new StringBuilder();
                    }
                    open.push(name);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (id != null && id.length() < MAX_ID) {
                        id.append(reader.getTextCharacters(), reader.getTextStart(),
                                Math.min(reader.getTextLength(), MAX_ID - id.length()));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    open.pop();
                    if (id != null && "ID".equals(reader.getLocalName())) {
                        documentId = id.toString().trim();
                        id = null;
                    }
                }
                default -> {
                    // comments, processing instructions, the document's start and end: checked, nothing to keep
                }
            }
        }
        return documentId == null || documentId.isEmpty() ? RoutingFields.NONE : new RoutingFields(documentId);
    }

    /** The parser's first line (what is wrong), without the location lines after it. */
    private static String reason(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline).trim() : message;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing held: a StringReader
            }
        }
    }

    /** The routing fields of a stored BOD (recovery, replay); NONE when it no longer parses. */
    public static RoutingFields routingFields(String xml) {
        try {
            return xml == null ? RoutingFields.NONE : requireWellFormed(xml);
        } catch (RuntimeException e) {
            return RoutingFields.NONE;
        }
    }
}
