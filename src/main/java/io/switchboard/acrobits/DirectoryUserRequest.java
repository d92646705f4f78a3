package io.switchboard.acrobits;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.Secret;
import io.switchboard.ops.FieldLimit;
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
    // the columns of directory_user / directory_phone / directory_sms_number (V1__store.sql)
    static final FieldLimit USERNAME = new FieldLimit("username", 200);
    static final FieldLimit CLOUD_USERNAME = new FieldLimit("cloudUsername", 200);
    static final FieldLimit NETWORK_ID = new FieldLimit("networkId", 200);
    static final FieldLimit DISPLAY_NAME = new FieldLimit("displayName", 300);
    static final FieldLimit FIRST_NAME = new FieldLimit("firstName", 200);
    static final FieldLimit LAST_NAME = new FieldLimit("lastName", 200);
    static final FieldLimit EMAIL = new FieldLimit("email", 300);
    static final FieldLimit AVATAR = new FieldLimit("avatar", 1000);
    static final FieldLimit LARGE_AVATAR = new FieldLimit("largeAvatar", 1000);
    static final FieldLimit SIP_USERNAME = new FieldLimit("sipUsername", 200);
    static final FieldLimit SIP_PASSWORD = new FieldLimit("sipPassword", 200);
    static final FieldLimit PHONE_LABEL = new FieldLimit("phones[].label", 50);
    static final FieldLimit PHONE_NUMBER = new FieldLimit("phones[].number", 50);
    static final FieldLimit SMS_CARRIER = new FieldLimit("smsNumbers[].carrier", 100);
    static final FieldLimit SMS_NUMBER = new FieldLimit("smsNumbers[].number", 50);

    /** A phone; verified defaults to true (an admin entered it). */
    public record Phone(String label, String number, Boolean verified) {
    }

    /** An SMS number; carrier defaults to hub.acrobits.sms-carrier. */
    public record Sms(String carrier, String number) {
    }

    public DirectoryUser toUser(String pathUsername, PasswordHasher hasher, String defaultCarrier) {
        String name = pathUsername != null ? pathUsername : username;
        if (name == null || name.isBlank()) {
            throw HttpProblem.badRequest("invalid_user", "username required (at most 200 characters)");
        }
        USERNAME.check(name);
        CLOUD_USERNAME.check(cloudUsername);
        NETWORK_ID.check(networkId);
        DISPLAY_NAME.check(displayName);
        FIRST_NAME.check(firstName);
        LAST_NAME.check(lastName);
        EMAIL.check(email);
        AVATAR.check(avatar);
        LARGE_AVATAR.check(largeAvatar);
        SIP_USERNAME.check(sipUsername);
        SIP_PASSWORD.check(sipPassword);
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
            PHONE_LABEL.check(p.label());
            PHONE_NUMBER.check(p.number());
            return new DirectoryPhone(p.label() == null ? "work" : p.label(), p.number(),
                    p.verified() == null || p.verified());
        }).toList();
        List<SmsNumber> smsList = smsNumbers == null ? null : smsNumbers.stream().map(s -> {
            String carrier = s == null || s.carrier() == null || s.carrier().isBlank() ? defaultCarrier : s.carrier();
            if (s == null || s.number() == null || s.number().isBlank() || carrier.isBlank()) {
                throw HttpProblem.badRequest("invalid_user", "every SMS number needs a number and a carrier");
            }
            SMS_CARRIER.check(carrier);
            SMS_NUMBER.check(s.number());
            return new SmsNumber(carrier, s.number());
        }).toList();
        return new DirectoryUser(0, name.trim(), cloudUsername, networkId, displayName, firstName, lastName, email,
                avatar, largeAvatar, sipUsername, Secret.of(sipPassword),
                password == null ? null : hasher.hash(password), active == null || active, null, phoneList, smsList);
    }
}
