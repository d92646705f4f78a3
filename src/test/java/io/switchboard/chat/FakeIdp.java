package io.switchboard.chat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake customer identity provider on loopback: serves its public keys at /jwks.json (JDK HTTP
 * server) and mints RS256 tokens. Can be stopped to simulate an unreachable IdP.
 */
public final class FakeIdp implements AutoCloseable {

    public static final String ISSUER = "https://idp.example.com/";
    public static final String AUDIENCE = "switchboard-chat";

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey strangerKey;

    private FakeIdp() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    public static FakeIdp start() {
        try {
            return new FakeIdp();
        } catch (Exception e) {
            throw new IllegalStateException("fake IdP did not start", e);
        }
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A valid token for the user (sub), issuer and audience as configured, valid for five minutes. */
    public String token(String user) {
        return token(user, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), false);
    }

    /** A token with chosen claims; foreignKey = signed by a key the JWKS does not hold (same key id). */
    public String token(String user, String issuer, String audience, Instant expires, boolean foreignKey) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issuer(issuer).audience(List.of(audience))
                .issueTime(new Date()).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(foreignKey ? strangerKey : key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A token with "alg":"none", which must never be accepted. */
    public String unsignedToken(String user) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issuer(ISSUER).audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        return new PlainJWT(claims).serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
