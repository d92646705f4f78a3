package io.switchboard.ops;

import java.time.Clock;

import io.switchboard.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Names this instance (bean hubInstance) and keeps its hub_instance row: route table version and heartbeat. */
public final class InstanceWiring {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceWiring.class);

    private InstanceWiring() {
    }

    public static void install(CamelContext context, Database database) throws Exception {
        HubInstance self = HubInstance.create();
        HubInstances instances = new HubInstances(database, self, new RouteTableVersion(context), Clock.systemUTC());
        context.getRegistry().bind(HubInstance.BEAN, self);
        context.getRegistry().bind("hubInstances", instances);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:hub-instance-heartbeat?delay=0&period={{hub.instance.heartbeat-interval}}")
                        .routeId("hub-instance-heartbeat")
                        .doTry()
                            .bean(instances, "heartbeat")
                        .doCatch(Exception.class)
                            // the database is away: the row just ages; the next beat writes it again
                            .log(LoggingLevel.WARN, "event=hub-instance-heartbeat-failed reason=\"${exception.message}\"")
                        .end();
            }
        });
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                try {
                    instances.leave();
                } catch (RuntimeException e) {
                    LOG.warn("event=hub-instance-leave-failed instance={} reason=\"{}\"", self.id(), e.getMessage());
                }
            }
        });
        LOG.info("event=hub-instance instance={}", self.id());
    }
}
