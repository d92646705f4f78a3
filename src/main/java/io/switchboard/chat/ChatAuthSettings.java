package io.switchboard.chat;

import java.util.List;

import io.switchboard.HubProperties;

/** The hub.chat.auth.* configuration: how app users sign in to chat (docs/chat-api.md "Sign-in"). */
public record ChatAuthSettings(boolean directoryCredentials, String jwksUrl, String issuer, List<String> audiences,
        String userClaim, List<String> algorithms, int clockSkewSeconds, int jwksTimeoutMillis,
        boolean serviceMayImpersonate, String apiUser) {

    public static ChatAuthSettings from(HubProperties props) {
        return new ChatAuthSettings(props.bool("hub.chat.auth.directory-credentials"),
                props.get("hub.chat.auth.jwt.jwks-url"), props.get("hub.chat.auth.jwt.issuer"),
                list(props.get("hub.chat.auth.jwt.audience")), props.get("hub.chat.auth.jwt.user-claim"),
                list(props.get("hub.chat.auth.jwt.algorithms")), props.integer("hub.chat.auth.jwt.clock-skew-seconds"),
                props.integer("hub.chat.auth.jwt.jwks-timeout"), props.bool("hub.chat.auth.service-may-impersonate"),
                props.get("hub.api.user"));
    }

    /** IdP tokens are accepted only with a JWKS URL, an issuer and an audience: never half-checked. */
    public boolean jwtEnabled() {
        return !jwksUrl.isBlank() && !issuer.isBlank() && !audiences.isEmpty();
    }

    /** Why IdP sign-in is off, for the start-up line; null when it is on or deliberately unconfigured. */
    public String jwtIncomplete() {
        boolean any = !jwksUrl.isBlank() || !issuer.isBlank() || !audiences.isEmpty();
        return any && !jwtEnabled() ? "hub.chat.auth.jwt.jwks-url, issuer and audience must all be set" : null;
    }

    private static List<String> list(String csv) {
        return csv.isBlank() ? List.of() : List.of(csv.trim().split("\\s*,\\s*"));
    }
}
