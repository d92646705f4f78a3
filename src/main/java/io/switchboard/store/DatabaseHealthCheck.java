package io.switchboard.store;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the hub is ready only while its store answers. */
public class DatabaseHealthCheck extends AbstractHealthCheck {

    private final Database db;
    private final String printableUrl;

    public DatabaseHealthCheck(Database db, String printableUrl) {
        super("switchboard", "store-database");
        this.db = db;
        this.printableUrl = printableUrl;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("url", printableUrl);
        if (db.ping()) {
            builder.up();
        } else {
            builder.message("database does not answer").down();
        }
    }
}
