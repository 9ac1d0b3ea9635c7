package io.wxrelay.cli.demo;

import io.wxrelay.cli.send.ResultWait;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Step 3 of the demo: a campaign's buyers tagged (a new tag, its members added in calls of 50) and
 * a broadcast to that tag (one WeChat job), then one to a list of OpenIDs (split into chunks), each
 * followed to its finish events and checked against what WeChat delivered.
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

  /**
   * Tags {@code buyers} followers with a new tag and broadcasts to it; a step that fails says so.
   */
  void toBuyers(int buyers) {
    n.say("");
    n.say("3a. Tag this campaign's %,d buyers, then broadcast to the tag ...", buyers);
    Optional<Long> tag = new CampaignTag(appid, run, sim, relay, n).tagBuyers(buyers);
    if (tag.isEmpty()) {
      return;
    }
    String id = "demo-tag-" + run;
    var data =
        new MassSendAll(
            MassSendAll.Filter.tag(Math.toIntExact(tag.get())),
            MassMessage.text("Autumn sale starts today (demo " + run + ")"),
            null);
    n.say("   wechat.mass.sendall %s to tag %d ...", id, tag.get());
    Optional<ResultWait.Outcome> outcome = broadcast(id, data, "broadcast to tag " + tag.get());
    if (outcome.isPresent() && outcome.get().total() != buyers) {
      n.fail(
          "the broadcast to the tag was meant for %,d followers, not its %,d buyers",
          outcome.get().total(), buyers);
    }
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

  private Optional<ResultWait.Outcome> broadcast(String id, CommandData data, String label) {
    var outcome = relay.send(id, data, n::progress);
    if (outcome.isEmpty()) {
      n.fail("no result for %s within %ss", id, DemoRelay.STEP_TIMEOUT.toSeconds());
      n.row(label, "no result", "wechat.results");
      return outcome;
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
    return outcome;
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
