package io.switchboard.chat;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

/**
 * Validates bearer JWTs from the customer's identity provider with nimbus-jose-jwt: signature by a
 * key of the configured JWKS (fetched and cached by the library), an allowed algorithm, exact issuer,
 * one of the audiences, exp/nbf with the configured clock skew. Answers the user claim.
 */
public class IdpTokens {

    /** The token is not acceptable (signature, algorithm, issuer, audience, time, claim). */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** The JWKS could not be fetched: the IdP, not the caller, is at fault. */
    public static class KeysUnavailable extends RuntimeException {
        public KeysUnavailable(String message) {
            super(message);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String userClaim;

    public IdpTokens(ChatAuthSettings settings) {
        this.userClaim = settings.userClaim();
        URL jwks;
        try {
            jwks = URI.create(settings.jwksUrl()).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("hub.chat.auth.jwt.jwks-url is not a URL: " + settings.jwksUrl());
        }
        int timeout = settings.jwksTimeoutMillis();
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(jwks, new DefaultResourceRetriever(timeout, timeout, 512 * 1024))
                .build();
        Set<JWSAlgorithm> algorithms = settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(settings.audiences()), new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("exp", userClaim), null);
        claims.setMaxClockSkew(settings.clockSkewSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The username the token names in the user claim; Refused or KeysUnavailable otherwise. */
    public String userOf(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            String user = claims.getStringClaim(userClaim);
            if (user == null || user.isBlank()) {
                throw new Refused("the token's " + userClaim + " claim is empty");
            }
            return user;
        } catch (KeySourceException e) {
            throw new KeysUnavailable("the identity provider's keys (JWKS) cannot be fetched");
        } catch (ParseException e) {
            throw new Refused("the bearer token is not a JWT");
        } catch (ExpiredJWTException e) {
            throw new Refused("the token has expired");
        } catch (BadJWSException e) {
            throw new Refused("the token's signature or algorithm is not accepted");
        } catch (BadJOSEException e) {
            // nimbus's own messages can quote claim values from the token: answer the category only
            throw new Refused("the token's issuer, audience, lifetime or " + userClaim + " claim is not accepted");
        } catch (JOSEException e) {
            throw new Refused("the token cannot be verified");
        }
    }
}
