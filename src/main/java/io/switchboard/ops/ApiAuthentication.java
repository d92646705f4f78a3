package io.switchboard.ops;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.switchboard.HubProperties;
import io.switchboard.Secret;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Authenticates /api/** callers: header X-API-Key equal to hub.api.key, or HTTP basic with
 * hub.api.user / hub.api.password. Comparison is constant-time. No credentials configured =
 * every /api call is refused (401), never open by accident.
 */
public class ApiAuthentication implements Processor {

    public static final String API_KEY_HEADER = "X-API-Key";

    private final Secret apiKey;
    private final String user;
    private final Secret password;

    public ApiAuthentication(Secret apiKey, String user, Secret password) {
        this.apiKey = apiKey;
        this.user = user;
        this.password = password;
    }

    public static ApiAuthentication from(HubProperties props) {
        return new ApiAuthentication(props.secret("hub.api.key"), props.get("hub.api.user"),
                props.secret("hub.api.password"));
    }

    public boolean configured() {
        return apiKey.isPresent() || (!user.isBlank() && password.isPresent());
    }

    @Override
    public void process(Exchange exchange) {
        if (!configured()) {
            throw HttpProblem.unauthorized("the API is closed: set hub.api.key or hub.api.user/password");
        }
        String key = exchange.getIn().getHeader(API_KEY_HEADER, String.class);
        if (key != null) {
            if (apiKey.matches(key)) {
                return;
            }
            throw HttpProblem.unauthorized("invalid API key");
        }
        String authorization = exchange.getIn().getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(authorization.substring(6).trim());
            int colon = decoded.indexOf(':');
            // evaluate both comparisons so timing does not tell which one failed
            boolean userOk = colon > 0 && Secret.of(user).matches(decoded.substring(0, colon));
            boolean passwordOk = colon > 0 && password.matches(decoded.substring(colon + 1));
            if (userOk & passwordOk) {
                return;
            }
            throw HttpProblem.unauthorized("invalid user or password");
        }
        throw HttpProblem.unauthorized("credentials required: header X-API-Key or HTTP basic");
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
