package io.switchboard.acrobits;

import java.time.Instant;
import java.util.List;

import io.switchboard.Secret;

/**
 * One row of the user directory with its numbers. username is the ION contact id / login name;
 * cloudUsername null = not a messaging contact. passwordHash and sipPassword never leave the hub
 * except the SIP password in the user's own provisioning answer.
 */
public record DirectoryUser(long id, String username, String cloudUsername, String networkId,
                            String displayName, String firstName, String lastName, String email,
                            String avatarUrl, String largeAvatarUrl, String sipUsername, Secret sipPassword,
                            String passwordHash, boolean active, Instant updatedAt,
                            List<DirectoryPhone> phones, List<SmsNumber> smsNumbers) {

    /** The user's network; users without one belong to the app's own network (the Cloud ID). */
    public String networkOr(String defaultNetwork) {
        return networkId == null || networkId.isBlank() ? defaultNetwork : networkId;
    }

    public DirectoryUser withNumbers(List<DirectoryPhone> phones, List<SmsNumber> smsNumbers) {
        return new DirectoryUser(id, username, cloudUsername, networkId, displayName, firstName, lastName, email,
                avatarUrl, largeAvatarUrl, sipUsername, sipPassword, passwordHash, active, updatedAt,
                phones, smsNumbers);
    }
}
