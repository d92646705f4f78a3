package io.switchboard.ops;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * What the hub's HTTP server never writes into an answer: besides Camel's usual HTTP filter, the
 * caller's credentials and request-only headers, which platform-http would otherwise echo back from
 * the exchange (an API key in the answer of /observe/health, for instance).
 */
public class ResponseHeaderFilter extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().add("authorization");
        getOutFilter().add("proxy-authorization");
        getOutFilter().add("x-api-key");
        getOutFilter().add("x-switchboard-secret");
        getOutFilter().add("cookie");
        getOutFilter().add("user-agent");
        getOutFilter().add("host");
        getOutFilter().add("x-tenantid");
        getOutFilter().add("x-forwarded-for");
    }
}
