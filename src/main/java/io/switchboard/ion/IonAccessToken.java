package io.switchboard.ion;

import java.time.Instant;

import io.switchboard.Secret;

/** An OAuth2 bearer token and the moment the hub replaces it (before ION's expiry). */
public record IonAccessToken(Secret value, Instant refreshAt) {

    public boolean isFresh(Instant now) {
        return now.isBefore(refreshAt);
    }
}
