package io.switchboard.ion;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.HubProperties;

/** The IMS endpoint's settings from hub.ims.* (see application.properties). */
public record ImsSettings(String contextPath, long maxMessageBytes, boolean hasDiscovery, List<String> documents) {

    public static ImsSettings from(HubProperties props) {
        String path = props.get("hub.ims.context-path");
        path = "/" + path.replaceAll("^/+|/+$", "");
        return new ImsSettings(path, props.longValue("hub.ims.max-message-bytes"), props.bool("hub.ims.has-discovery"),
                List.copyOf(list(props.get("hub.ims.discovery.documents"))));
    }

    static Set<String> list(String commaSeparated) {
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
        return values;
    }
}
