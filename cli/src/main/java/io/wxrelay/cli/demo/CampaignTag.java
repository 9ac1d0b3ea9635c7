package io.wxrelay.cli.demo;

import io.wxrelay.cli.send.ResultWait;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.TagCreate;
import io.wxrelay.schemas.command.TagMembersAdd;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Step 3a's first half: a new tag for this run's campaign ({@code wechat.tags.create}), given to
 * its buyers ({@code wechat.tags.members.add}, which the worker splits into calls of at most 50),
 * and the tag's members in WeChat checked to be exactly the buyers.
 */
final class CampaignTag {
  private final String appid;
  private final String run;
  private final Simulator sim;
  private final DemoRelay relay;
  private final Narrator n;

  CampaignTag(String appid, String run, Simulator sim, DemoRelay relay, Narrator n) {
    this.appid = appid;
    this.run = run;
    this.sim = sim;
    this.relay = relay;
    this.n = n;
  }

  /** The new tag, given to {@code buyers} followers; empty when a step did not succeed. */
  Optional<Long> tagBuyers(int buyers) {
    String createId = "demo-tag-create-" + run;
    n.say("   wechat.tags.create %s (\"autumn buyers %s\") ...", createId, run);
    Optional<JsonNode> created = succeeded(createId, new TagCreate("autumn buyers " + run));
    if (created.isEmpty()) {
      return Optional.empty();
    }
    long tag = created.get().path("response").path("tag").path("id").asLong();
    List<String> openids = sim.followers(appid, buyers);
    String addId = "demo-tag-add-" + run;
    n.say("   wechat.tags.members.add %s: %,d buyers to tag %d ...", addId, openids.size(), tag);
    Optional<JsonNode> added = succeeded(addId, new TagMembersAdd(tag, openids));
    if (added.isEmpty()) {
      return Optional.empty();
    }
    JsonNode response = added.get().path("response");
    Set<String> members = new HashSet<>(sim.tagMembers(appid, tag));
    n.row(
        "buyers tagged",
        String.format(
            "%,d in %d calls; the tag has %,d members",
            response.path("openidCount").asLong(), response.path("calls").asInt(), members.size()),
        "wechat.result, simulator truth");
    if (!members.equals(new HashSet<>(openids))) {
      n.fail("the tag's members in WeChat are not exactly the %,d buyers", openids.size());
      return Optional.empty();
    }
    return Optional.of(tag);
  }

  /** The result of a command written now, when it SUCCEEDED; else empty, the step failed. */
  private Optional<JsonNode> succeeded(String id, CommandData data) {
    Optional<ResultWait.Outcome> outcome = relay.send(id, data, n::progress);
    if (outcome.isEmpty() || !outcome.get().submitted()) {
      n.fail("%s did not succeed", id);
      return Optional.empty();
    }
    return Optional.of(outcome.get().result());
  }
}
