package io.switchboard.chat;

/** hub.i2a.url or hub.i2a.app-secret is not set: nothing can reach I2A. */
public class ChatDisabled extends RuntimeException {

    public ChatDisabled() {
        super("chat disabled: hub.i2a.url and hub.i2a.app-secret are not both set");
    }
}
