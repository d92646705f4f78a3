package io.switchboard.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.switchboard.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub_instance table: every instance on the database writes which route table it runs and when it
 * was last alive, so operators see a rolling change half done (two versions) or an instance gone.
 */
public class HubInstances {

    private static final Logger LOG = LoggerFactory.getLogger(HubInstances.class);

    /** One row of hub_instance. */
    public record Row(String instanceId, String host, String routeTableVersion, int yamlRoutes, Instant startedAt,
            Instant seenAt) {
    }

    private final Database db;
    private final HubInstance self;
    private final RouteTableVersion routeTable;
    private final Clock clock;
    private final Instant startedAt;

    public HubInstances(Database db, HubInstance self, RouteTableVersion routeTable, Clock clock) {
        this.db = db;
        this.self = self;
        this.routeTable = routeTable;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Writes this instance's row: the route table it runs now and the time. */
    public void heartbeat() {
        RouteTableVersion.Version version = routeTable.current();
        Instant now = clock.instant();
        int updated = db.update("UPDATE hub_instance SET route_table_version = ?, yaml_routes = ?, seen_at = ?"
                + " WHERE instance_id = ?", version.hash(), version.yamlRoutes(), now, self.id());
        if (updated == 0) {
            db.update("INSERT INTO hub_instance (instance_id, host, route_table_version, yaml_routes, started_at,"
                    + " seen_at) VALUES (?,?,?,?,?,?)", self.id(), self.host(), version.hash(), version.yamlRoutes(),
                    startedAt, now);
        }
    }

    /**
     * A graceful stop, after the routes finished their in-flight work: outbox keys still leased by this
     * instance (outbox_lease) and its peer slots are given back, so another instance takes them at once instead
     * of after the lease; the row goes. A crashed instance's row stays with an old seen_at.
     */
    public void leave() {
        int released = db.update("DELETE FROM outbox_lease WHERE claimed_by = ?", self.id());
        db.update("UPDATE peer_slot SET holder = NULL, held_until = NULL WHERE holder = ?", self.id());
        db.update("DELETE FROM hub_instance WHERE instance_id = ?", self.id());
        LOG.info("event=hub-instance-left instance={} outboxClaimsReleased={}", self.id(), released);
    }

    public List<Row> all() {
        return db.query("SELECT instance_id, host, route_table_version, yaml_routes, started_at, seen_at"
                + " FROM hub_instance ORDER BY instance_id", rs -> new Row(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getInt(4), Database.instant(rs, "started_at"), Database.instant(rs, "seen_at")));
    }
}
