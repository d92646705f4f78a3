package io.switchboard.acrobits;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2WithHmacSHA256 (JDK, no dependency) with a per-user 16-byte salt; encoded as
 * pbkdf2-sha256$iterations$salt$hash so the iteration count can grow without rehashing everyone.
 */
public class PasswordHasher {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;
    private final AtomicLong verifications = new AtomicLong();

    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("password iterations must be positive");
        }
        this.iterations = iterations;
        // unknown users are checked against this, so they cost the same time as known ones; random bytes as its
        // key (it never matches anyway) spare the start-up one PBKDF2 run (~1 s of CPU on a cold JVM)
        byte[] salt = new byte[16];
        byte[] key = new byte[KEY_BITS / 8];
        random.nextBytes(salt);
        random.nextBytes(key);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        this.dummyHash = PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] key = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** Verifies against the stored hash; a null hash (unknown user, no password set) checks the dummy and fails. */
    public boolean verify(String password, String encoded) {
        verifications.incrementAndGet();
        boolean usable = encoded != null && encoded.startsWith(PREFIX + "$");
        String[] parts = (usable ? encoded : dummyHash).split("\\$");
        if (parts.length != 4) {
            parts = dummyHash.split("\\$");
            usable = false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = derive(password == null ? "" : password, salt, rounds);
            return MessageDigest.isEqual(expected, actual) & usable;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Verifies the dummy hash: the unknown-user path does the same work as a real check. */
    public boolean verifyDummy(String password) {
        verify(password, null);
        return false;
    }

    /** How many verifications ran (observability and the timing-equality test). */
    public long verifications() {
        return verifications.get();
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 not available", e);
        } finally {
            spec.clearPassword();
        }
    }

}
