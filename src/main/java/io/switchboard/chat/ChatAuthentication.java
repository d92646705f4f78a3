package io.switchboard.chat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.switchboard.acrobits.RequestParameters;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every /api/chat call and records the ChatCaller:
 * - X-API-Key, or HTTP basic as hub.api.user: the back-end service (checked by the apiAuthentication bean);
 *   with header X-Chat-User it acts for that user, only when hub.chat.auth.service-may-impersonate=true;
 * - HTTP basic with a directory login: that user (hub.chat.auth.directory-credentials);
 * - Authorization: Bearer with an IdP JWT: the user its claim names (hub.chat.auth.jwt.*).
 * A user must be an active directory user: the directory decides who may chat. An unreachable JWKS
 * throws IdpTokens.KeysUnavailable (the API answers 503 idp_unavailable).
 */
public class ChatAuthentication implements Processor {

    public static final String ACT_AS_HEADER = "X-Chat-User";

    private static final Logger LOG = LoggerFactory.getLogger(ChatAuthentication.class);

    private final Processor serviceAuthentication;
    private final ChatAuthSettings settings;
    private final DirectoryCredentials directoryCredentials;
    private final IdpTokens idpTokens;
    private final DirectoryUsers directory;

    public ChatAuthentication(Processor serviceAuthentication, ChatAuthSettings settings,
                              DirectoryCredentials directoryCredentials, IdpTokens idpTokens, DirectoryUsers directory) {
        this.serviceAuthentication = serviceAuthentication;
        this.settings = settings;
        this.directoryCredentials = directoryCredentials;
        this.idpTokens = idpTokens;
        this.directory = directory;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.setProperty(ChatCaller.PROPERTY, caller(exchange));
    }

    private ChatCaller caller(Exchange exchange) throws Exception {
        var in = exchange.getIn();
        String authorization = in.getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).trim());
        }
        String[] basic = basic(authorization);
        if (in.getHeader("X-API-Key") != null || basic == null || basic[0].equals(settings.apiUser())) {
            serviceAuthentication.process(exchange);
            return actingFor(in.getHeader(ACT_AS_HEADER, String.class));
        }
        if (!settings.directoryCredentials()) {
            throw HttpProblem.unauthorized("sign-in with directory credentials is turned off; use a bearer token");
        }
        String user = directoryCredentials.authenticate(basic[0], basic[1], RequestParameters.remoteAddress(exchange));
        return activeUser(user, "directory");
    }

    private ChatCaller actingFor(String user) {
        if (user == null) {
            return ChatCaller.service();
        }
        if (!settings.serviceMayImpersonate()) {
            throw new HttpProblem(403, "impersonation_not_allowed",
                    "the service key cannot act for a user (hub.chat.auth.service-may-impersonate=false)");
        }
        return activeUser(user, "service-for-user");
    }

    private ChatCaller bearer(String token) {
        if (idpTokens == null) {
            throw HttpProblem.unauthorized("bearer tokens are not accepted: hub.chat.auth.jwt.* is not configured");
        }
        try {
            return activeUser(idpTokens.userOf(token), "idp-token");
        } catch (IdpTokens.Refused e) {
            LOG.warn("event=chat-sign-in-refused reason=bad-token detail=\"{}\"", e.getMessage());
            throw HttpProblem.unauthorized("bearer token refused: " + e.getMessage());
        }
    }

    private ChatCaller activeUser(String user, String via) {
        if (!directory.unknownAmong(List.of(user)).isEmpty()) {
            // the token or login is valid, but the directory does not (or no longer) list this user as active
            throw HttpProblem.forbidden("this user is not an active directory user");
        }
        return ChatCaller.user(user, via);
    }

    /** {user, password} from HTTP basic, or null when the header is not basic. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.unauthorized("malformed basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw HttpProblem.unauthorized("malformed basic credentials");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
