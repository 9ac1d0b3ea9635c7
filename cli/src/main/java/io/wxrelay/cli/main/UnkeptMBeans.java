package io.wxrelay.cli.main;

import java.lang.reflect.Proxy;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;
import javax.management.ObjectInstance;
import javax.management.ObjectName;

/**
 * The CLI's JMX MBean server (decision 0041): one that keeps nothing. The Kafka clients register
 * their app-info and metrics MBeans in the platform MBean server whatever their settings, and the
 * JDK's server then introspects every platform MXBean by reflection: about a third of a {@code
 * send} command's Kafka start-up, for MBeans that nobody reads in a process that lives one command.
 * {@code ./wxrelay} names this builder in {@code javax.management.builder.initial}; a registration
 * succeeds and is forgotten, a query finds nothing.
 */
public final class UnkeptMBeans extends MBeanServerBuilder {
  @Override
  public MBeanServer newMBeanServer(
      String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
    return (MBeanServer)
        Proxy.newProxyInstance(
            UnkeptMBeans.class.getClassLoader(),
            new Class<?>[] {MBeanServer.class},
            (server, method, args) ->
                switch (method.getName()) {
                  case "registerMBean" ->
                      new ObjectInstance((ObjectName) args[1], args[0].getClass().getName());
                  case "isRegistered" -> false;
                  case "getMBeanCount" -> 0;
                  case "getDefaultDomain" ->
                      defaultDomain == null ? "DefaultDomain" : defaultDomain;
                  case "getDomains" -> new String[0];
                  case "queryNames", "queryMBeans" -> Set.of();
                  case "hashCode" -> System.identityHashCode(server);
                  case "equals" -> server == args[0];
                  case "toString" -> "UnkeptMBeans";
                  default -> null;
                });
  }
}
