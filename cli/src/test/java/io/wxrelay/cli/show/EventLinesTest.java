package io.wxrelay.cli.show;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** {@code tail}'s line for the records a template message and a follower sync publish. */
class EventLinesTest {
  private static String line(EventType type) throws Exception {
    try (InputStream in =
        EventType.class.getClassLoader().getResourceAsStream(type.exampleResource())) {
      return EventLines.line(ContractCodec.newMapper().readTree(in.readAllBytes()));
    }
  }

  @Test
  void aTemplateMessagesDeliveryNamesItsCommandItsUserAndWeChatsStatus() throws Exception {
    assertThat(line(EventType.TEMPLATE_FINISHED))
        .contains("wechat.template.finished", "res-template-finished-0001")
        .endsWith("order-1042-paid: success: delivered to oAlice (msgid 200228332)");
  }

  @Test
  void aSyncsPageSaysHowManyFollowersItHolds() throws Exception {
    assertThat(line(EventType.USERS_PAGE))
        .contains("wechat.users.page")
        .endsWith("crm-sync-2026-12-06 page 0: 3 followers of 3 (next_openid oCarol)");
  }

  @Test
  void aPublishFinishNamesItsCommandItsStatusAndItsArticleId() throws Exception {
    assertThat(line(EventType.PUBLISH_FINISHED))
        .contains("wechat.publish.finished")
        .endsWith(
            "cms-publish-0001: success: published as"
                + " b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4 (publish_id 2247503051)");
  }
}
