package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import io.switchboard.TwoHubs;
import org.junit.jupiter.api.Test;

/** Every instance on one database writes which route table it runs; a graceful stop removes its row. */
class HubInstancesTest {

    @Test
    void eachInstanceShowsItsRouteTableVersionAndLeavesOnStop() {
        try (TwoHubs hubs = TwoHubs.onPostgres(Map.of("hub.instance.heartbeat-interval", "200"))) {
            HubInstances instances = hubs.first.bean("hubInstances", HubInstances.class);
            HubInstance first = hubs.first.bean(HubInstance.BEAN, HubInstance.class);
            HubInstance second = hubs.second.bean(HubInstance.BEAN, HubInstance.class);
            await().until(() -> instances.all().size() == 2);
            assertThat(instances.all()).extracting(HubInstances.Row::instanceId)
                    .containsExactlyInAnyOrder(first.id(), second.id());
            String version = hubs.first.bean("hubInstances", HubInstances.class).all().get(0).routeTableVersion();
            assertThat(instances.all()).allSatisfy(r -> {
                assertThat(r.routeTableVersion()).as("same routes/ on both").isEqualTo(version).hasSize(12);
                assertThat(r.yamlRoutes()).isPositive();
            });
            hubs.second.close();
            assertThat(instances.all()).extracting(HubInstances.Row::instanceId).containsExactly(first.id());
        }
    }
}
