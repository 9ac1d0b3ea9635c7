package io.wxrelay.cli.demo;

import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Step 3 of the demo: a broadcast to a tag (one WeChat job) and one to a list of OpenIDs (split
 * into chunks), each followed to its finish events and checked against what WeChat delivered.
 */
final class Broadcasts {
  private final String appid;
  private final String run;
  private final Simulator sim;
  private final DemoRelay relay;
  private final Narrator n;

  Broadcasts(String appid, String run, Simulator sim, DemoRelay relay, Narrator n) {
    this.appid = appid;
    this.run = run;
    this.sim = sim;
    this.relay = relay;
    this.n = n;
  }

  void toTag(int tag) {
    String id = "demo-tag-" + run;
    var data =
        new MassSendAll(
            MassSendAll.Filter.tag(tag),
            MassMessage.text("Autumn sale starts today (demo " + run + ")"),
            null);
    n.say("");
    n.say("3a. Broadcast to the followers with tag %d: wechat.mass.sendall %s ...", tag, id);
    broadcast(id, data, "broadcast to tag " + tag);
  }

  void toList(int size) {
    String id = "demo-list-" + run;
    List<String> openids = sim.followers(appid, size);
    var data =
        new MassSend(
            openids, MassMessage.text("Members' evening on Friday (demo " + run + ")"), null);
    n.say("");
    n.say(
        "3b. Broadcast to a list of %,d followers: wechat.mass.send %s (split into chunks of at most 10,000) ...",
        openids.size(), id);
    broadcast(id, data, "broadcast to " + String.format("%,d", openids.size()) + " listed");
  }

  private void broadcast(String id, CommandData data, String label) {
    var outcome = relay.send(id, data, n::progress);
    if (outcome.isEmpty()) {
      n.fail("no result for %s within %ss", id, DemoRelay.STEP_TIMEOUT.toSeconds());
      n.row(label, "no result", "wechat.results");
      return;
    }
    if (!outcome.get().succeeded()) {
      n.fail("%s did not succeed", id);
    }
    long delivered = delivered(outcome.get().result());
    n.say("   WeChat delivered it to %,d followers", delivered);
    if (outcome.get().sent() < outcome.get().total()) {
      n.say(
          "   (%,d fewer than targeted: WeChat delivers at most 4 broadcasts a month to a service"
              + " account's follower, and earlier runs used some)",
          outcome.get().total() - outcome.get().sent());
    }
    if (delivered != outcome.get().sent()) {
      n.fail(
          "WeChat's deliveries (%,d) differ from the finish events' sent count (%,d)",
          delivered, outcome.get().sent());
    }
    n.row(
        label,
        String.format(
            "%d chunk%s, sent %,d of %,d",
            outcome.get().chunks(),
            outcome.get().chunks() == 1 ? "" : "s",
            outcome.get().sent(),
            outcome.get().total()),
        "wechat.mass.finished");
    n.row("  delivered by WeChat", String.format("%,d", delivered), "simulator truth");
  }

  /** How many messages of the broadcast whose result this is WeChat delivered. */
  private long delivered(JsonNode result) {
    Set<Long> msgIds = new HashSet<>();
    result.path("chunks").forEach(c -> msgIds.add(c.path("msgId").asLong()));
    msgIds.add(result.path("response").path("msg_id").asLong(0));
    msgIds.remove(0L); // customer-service messages carry no msg_id
    long delivered = 0;
    for (JsonNode d : sim.deliveries(appid, null)) {
      if (msgIds.contains(d.path("msgId").asLong(-1))) {
        delivered++;
      }
    }
    return delivered;
  }
}
