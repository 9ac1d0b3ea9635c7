package io.wxrelay.cli.main;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;
import javax.management.ObjectInstance;
import javax.management.ObjectName;

/**
 * The CLI's JMX MBean server (decision 0041): one that keeps nothing. The Kafka clients register
 * their app-info and metrics MBeans in the platform MBean server whatever their settings, which
 * makes the JDK create it and register every platform MXBean there: a third of a {@code send}
 * command's Kafka start-up, for MBeans that nobody reads in a process that lives one command. The
 * JDK still creates and introspects the platform MXBeans; the registrations' own work is what this
 * server skips (about 35 ms). {@code ./wxrelay} names this builder in {@code
 * javax.management.builder.initial}. A registration succeeds and is forgotten, a query finds
 * nothing, an MBean asked for by name is not found.
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
                  case "getMBeanCount" -> 0;
                  case "getDefaultDomain" ->
                      defaultDomain == null ? "DefaultDomain" : defaultDomain;
                  case "getDomains" -> new String[0];
                  case "queryNames", "queryMBeans" -> Set.of();
                  case "hashCode" -> System.identityHashCode(server);
                  case "equals" -> server == args[0];
                  case "toString" -> "UnkeptMBeans";
                  case "unregisterMBean" -> null; // what is not kept is gone already
                  default -> notKept(method, args);
                });
  }

  /** A yes-or-no question is answered no; anything asked of a named MBean finds none. */
  private static Object notKept(Method method, Object[] args) throws InstanceNotFoundException {
    if (method.getReturnType() == boolean.class) {
      return false; // isRegistered, isInstanceOf
    }
    if (args != null && args.length > 0 && args[0] instanceof ObjectName name) {
      throw new InstanceNotFoundException(name.toString());
    }
    return null;
  }
}
