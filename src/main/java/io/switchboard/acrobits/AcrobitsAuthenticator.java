package io.switchboard.acrobits;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.switchboard.Secret;
import io.switchboard.ops.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks Acrobits credentials against the directory: Cloud ID, optional shared secret, throttle,
 * password hash. Unknown users cost one dummy hash, so timing does not tell who exists.
 * Never logs a password; logs the login name and address of failures.
 */
public class AcrobitsAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AcrobitsAuthenticator.class);

    private final DirectoryStore directory;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final String cloudId;
    private final Secret sharedSecret;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public AcrobitsAuthenticator(DirectoryStore directory, PasswordHasher hasher, LoginThrottle throttle,
                                 String cloudId, Secret sharedSecret) {
        this.directory = directory;
        this.hasher = hasher;
        this.throttle = throttle;
        this.cloudId = cloudId;
        this.sharedSecret = sharedSecret;
    }

    /**
     * The signed-in user, or an HttpProblem: 401 bad credentials, 403 wrong Cloud ID or shared secret,
     * 429 too many failures for this login or address.
     */
    public DirectoryUser authenticate(String service, AcrobitsCredentials credentials, String secretGiven,
                                      boolean cloudIdRequired) {
        String userKey = "user:" + (credentials.login() == null ? "" : credentials.login().toLowerCase(Locale.ROOT));
        String ipKey = "ip:" + credentials.remoteAddress();
        if (throttle.isBlocked(userKey, ipKey)) {
            throw throttled(service, credentials);
        }
        if (sharedSecret.isPresent() && !sharedSecret.matches(secretGiven)) {
            throttle.recordFailure(ipKey);
            refuse(service, credentials, "shared-secret");
            throw HttpProblem.forbidden("shared secret missing or wrong");
        }
        boolean cloudIdGiven = credentials.cloudId() != null && !credentials.cloudId().isBlank();
        if (cloudIdRequired && !cloudIdGiven) {
            refuse(service, credentials, "cloud-id-missing");
            throw HttpProblem.badRequest("missing_parameter", "cloud_id is required");
        }
        if (cloudIdGiven && (cloudId.isBlank() || !cloudId.equals(stripTestMarker(credentials.cloudId())))) {
            refuse(service, credentials, "cloud-id");
            throw HttpProblem.forbidden("unknown cloud_id");
        }
        if (credentials.login() == null || credentials.login().isBlank() || !credentials.password().isPresent()) {
            refuse(service, credentials, "credentials-missing");
            throw HttpProblem.unauthorized("username and password required");
        }
        // the attempt counts before the hash runs: concurrent guesses cannot all pass the check above
        LoginThrottle.Reservation reservation = throttle.reserve(userKey, ipKey)
                .orElseThrow(() -> throttled(service, credentials));
        Optional<DirectoryUser> user = directory.findActiveByLogin(credentials.login());
        boolean valid = user.isPresent()
                ? hasher.verify(credentials.password().reveal(), user.get().passwordHash())
                : hasher.verifyDummy(credentials.password().reveal());
        if (!valid) {
            refuse(service, credentials, "bad-credentials");
            throw HttpProblem.unauthorized("invalid username or password");
        }
        throttle.succeeded(reservation, userKey);
        lastSuccess.set(Instant.now());
        LOG.info("event=acrobits-signed-in service={} login={} remote={}", service, credentials.login(),
                credentials.remoteAddress());
        return user.get();
    }

    /** Builds credentials from request parameters named by the service's convention. */
    public static AcrobitsCredentials credentials(Map<String, String> params, String loginKey, String passwordKey,
                                                  String remoteAddress) {
        return new AcrobitsCredentials(trimmed(params.get(loginKey)), Secret.of(params.get(passwordKey)),
                trimmed(params.get("cloud_id")), remoteAddress);
    }

    public String cloudId() {
        return cloudId;
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    public String lastError() {
        return lastError.get();
    }

    public int throttledKeys() {
        return throttle.trackedKeys();
    }

    // the portal addresses the editable copy of the app as CLOUDID* (Cloud Softphone provisioning docs)
    private static String stripTestMarker(String id) {
        return id.endsWith("*") ? id.substring(0, id.length() - 1) : id;
    }

    private HttpProblem throttled(String service, AcrobitsCredentials credentials) {
        refuse(service, credentials, "throttled");
        return new HttpProblem(429, "too_many_attempts", "too many failed sign-ins; try again later");
    }

    private void refuse(String service, AcrobitsCredentials credentials, String reason) {
        lastError.set(service + " refused: " + reason);
        LOG.warn("event=acrobits-refused service={} reason={} login={} remote={}", service, reason,
                credentials.login(), credentials.remoteAddress());
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
