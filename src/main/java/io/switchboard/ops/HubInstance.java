package io.switchboard.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This hub process among the instances sharing one database: the name its leases and slots carry. */
public record HubInstance(String id, String host) {

    public static final String BEAN = "hubInstance";

    public static HubInstance create() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return new HubInstance(host + "-" + UUID.randomUUID().toString().substring(0, 8), host);
    }
}
