package io.switchboard.ion;

import java.time.Instant;

/** Keeps one token per credentials and fetches a new one before it expires or after ION refused it. */
public class IonTokenCache {

    private final IonTokenClient client;
    private IonAccessToken current;

    public IonTokenCache(IonTokenClient client) {
        this.client = client;
    }

    public synchronized IonAccessToken token(IonCredentials credentials) {
        if (current == null || !current.isFresh(Instant.now())) {
            current = client.fetch(credentials);
        }
        return current;
    }

    /** Forgets the token: the next call fetches a new one (after a 401, or new credentials). */
    public synchronized void invalidate() {
        current = null;
    }
}
