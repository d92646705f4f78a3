package io.switchboard.ion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer on loopback, as the API Gateway's OAuth 2.0 / JWT target authentication would use: it publishes
 * its public keys as a JWKS at /jwks.json, signs JWTs with its current key, and can rotate keys.
 */
public final class FakeJwks implements AutoCloseable {

    public static final String ISSUER = "https://mingle-sso.example.com/ACME_TST";
    public static final String AUDIENCE = "switchboard-ims";

    private final HttpServer server;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile RSAKey current;

    private FakeJwks(HttpServer server) {
        this.server = server;
    }

    public static FakeJwks start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            FakeJwks jwks = new FakeJwks(server);
            jwks.rotate(false);
            server.createContext("/jwks.json", exchange -> {
                try (exchange) {
                    jwks.fetches.incrementAndGet();
                    byte[] body = jwks.publicJwks().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A new signing key; keepOld = the previous public key stays published (a graceful rotation). */
    public RSAKey rotate(boolean keepOld) {
        RSAKey key = newKey();
        if (!keepOld) {
            published.clear();
        }
        published.add(key);
        current = key;
        return key;
    }

    public RSAKey currentKey() {
        return current;
    }

    public int fetches() {
        return fetches.get();
    }

    public String publicJwks() {
        return new JWKSet(published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                .toString();
    }

    /** A token as the gateway forwards it: right issuer and audience, valid for five minutes. */
    public String token() {
        return sign(current, claims(ISSUER, AUDIENCE, Instant.now().plusSeconds(300)));
    }

    public static JWTClaimsSet claims(String issuer, String audience, Instant expiry) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                .subject("ion-api-gateway").issueTime(new Date()).jwtID(UUID.randomUUID().toString());
        if (expiry != null) {
            claims.expirationTime(Date.from(expiry));
        }
        return claims.build();
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
