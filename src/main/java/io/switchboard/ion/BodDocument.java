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

import io.switchboard.HardenedXml;
import io.switchboard.ops.HttpProblem;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the MessagePayload bytes into BOD text: inflate per `encoding`, decode per `characterSet`,
 * check it is well-formed XML without any DOCTYPE (XXE is refused, never resolved).
 */
public final class BodDocument {

    private BodDocument() {
    }

    /** The BOD as text; 400/413 for what cannot be decoded. maxBytes bounds the inflated size. */
    public static String decode(byte[] payload, ParameterRequest parameters, long maxBytes) {
        byte[] bytes = switch (parameters.encoding().toUpperCase(Locale.ROOT)) {
            case "NONE" -> payload;
            case "DEFLATE" -> inflate(payload, maxBytes);
            default -> throw HttpProblem.badRequest("unknown_encoding",
                    "encoding must be NONE or DEFLATE, was " + parameters.encoding());
        };
        String text = new String(bytes, charset(parameters.characterSet()));
        requireWellFormed(text);
        return text;
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

    static void requireWellFormed(String xml) {
        try {
            HardenedXml.saxParserFactory().newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
        } catch (SAXException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE")) {
                throw HttpProblem.badRequest("doctype_refused",
                        "MessagePayload contains a DOCTYPE; DTDs and external entities are refused");
            }
            throw HttpProblem.badRequest("not_xml", "MessagePayload is not well-formed XML: " + message);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }
}
