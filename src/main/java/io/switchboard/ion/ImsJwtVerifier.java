package io.switchboard.ion;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchboard.HubProperties;
import io.switchboard.ops.HttpProblem;

/**
 * Target endpoint security "OAuth 2.0" / "JWT Target Authentication" of the API Gateway: the Authorization bearer
 * token is a JWT whose signature (keys from a JWKS URL, or a JWK/JWKS file such as the gateway's downloaded public
 * key), issuer, audience and expiry are checked with nimbus-jose-jwt. Rotation: an unknown key id re-reads the
 * JWKS (URL: at most once per refresh interval; file: when its modification time changes).
 */
public class ImsJwtVerifier {

    /** The settings of hub.ims.auth.jwt.*; jwksUrl or jwksFile, issuer and audience are all required. */
    public record Settings(String jwksUrl, String jwksFile, String issuer, String audience, List<String> algorithms,
            Duration clockSkew, Duration cacheTtl, Duration refreshMinInterval) {

        public static Settings from(HubProperties props) {
            return new Settings(props.get("hub.ims.auth.jwt.jwks-url").trim(), props.get("hub.ims.auth.jwt.jwks-file").trim(),
                    props.get("hub.ims.auth.jwt.issuer").trim(), props.get("hub.ims.auth.jwt.audience").trim(),
                    List.copyOf(ImsSettings.list(props.get("hub.ims.auth.jwt.algorithms"))),
                    Duration.ofSeconds(props.longValue("hub.ims.auth.jwt.clock-skew")),
                    Duration.ofMillis(props.longValue("hub.ims.auth.jwt.jwks-cache-ttl")),
                    Duration.ofMillis(props.longValue("hub.ims.auth.jwt.jwks-refresh-min-interval")));
        }

        boolean complete() {
            return (!jwksUrl.isBlank() || !jwksFile.isBlank()) && !issuer.isBlank() && !audience.isBlank();
        }
    }

    private final Settings settings;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public ImsJwtVerifier(Settings settings) {
        this.settings = settings;
        if (!settings.complete()) {
            this.processor = null;
            return;
        }
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        settings.algorithms().forEach(a -> algorithms.add(JWSAlgorithm.parse(a)));
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keySource(settings)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "iss", "aud"));
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    public boolean configured() {
        return processor != null;
    }

    /** Throws 401 for a missing/invalid token, 503 when the JWKS URL cannot be read (ION retries later). */
    public void verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HttpProblem.unauthorized("bearer token required");
        }
        try {
            processor.process(authorization.substring(7).trim(), null);
        } catch (RemoteKeySourceException e) {
            throw new HttpProblem(503, "auth_unavailable", "the JWKS at hub.ims.auth.jwt.jwks-url cannot be read");
        } catch (ParseException e) {
            throw HttpProblem.unauthorized("bearer token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            // a fixed reason: the library's message quotes claim values from the request
            throw HttpProblem.unauthorized("bearer token refused: " + reason(e.getMessage()));
        }
    }

    static String reason(String message) {
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("expired")) {
            return "expired";
        }
        if (m.contains("audience") || m.contains("aud")) {
            return "wrong audience";
        }
        if (m.contains("iss")) {
            return "wrong issuer";
        }
        if (m.contains("signed jwt rejected") || m.contains("signature") || m.contains("key")) {
            return "signature not verified by a configured key";
        }
        return "invalid";
    }

    private static JWKSource<SecurityContext> keySource(Settings settings) {
        if (!settings.jwksUrl().isBlank()) {
            try {
                JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(
                                URI.create(settings.jwksUrl()).toURL(), new DefaultResourceRetriever(2000, 2000, 256 * 1024))
                        .cache(settings.cacheTtl().toMillis(), 2000);
                long interval = settings.refreshMinInterval().toMillis();
                // an unknown key id re-reads the JWKS, but not more often than this (tokens with made-up kids are cheap)
                return (interval > 0 ? builder.rateLimited(interval) : builder.rateLimited(false)).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("hub.ims.auth.jwt.jwks-url is not a URL: " + e.getMessage());
            }
        }
        return new FileKeys(Path.of(settings.jwksFile()));
    }

    /** A JWK or JWK set in a file, read again when the file changes (the operator drops in a rotated key). */
    static final class FileKeys implements JWKSource<SecurityContext> {

        private final Path file;
        private FileTime loadedAt;
        private JWKSet keys = new JWKSet();

        FileKeys(Path file) {
            this.file = file;
        }

        @Override
        public synchronized List<JWK> get(com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext context) {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (!modified.equals(loadedAt)) {
                    String json = Files.readString(file);
                    keys = json.contains("\"keys\"") ? JWKSet.parse(json) : new JWKSet(JWK.parse(json));
                    loadedAt = modified;
                }
            } catch (IOException | ParseException e) {
                // keep the keys read before; with none, every token is refused (401)
            }
            return selector.select(keys);
        }
    }
}
