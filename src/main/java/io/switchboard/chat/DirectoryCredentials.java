package io.switchboard.chat;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.switchboard.acrobits.DirectoryStore;
import io.switchboard.acrobits.DirectoryUser;
import io.switchboard.acrobits.LoginThrottle;
import io.switchboard.acrobits.PasswordHasher;
import io.switchboard.ops.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a chat user's directory credentials: the same users, logins (cloud username, then username)
 * and PBKDF2 hashes as the Acrobits sign-in, with the same throttle rules. Unknown users cost one dummy hash.
 */
public class DirectoryCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCredentials.class);
    // a login goes into log lines only when it cannot forge one (no spaces, quotes, line breaks)
    private static final Pattern LOGGABLE = Pattern.compile("[A-Za-z0-9._@:+-]{1,200}");

    private final DirectoryStore directory;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    public DirectoryCredentials(DirectoryStore directory, PasswordHasher hasher, LoginThrottle throttle) {
        this.directory = directory;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    /** The signed-in user's directory username, or 401 / 429. Never logs the password. */
    public String authenticate(String login, String password, String remoteAddress) {
        String loggable = LOGGABLE.matcher(login).matches() ? login : "<unprintable>";
        String userKey = "chat-user:" + login.toLowerCase(Locale.ROOT);
        String ipKey = "chat-ip:" + remoteAddress;
        // the attempt counts before the hash runs (LoginThrottle): concurrent guesses cannot overrun the limit
        LoginThrottle.Reservation reservation = throttle.isBlocked(userKey, ipKey) ? null
                : throttle.reserve(userKey, ipKey).orElse(null);
        if (reservation == null) {
            LOG.warn("event=chat-sign-in-refused reason=throttled login={} remote={}", loggable, remoteAddress);
            throw new HttpProblem(429, "too_many_attempts", "too many failed sign-ins; try again later");
        }
        Optional<DirectoryUser> user = directory.findActiveByLogin(login);
        boolean valid = user.isPresent() ? hasher.verify(password, user.get().passwordHash()) : hasher.verifyDummy(password);
        if (!valid) {
            LOG.warn("event=chat-sign-in-refused reason=bad-credentials login={} remote={}", loggable, remoteAddress);
            throw HttpProblem.unauthorized("invalid username or password");
        }
        throttle.succeeded(reservation, userKey);
        return user.get().username();
    }
}
