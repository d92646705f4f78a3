package io.switchboard.acrobits;

import io.switchboard.HubJson;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;

/**
 * Reads the parameters of an Acrobits web-service call however the portal template sends them:
 * query string, form body, JSON body, and HTTP basic (username/password). Later sources never
 * override earlier ones: query, then body, then basic.
 */
public final class RequestParameters {

    static final int MAX_BODY_CHARS = 16_384;
    private static final ObjectMapper JSON = HubJson.mapper();
    private static final String REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

    private RequestParameters() {
    }

    public static Map<String, String> of(Exchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getIn().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        parseUrlEncoded(query != null ? query : exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class), params);
        Object body = exchange.getIn().getBody();
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase();
        if (body instanceof Map<?, ?> form) {
            form.forEach((k, v) -> params.putIfAbsent(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            String text = exchange.getIn().getBody(String.class);
            if (text != null && !text.isBlank()) {
                if (text.length() > MAX_BODY_CHARS) {
                    throw new HttpProblem(413, "too_large", "request body over " + MAX_BODY_CHARS + " characters");
                }
                if (contentType.contains("json")) {
                    parseJson(text, params);
                } else if (contentType.contains("x-www-form-urlencoded") || contentType.isEmpty()) {
                    parseUrlEncoded(text, params);
                }
            }
        }
        basic(exchange.getIn().getHeader("Authorization", String.class), params);
        return params;
    }

    /** The caller's IP as the socket saw it (X-Forwarded-For is not trusted: it is the caller's to set). */
    public static String remoteAddress(Exchange exchange) {
        Object address = exchange.getIn().getHeader(REMOTE_ADDRESS);
        if (address instanceof InetSocketAddress socket) {
            return socket.getAddress() == null ? socket.getHostString() : socket.getAddress().getHostAddress();
        }
        if (address != null) {
            String s = address.toString();
            int colon = s.lastIndexOf(':');
            return colon > 0 ? s.substring(0, colon) : s;
        }
        return "unknown";
    }

    private static void parseUrlEncoded(String encoded, Map<String, String> params) {
        if (encoded == null || encoded.isBlank()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("malformed_parameters", "malformed URL encoding");
            }
        }
    }

    private static void parseJson(String text, Map<String, String> params) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw HttpProblem.badRequest("malformed_json", "the JSON body must be an object");
            }
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    params.putIfAbsent(f.getKey(), f.getValue().asText());
                }
            });
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("malformed_json", "the body is not valid JSON");
        }
    }

    private static void basic(String authorization, Map<String, String> params) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.unauthorized("malformed basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon > 0) {
            params.putIfAbsent("username", decoded.substring(0, colon));
            params.putIfAbsent("password", decoded.substring(colon + 1));
        }
    }
}
