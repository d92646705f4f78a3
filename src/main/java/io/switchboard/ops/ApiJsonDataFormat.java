package io.switchboard.ops;

import java.io.InputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.HubJson;
import org.apache.camel.Exchange;
import org.apache.camel.component.jackson.JacksonDataFormat;

/**
 * The REST DSL's JSON binding for /api/**: Camel's Jackson data format on the hub's one mapper, except that a
 * body it cannot bind is not thrown at the binding (Camel would answer it before the route's error handler,
 * in plain text and before authentication) but noted on the exchange: ApiBinding.body() answers it 400 JSON
 * once the caller is authenticated.
 */
public class ApiJsonDataFormat extends JacksonDataFormat {

    /** Exchange property: the JsonProcessingException the binding met. */
    public static final String BINDING_FAILURE = "SwitchboardApiBindingFailure";

    public ApiJsonDataFormat() {
        setObjectMapper(HubJson.mapper());
        setAutoDiscoverObjectMapper(false);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        try {
            return super.unmarshal(exchange, stream);
        } catch (JsonProcessingException e) {
            exchange.setProperty(BINDING_FAILURE, e);
            return null;
        }
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        try {
            return super.unmarshal(exchange, body);
        } catch (JsonProcessingException e) {
            exchange.setProperty(BINDING_FAILURE, e);
            return null;
        }
    }
}
