package io.switchboard.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.HubJson;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The JSON binding of an /api operation inside its route, after authentication: {@code .unmarshal(body)} turns the
 * request into its record with the hub's one mapper, checking the raw size first (413 before anything is parsed),
 * then an empty, unreadable or wrongly-typed body is the 400 the service's ApiBodyErrors names.
 * Why not the REST DSL's own binding here: it registers the operation on platform-http for application/json only
 * (415/406 to the clients that send no JSON Content-Type or Accept today) and binds before authentication.
 */
public class ApiJsonBody extends ServiceSupport implements DataFormat, DataFormatName {

    /** No byte limit of its own (camel.server.max-body-size still caps every request). */
    public static final int NO_LIMIT = 0;

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final ObjectMapper json = HubJson.mapper();
    private final Class<?> type;
    private final int maxBytes;
    private final ApiBodyErrors errors;
    private final boolean emptyIsObject;

    /** A required body: an empty one is errors.missing(). */
    public ApiJsonBody(Class<?> type, int maxBytes, ApiBodyErrors errors) {
        this(type, maxBytes, errors, false);
    }

    private ApiJsonBody(Class<?> type, int maxBytes, ApiBodyErrors errors, boolean emptyIsObject) {
        this.type = type;
        this.maxBytes = maxBytes;
        this.errors = errors;
        this.emptyIsObject = emptyIsObject;
    }

    /** An optional body: none at all binds as {} (every field unset). */
    public static ApiJsonBody optional(Class<?> type, int maxBytes, ApiBodyErrors errors) {
        return new ApiJsonBody(type, maxBytes, errors, true);
    }

    @Override
    public String getDataFormatName() {
        return "api-json-body";
    }

    public Class<?> type() {
        return type;
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        return body == null ? read(new byte[0]) : DataFormat.super.unmarshal(exchange, body);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws IOException {
        return read(within(stream, maxBytes, errors));
    }

    private Object read(byte[] raw) {
        if (blank(raw)) {
            if (!emptyIsObject) {
                throw errors.missing();
            }
            raw = EMPTY_OBJECT;
        }
        Object bound;
        try {
            bound = json.readValue(raw, type);
        } catch (JsonProcessingException e) {
            throw errors.unreadable(e);
        } catch (IOException e) {
            throw errors.missing();
        }
        if (bound == null) {
            throw errors.missing();
        }
        return bound;
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws IOException {
        json.writeValue(stream, graph);
    }

    /** For an operation without a body: the same byte limit, so an oversized request is 413 on every verb. */
    public static void requireWithin(Exchange exchange, int maxBytes, ApiBodyErrors errors) throws IOException {
        InputStream stream = exchange.getIn().getBody(InputStream.class);
        if (stream != null) {
            exchange.getIn().setBody(within(stream, maxBytes, errors));
        }
    }

    // reads at most one byte past the limit: an oversized body is refused without being held whole
    private static byte[] within(InputStream stream, int maxBytes, ApiBodyErrors errors) throws IOException {
        try (stream) {
            if (maxBytes <= NO_LIMIT) {
                return stream.readAllBytes();
            }
            byte[] raw = stream.readNBytes(Math.min(maxBytes, Integer.MAX_VALUE - 1) + 1);
            if (raw.length > maxBytes) {
                throw errors.tooLarge(maxBytes);
            }
            return raw;
        }
    }

    private static boolean blank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
