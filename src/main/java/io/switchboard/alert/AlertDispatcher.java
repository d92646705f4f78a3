package io.switchboard.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each poll: which queued alerts go out now. Nothing while a quota pause lasts; a summary right after it. */
public class AlertDispatcher {

    public static final String SUMMARY_KEY = "pushover.quota-summary";

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final AlertStore store;
    private final PushoverQuota quota;
    private final PushoverSettings settings;
    private final Clock clock;
    private final ZoneId zone;

    public AlertDispatcher(AlertStore store, PushoverQuota quota, PushoverSettings settings, Clock clock, ZoneId zone) {
        this.store = store;
        this.quota = quota;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    public List<QueuedAlert> claimDue() {
        Instant now = clock.instant();
        if (!settings.enabled()) {
            return store.claimDue(now, settings.batchSize(), settings.lease());
        }
        List<QueuedAlert> claimed = store.claimUnlessPaused(PushoverQuota.PEER, now, settings.batchSize(),
                settings.lease(), settings.summaryThreshold(), this::summary);
        claimed.stream().filter(a -> SUMMARY_KEY.equals(a.dedupKey())).findFirst().ifPresent(s ->
                LOG.info("event=alert-summary-queued alertId={} reason=quota-pause-ended", s.id()));
        return claimed;
    }

    /** One alert that lists what waited during the quota pause, highest priority of them. */
    Alert summary(List<QueuedAlert> held) {
        int occurrences = held.stream().mapToInt(QueuedAlert::occurrences).sum();
        Instant since = held.stream().map(QueuedAlert::firstAt).min(Instant::compareTo).orElse(clock.instant());
        StringBuilder text = new StringBuilder()
                .append(held.size()).append(" alerts (").append(occurrences).append(" events since ")
                .append(HH_MM.format(since.atZone(zone))).append(") waited for the Pushover quota:");
        for (QueuedAlert a : held) {
            text.append('\n').append("- ").append(a.title() != null ? a.title() : a.message());
            if (a.occurrences() > 1) {
                text.append(" (\u00d7").append(a.occurrences()).append(')');
            }
            if (text.length() > PushoverLimits.MESSAGE) {
                break;
            }
        }
        int priority = held.stream().mapToInt(QueuedAlert::priority).max().orElse(0);
        return new Alert(SUMMARY_KEY, "Switchboard: " + held.size() + " alerts held by the Pushover quota",
                PushoverLimits.truncate(text.toString(), PushoverLimits.MESSAGE), priority, null, null, null, null);
    }
}
