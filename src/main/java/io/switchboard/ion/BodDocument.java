package io.switchboard.ion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;

import io.switchboard.HardenedXml;
import io.switchboard.ops.HttpProblem;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the MessagePayload bytes into BOD text: inflate per `encoding`, decode per `characterSet`,
 * check it is well-formed XML without any DOCTYPE (XXE is refused, never resolved) and, in the same
 * single SAX pass, take the routing field the table uses beside the ParameterRequest (DocumentID/ID).
 */
public final class BodDocument {

    /** What the routing table reads of a BOD without parsing it again: the first DocumentID/ID (null: none). */
    public record RoutingFields(String documentId) {
        public static final RoutingFields NONE = new RoutingFields(null);
    }

    /** The BOD text and its routing fields. */
    public record Decoded(String text, RoutingFields routing) {
    }

    // a configured parser per thread: building a factory per message (service look-up) cost more than the parse
    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(() -> {
        try {
            return HardenedXml.saxParserFactory().newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    });

    private BodDocument() {
    }

    /** The BOD as text; 400/413 for what cannot be decoded. maxBytes bounds the inflated size. */
    public static String decode(byte[] payload, ParameterRequest parameters, long maxBytes) {
        return read(payload, parameters, maxBytes).text();
    }

    /** The BOD as text with its routing fields, from one parse; 400/413 for what cannot be decoded. */
    public static Decoded read(byte[] payload, ParameterRequest parameters, long maxBytes) {
        byte[] bytes = switch (parameters.encoding().toUpperCase(Locale.ROOT)) {
            case "NONE" -> payload;
            case "DEFLATE" -> inflate(payload, maxBytes);
            default -> throw HttpProblem.badRequest("unknown_encoding",
                    "encoding must be NONE or DEFLATE, was " + parameters.encoding());
        };
        String text = new String(bytes, charset(parameters.characterSet()));
        return new Decoded(text, requireWellFormed(text));
    }

    /** ION compresses with java.util.zip's Deflater (zlib wrapper); raw DEFLATE is accepted too. */
    static byte[] inflate(byte[] data, long maxBytes) {
        try {
            return inflate(data, false, maxBytes);
        } catch (DataFormatException zlibFailed) {
            try {
                return inflate(data, true, maxBytes);
            } catch (DataFormatException e) {
                throw HttpProblem.badRequest("undecodable_payload",
                        "MessagePayload is not DEFLATE data (zlib or raw): " + e.getMessage());
            }
        }
    }

    private static byte[] inflate(byte[] data, boolean raw, long maxBytes) throws DataFormatException {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
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
        SAXParser parser = PARSER.get();
        try {
            parser.reset();
            RoutingFieldHandler fields = new RoutingFieldHandler();
            parser.parse(new InputSource(new StringReader(xml)), fields);
            return fields.fields();
        } catch (SAXException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE")) {
                throw HttpProblem.badRequest("doctype_refused",
                        "MessagePayload contains a DOCTYPE; DTDs and external entities are refused");
            }
            throw HttpProblem.badRequest("not_xml", "MessagePayload is not well-formed XML: " + message);
        } catch (IOException e) {
            throw new IllegalStateException("XML parser unavailable", e);
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

    /** Collects the text of the first DocumentID/ID while the parser checks the document. */
    private static final class RoutingFieldHandler extends DefaultHandler {
        private static final int MAX_ID = 200;
        private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        private StringBuilder id;
        private String documentId;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (documentId == null && id == null && "ID".equals(localName) && "DocumentID".equals(open.peek())) {
                id = new StringBuilder();
            }
            open.push(localName);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (id != null && id.length() < MAX_ID) {
                id.append(ch, start, Math.min(length, MAX_ID - id.length()));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
            if (id != null && "ID".equals(localName)) {
                documentId = id.toString().trim();
                id = null;
            }
        }

        RoutingFields fields() {
            return new RoutingFields(documentId == null || documentId.isEmpty() ? null : documentId);
        }
    }
}
