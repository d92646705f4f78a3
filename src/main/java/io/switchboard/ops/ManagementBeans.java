package io.switchboard.ops;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.apache.camel.support.service.ServiceSupport;

/** Publishes the hub's own MBeans (domain "Switchboard") in the platform MBeanServer while Camel runs. */
public class ManagementBeans extends ServiceSupport {

    public static final String DOMAIN = "Switchboard";

    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    public ManagementBeans add(String type, Object bean) {
        beans.put(DOMAIN + ":type=" + type, bean);
        return this;
    }

    /** Publishes an implementation through its management interface (a StandardMBean). */
    public <T> ManagementBeans add(String type, T implementation, Class<T> managementInterface) {
        try {
            return add(type, new StandardMBean(implementation, managementInterface));
        } catch (NotCompliantMBeanException e) {
            throw new IllegalArgumentException(managementInterface.getName() + " is not an MBean interface", e);
        }
    }

    @Override
    protected void doStart() throws JMException {
        for (var bean : beans.entrySet()) {
            ObjectName name = new ObjectName(bean.getKey());
            // a previous hub in the same JVM (tests) may not have unregistered yet
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean.getValue(), name);
        }
    }

    @Override
    protected void doStop() throws JMException {
        for (String name : beans.keySet()) {
            ObjectName objectName = new ObjectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        }
    }
}
