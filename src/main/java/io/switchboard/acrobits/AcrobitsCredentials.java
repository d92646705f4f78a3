package io.switchboard.acrobits;

import io.switchboard.Secret;

/** Who a request says it is: login name, password (masked), the app's Cloud ID and the caller's address. */
public record AcrobitsCredentials(String login, Secret password, String cloudId, String remoteAddress) {
}
