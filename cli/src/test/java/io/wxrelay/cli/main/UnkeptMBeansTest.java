package io.wxrelay.cli.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.Test;

/** The CLI's MBean server: registrations succeed and are forgotten. */
class UnkeptMBeansTest {
  /** What an MBean needs: an interface named after its class. */
  public interface ProbeMBean {
    int getValue();
  }

  @Test
  void acceptsARegistrationAndKeepsNothing() throws Exception {
    MBeanServer server = new UnkeptMBeans().newMBeanServer(null, null, new MBeanServerDelegate());
    ObjectName name = new ObjectName("kafka.producer:type=app-info,id=wxrelay-cli");

    var registered = server.registerMBean(new StandardMBean(() -> 1, ProbeMBean.class), name);

    assertThat(registered.getObjectName()).isEqualTo(name);
    assertThat(server.isRegistered(name)).isFalse();
    assertThat(server.queryNames(null, null)).isEmpty();
    assertThat(server.getMBeanCount()).isZero();
    assertThat(server.getDefaultDomain()).isEqualTo("DefaultDomain");
    assertThat(server.isInstanceOf(name, ProbeMBean.class.getName())).isFalse();
    assertThatThrownBy(() -> server.getAttribute(name, "Value"))
        .isInstanceOf(InstanceNotFoundException.class);
    server.unregisterMBean(name); // what the clients do on close: no error
  }
}
