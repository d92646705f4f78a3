package io.switchboard.ops;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Header filter strategy of the platform-http component (application.properties
 * camel.component.platform-http.header-filter-strategy): requests map in as Camel's HTTP default does,
 * but an answer carries only the response headers a route deliberately sets, never a request header or
 * query parameter that rode along on the exchange, and never a value with control characters.
 */
public class ResponseHeaderPolicy extends HttpHeaderFilterStrategy {

    /** Response headers the hub's routes set; everything else on the exchange stays inside the hub. */
    static final Set<String> ANSWER_HEADERS = Set.of("content-type", "cache-control", "retry-after",
            "www-authenticate", "last-modified", "etag", "location", "content-disposition", "vary", "allow");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (super.applyFilterToCamelHeaders(headerName, headerValue, exchange)) {
            return true;
        }
        if (!ANSWER_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return headerValue != null && hasControlCharacter(String.valueOf(headerValue));
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
