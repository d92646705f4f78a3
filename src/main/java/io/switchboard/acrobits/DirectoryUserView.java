package io.switchboard.acrobits;

import java.util.List;

/** A user as the admin API shows it: never the password hash or the SIP password, only whether they are set. */
public record DirectoryUserView(String username, String cloudUsername, String networkId, String displayName,
                                String firstName, String lastName, String email, String avatar, String largeAvatar,
                                String sipUsername, boolean hasSipPassword, boolean hasPassword, boolean active,
                                String updatedAt, List<DirectoryPhone> phones, List<SmsNumber> smsNumbers) {

    public static DirectoryUserView of(DirectoryUser u) {
        return new DirectoryUserView(u.username(), u.cloudUsername(), u.networkId(), u.displayName(), u.firstName(),
                u.lastName(), u.email(), u.avatarUrl(), u.largeAvatarUrl(), u.sipUsername(),
                u.sipPassword().isPresent(), u.passwordHash() != null, u.active(),
                u.updatedAt() == null ? null : u.updatedAt().toString(), u.phones(),
                u.smsNumbers());
    }
}
