package io.switchboard.ops;

import io.switchboard.HubJson;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * The hub's one error shape: {"error":code,"message":message}, or for the Acrobits services
 * &lt;error&gt;&lt;message&gt;…&lt;/message&gt;&lt;code&gt;…&lt;/code&gt;&lt;/error&gt;. Values are escaped by the
 * serialiser, so a path or parameter with control bytes stays a valid document.
 */
public final class ErrorBody {

    private static final ObjectMapper JSON = HubJson.mapper();
    private static final XmlMapper XML = new XmlMapper();

    /** Acrobits apps show the message; it comes first. */
    @JacksonXmlRootElement(localName = "error")
    record XmlError(String message, String code) {
    }

    private ErrorBody() {
    }

    /** Paths whose callers expect the XML shape. */
    public static boolean wantsXml(String path) {
        return path != null && (path.equals("/acrobits") || path.startsWith("/acrobits/"));
    }

    public static String json(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"" + code + "\"}";
        }
    }

    public static String xml(String code, String message) {
        try {
            return XML.writeValueAsString(new XmlError(message, code));
        } catch (JsonProcessingException e) {
            return "<error><message>error</message></error>";
        }
    }
}
