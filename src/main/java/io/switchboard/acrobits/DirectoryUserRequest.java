package io.switchboard.acrobits;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.Secret;
import io.switchboard.ops.HttpProblem;

/**
 * A user as the admin API receives it. password and sipPassword come in clear over TLS; the password
 * is stored only as a hash; both are kept when omitted on update. phones/smsNumbers null = keep.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DirectoryUserRequest(String username, String cloudUsername, String networkId, String displayName,
                                   String firstName, String lastName, String email, String avatar,
                                   String largeAvatar, String sipUsername, String sipPassword, String password,
                                   Boolean active, List<Phone> phones, List<Sms> smsNumbers) {

    static final int MIN_PASSWORD_LENGTH = 8;

    /** A phone; verified defaults to true (an admin entered it). */
    public record Phone(String label, String number, Boolean verified) {
    }

    /** An SMS number; carrier defaults to hub.acrobits.sms-carrier. */
    public record Sms(String carrier, String number) {
    }

    public DirectoryUser toUser(String pathUsername, PasswordHasher hasher, String defaultCarrier) {
        String name = pathUsername != null ? pathUsername : username;
        if (name == null || name.isBlank() || name.length() > 200) {
            throw HttpProblem.badRequest("invalid_user", "username required (at most 200 characters)");
        }
        if (pathUsername != null && username != null && !username.equals(pathUsername)) {
            throw HttpProblem.badRequest("invalid_user", "username in the body differs from the path");
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw HttpProblem.badRequest("weak_password", "password must have at least " + MIN_PASSWORD_LENGTH
                    + " characters");
        }
        List<DirectoryPhone> phoneList = phones == null ? null : phones.stream().map(p -> {
            if (p == null || p.number() == null || p.number().isBlank()) {
                throw HttpProblem.badRequest("invalid_user", "every phone needs a number");
            }
            return new DirectoryPhone(p.label() == null ? "work" : p.label(), p.number(),
                    p.verified() == null || p.verified());
        }).toList();
        List<SmsNumber> smsList = smsNumbers == null ? null : smsNumbers.stream().map(s -> {
            String carrier = s == null || s.carrier() == null || s.carrier().isBlank() ? defaultCarrier : s.carrier();
            if (s == null || s.number() == null || s.number().isBlank() || carrier.isBlank()) {
                throw HttpProblem.badRequest("invalid_user", "every SMS number needs a number and a carrier");
            }
            return new SmsNumber(carrier, s.number());
        }).toList();
        return new DirectoryUser(0, name.trim(), cloudUsername, networkId, displayName, firstName, lastName, email,
                avatar, largeAvatar, sipUsername, Secret.of(sipPassword),
                password == null ? null : hasher.hash(password), active == null || active, null, phoneList, smsList);
    }
}
