import io.wxrelay.schemas.Topic;
import java.io.FileReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Run by {@code scripts/kafka.sh start} with {@code KAFKA_SECURITY=sasl_ssl}, as the super user
 * admin: creates wxrelay's missing topics (names, partitions and retention as the services create
 * them: {@link Topic}, {@code WXRELAY_TOPIC_*}, {@code WXRELAY_TOPIC_*_PARTITIONS}) and makes the
 * ACLs of the principals gateway, worker and cli exactly those of {@link #wanted}: missing ones
 * are added, ones that no longer apply (a topic renamed since) removed. Prints what it did, never
 * a password.
 *
 * <p>{@code java -cp <broker's jars>:<schemas classes> SecureSetup.java BOOTSTRAP ADMIN_PROPERTIES}
 */
public final class SecureSetup {
  private static final List<String> PRINCIPALS = List.of("User:gateway", "User:worker", "User:cli");

  private SecureSetup() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Properties props = new Properties();
    try (Reader reader = new FileReader(args[1])) {
      props.load(reader);
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    try (Admin admin = Admin.create(props)) {
      createTopics(admin, env);
      applyAcls(admin, wanted(env));
    }
  }

  /**
   * Least privilege, from what each service does: the gateway only publishes events; a worker
   * consumes commands, their retries and events in its two groups, and publishes results, retries
   * and dead letters; the CLI (an operator) writes commands (send, dlq replay) and reads every
   * topic by assignment ({@code tail} shows any of them), in no consumer group. DESCRIBE is implied
   * by READ and WRITE; it is listed so the table reads whole (a service's startup describes its
   * topics). No IdempotentWrite on the cluster: since Kafka 3.0 (KIP-679) WRITE on a topic lets an
   * idempotent producer start.
   */
  static Set<AclBinding> wanted(Map<String, String> env) {
    String commands = Topic.COMMANDS.nameIn(env);
    String retry = Topic.COMMANDS_RETRY.nameIn(env);
    String dlq = Topic.COMMANDS_DLQ.nameIn(env);
    String events = Topic.EVENTS.nameIn(env);
    String results = Topic.RESULTS.nameIn(env);
    List<String> all = List.of(commands, retry, dlq, events, results);
    Set<AclBinding> acls = new LinkedHashSet<>();
    topics(acls, "User:gateway", AclOperation.WRITE, List.of(events));
    topics(acls, "User:gateway", AclOperation.DESCRIBE, List.of(events));
    topics(acls, "User:worker", AclOperation.READ, List.of(commands, retry, events));
    topics(acls, "User:worker", AclOperation.WRITE, List.of(results, retry, dlq));
    topics(acls, "User:worker", AclOperation.DESCRIBE, all);
    for (String group :
        Set.of(
            env.getOrDefault("WORKER_GROUP_ID", "wxrelay-send-worker"),
            env.getOrDefault("WORKER_EVENTS_GROUP_ID", "wxrelay-send-worker-events"))) {
      acls.add(allow("User:worker", AclOperation.READ, ResourceType.GROUP, group));
    }
    topics(acls, "User:cli", AclOperation.WRITE, List.of(commands));
    topics(acls, "User:cli", AclOperation.READ, all);
    topics(acls, "User:cli", AclOperation.DESCRIBE, all);
    return acls;
  }

  private static void topics(
      Set<AclBinding> acls, String principal, AclOperation operation, Collection<String> topics) {
    topics.forEach(t -> acls.add(allow(principal, operation, ResourceType.TOPIC, t)));
  }

  private static AclBinding allow(
      String principal, AclOperation operation, ResourceType type, String name) {
    return new AclBinding(
        new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  private static void createTopics(Admin admin, Map<String, String> env) throws Exception {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (Topic topic : Topic.values()) {
      String name = topic.nameIn(env);
      if (!existing.contains(name)) {
        String partitions = env.get(topic.envVar() + "_PARTITIONS");
        int count =
            partitions == null || partitions.isBlank()
                ? topic.defaultPartitions()
                : Integer.parseInt(partitions.trim());
        missing.add(
            new NewTopic(name, Optional.of(count), Optional.empty())
                .configs(Map.of("retention.ms", Long.toString(topic.retention().toMillis()))));
      }
    }
    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    missing.forEach(
        t -> System.out.printf("created topic %s (%d partitions)%n", t.name(), t.numPartitions()));
  }

  private static void applyAcls(Admin admin, Set<AclBinding> wanted) throws Exception {
    Set<AclBinding> present = new HashSet<>();
    for (String principal : PRINCIPALS) {
      AclBindingFilter filter =
          new AclBindingFilter(
              ResourcePatternFilter.ANY,
              new AccessControlEntryFilter(
                  principal, null, AclOperation.ANY, AclPermissionType.ANY));
      present.addAll(admin.describeAcls(filter).values().get(30, TimeUnit.SECONDS));
    }
    List<AclBindingFilter> stale =
        present.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
    if (!stale.isEmpty()) {
      admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
    }
    List<AclBinding> missing = wanted.stream().filter(b -> !present.contains(b)).toList();
    if (!missing.isEmpty()) {
      admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
    }
    awaitApplied(admin, wanted);
    System.out.printf(
        "ACLs: %d for gateway, worker and cli (%d added, %d removed)%n",
        wanted.size(), missing.size(), stale.size());
    for (AclBinding b : wanted) {
      System.out.printf(
          "  %-13s %-8s %-5s %s%n",
          b.entry().principal(),
          b.entry().operation(),
          b.pattern().resourceType(),
          b.pattern().name());
    }
  }

  /**
   * Waits until the broker answers with every wanted ACL: the controller commits them first, and a
   * client served in between would be refused what it is allowed.
   */
  private static void awaitApplied(Admin admin, Set<AclBinding> wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)
        .containsAll(wanted)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the broker did not apply the ACLs within 30 s");
      }
      Thread.sleep(100);
    }
  }
}
