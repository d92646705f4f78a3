package io.switchboard.ion;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import io.switchboard.HubProperties;
import io.switchboard.Secret;
import io.switchboard.ops.HttpProblem;

/**
 * Checks the API Gateway's "target endpoint security" on every IMS call (hub.ims.auth.mode:
 * basic | header (API Key) | jwt (OAuth 2.0 / JWT bearer, verified) | bearer (one fixed token) | none) and the
 * tenant allow-list (hub.ims.tenants). Secrets are compared in constant time.
 * Missing/wrong credentials = 401; a tenant not in the list = 403 (authenticated, not ours).
 */
public class ImsAuthentication {

    public static final String TENANT_HEADER = "X-TenantId";

    private final String mode;
    private final Secret user;
    private final Secret password;
    private final Secret token;
    private final String headerName;
    private final Secret headerValue;
    private final Set<String> tenants;
    private final ImsJwtVerifier jwt;

    public ImsAuthentication(String mode, Secret user, Secret password, Secret token, String headerName,
            Secret headerValue, Set<String> tenants) {
        this(mode, user, password, token, headerName, headerValue, tenants, null);
    }

    public ImsAuthentication(String mode, Secret user, Secret password, Secret token, String headerName,
            Secret headerValue, Set<String> tenants, ImsJwtVerifier jwt) {
        this.mode = mode.toLowerCase(Locale.ROOT);
        this.user = user;
        this.password = password;
        this.token = token;
        this.headerName = headerName;
        this.headerValue = headerValue;
        this.tenants = tenants;
        this.jwt = jwt;
        if (!Set.of("basic", "bearer", "header", "jwt", "none").contains(this.mode)) {
            throw new IllegalArgumentException("hub.ims.auth.mode must be basic, header, jwt, bearer or none, was "
                    + mode);
        }
    }

    public static ImsAuthentication from(HubProperties props) {
        return new ImsAuthentication(props.get("hub.ims.auth.mode"), props.secret("hub.ims.auth.user"),
                props.secret("hub.ims.auth.password"), props.secret("hub.ims.auth.token"),
                props.get("hub.ims.auth.header-name"), props.secret("hub.ims.auth.header-value"),
                ImsSettings.list(props.get("hub.ims.tenants")),
                "jwt".equalsIgnoreCase(props.get("hub.ims.auth.mode").trim())
                        ? new ImsJwtVerifier(ImsJwtVerifier.Settings.from(props)) : null);
    }

    public String mode() {
        return mode;
    }

    /** True when the mode has what it needs; otherwise every call is refused (closed, never open by accident). */
    public boolean configured() {
        return switch (mode) {
            case "basic" -> user.isPresent() && password.isPresent();
            case "bearer" -> token.isPresent();
            case "header" -> !headerName.isBlank() && headerValue.isPresent();
            case "jwt" -> jwt != null && jwt.configured();
            default -> true;
        };
    }

    /** The properties the configured mode needs, for the message of a closed endpoint. */
    String requiredKeys() {
        return switch (mode) {
            case "basic" -> "hub.ims.auth.user and hub.ims.auth.password";
            case "bearer" -> "hub.ims.auth.token";
            case "header" -> "hub.ims.auth.header-name and hub.ims.auth.header-value";
            case "jwt" -> "hub.ims.auth.jwt.jwks-url (or jwks-file), hub.ims.auth.jwt.issuer and"
                    + " hub.ims.auth.jwt.audience";
            default -> "nothing";
        };
    }

    /** Throws 401 unless the request carries the configured credentials. */
    public void authenticate(String authorization, String sharedHeader) {
        if (!configured()) {
            throw HttpProblem.unauthorized("IMS endpoint is closed: auth mode " + mode + " needs " + requiredKeys());
        }
        switch (mode) {
            case "basic" -> basic(authorization);
            case "bearer" -> {
                if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        || !token.matches(authorization.substring(7).trim())) {
                    throw HttpProblem.unauthorized("bearer token missing or invalid");
                }
            }
            case "header" -> {
                if (!headerValue.matches(sharedHeader)) {
                    throw HttpProblem.unauthorized("header " + headerName + " missing or invalid");
                }
            }
            case "jwt" -> jwt.verify(authorization);
            default -> {
            }
        }
    }

    /** The header read for mode=header. */
    public String headerName() {
        return headerName;
    }

    /** Throws 403 when an allow-list is configured and the tenant is missing or not on it. */
    public void checkTenant(String tenant) {
        if (!tenants.isEmpty() && (tenant == null || !tenants.contains(tenant.trim()))) {
            throw new HttpProblem(403, "tenant_not_allowed",
                    "X-TenantId " + (tenant == null ? "missing" : "'" + tenant + "' is not served by this hub"));
        }
    }

    private void basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw HttpProblem.unauthorized("HTTP basic credentials required");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        // evaluate both so timing does not tell which one failed
        boolean userOk = colon > 0 && user.matches(decoded.substring(0, colon));
        boolean passwordOk = colon > 0 && password.matches(decoded.substring(colon + 1));
        if (!(userOk & passwordOk)) {
            throw HttpProblem.unauthorized("invalid user or password");
        }
    }
}
