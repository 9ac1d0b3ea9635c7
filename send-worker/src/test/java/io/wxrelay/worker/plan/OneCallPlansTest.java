package io.wxrelay.worker.plan;

import static io.wxrelay.worker.plan.OneCallPlans.body;
import static io.wxrelay.worker.plan.OneCallPlans.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.MaterialCount;
import io.wxrelay.schemas.command.MaterialDelete;
import io.wxrelay.schemas.command.MaterialList;
import io.wxrelay.schemas.command.TagCreate;
import io.wxrelay.schemas.command.TagDelete;
import io.wxrelay.schemas.command.TagMembersGet;
import io.wxrelay.schemas.command.TagUpdate;
import io.wxrelay.schemas.command.TagsGet;
import io.wxrelay.schemas.command.TemplateAdd;
import io.wxrelay.schemas.command.TemplateDelete;
import io.wxrelay.schemas.command.TemplateIndustryGet;
import io.wxrelay.schemas.command.TemplateIndustrySet;
import io.wxrelay.schemas.command.TemplateList;
import io.wxrelay.schemas.command.UserTagsGet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands that are one WeChat call: each goes to its API in WeChat's spelling (a GET for
 * WeChat's reads), and is repeatable exactly when a repeat after a lost answer has no second
 * effect.
 */
class OneCallPlansTest {
  private final JsonMapper mapper = ContractCodec.newMapper();
  private final OneCallPlans plans = new OneCallPlans(mapper);

  private CallPlan plan(EventType type, Object data) {
    return plans.plan(type, data);
  }

  @Test
  void tagWritesSpellTheTagAsWeChatDoes() {
    CallPlan create = plan(EventType.TAGS_CREATE, new TagCreate("Autumn buyers"));
    CallPlan update = plan(EventType.TAGS_UPDATE, new TagUpdate(134, "Autumn 2026"));
    CallPlan delete = plan(EventType.TAGS_DELETE, new TagDelete(134));

    assertThat(body(create, "tags/create").toString())
        .isEqualTo(json("{\"tag\":{\"name\":\"Autumn buyers\"}}"));
    assertThat(body(update, "tags/update").toString())
        .isEqualTo(json("{\"tag\":{\"id\":134,\"name\":\"Autumn 2026\"}}"));
    assertThat(body(delete, "tags/delete").toString()).isEqualTo(json("{\"tag\":{\"id\":134}}"));
    // A repeated create meets its own name, a repeated delete a tag already gone.
    assertThat(List.of(create.repeatable(), update.repeatable(), delete.repeatable()))
        .containsExactly(false, true, false);
  }

  @Test
  void aTagsMembersPageStartsFromTheBeginningWhenNoCursorIsGiven() {
    CallPlan first = plan(EventType.TAGS_MEMBERS_GET, new TagMembersGet(134, null));
    CallPlan next = plan(EventType.TAGS_MEMBERS_GET, new TagMembersGet(134, "oZed"));

    assertThat(body(first, "user/tag/get").toString())
        .isEqualTo(json("{\"tagid\":134,\"next_openid\":\"\"}"));
    assertThat(body(next, "user/tag/get").get("next_openid").asString()).isEqualTo("oZed");
    assertThat(first.repeatable()).isTrue();
  }

  @Test
  void aUsersTagsAreReadByItsOpenid() {
    CallPlan plan = plan(EventType.TAGS_USER_GET, new UserTagsGet("oAlice"));

    assertThat(body(plan, "tags/getidlist").toString()).isEqualTo(json("{\"openid\":\"oAlice\"}"));
    assertThat(plan.repeatable()).isTrue();
  }

  @Test
  void wechatsReadsAreGetsWithNothingButTheToken() {
    for (var read :
        List.of(
            List.of(plan(EventType.TAGS_GET, new TagsGet()), "tags/get"),
            List.of(
                plan(EventType.TEMPLATE_LIST, new TemplateList()),
                "template/get_all_private_template"),
            List.of(
                plan(EventType.TEMPLATE_INDUSTRY_GET, new TemplateIndustryGet()),
                "template/get_industry"))) {
      CallPlan plan = (CallPlan) read.get(0);
      assertThat(request(plan))
          .isEqualTo(new Request.Query((String) read.get(1), java.util.Map.of()));
      assertThat(plan.repeatable()).isTrue();
    }
  }

  @Test
  void templateManagementKeepsWeChatsFieldsAndIsNotRepeated() {
    CallPlan add = plan(EventType.TEMPLATE_ADD, new TemplateAdd("TM00015", List.of("金额", "商品")));
    CallPlan delete = plan(EventType.TEMPLATE_DELETE, new TemplateDelete("tpl-1"));
    CallPlan industry = plan(EventType.TEMPLATE_INDUSTRY_SET, new TemplateIndustrySet("1", "4"));

    assertThat(body(add, "template/api_add_template").toString())
        .isEqualTo(
            json("{\"template_id_short\":\"TM00015\",\"keyword_name_list\":[\"金额\",\"商品\"]}"));
    assertThat(body(delete, "template/del_private_template").toString())
        .isEqualTo(json("{\"template_id\":\"tpl-1\"}"));
    assertThat(body(industry, "template/api_set_industry").toString())
        .isEqualTo(json("{\"industry_id1\":\"1\",\"industry_id2\":\"4\"}"));
    // A repeated add makes a second template; an industry may change once a month.
    assertThat(List.of(add.repeatable(), delete.repeatable(), industry.repeatable()))
        .containsOnly(false);
  }

  @Test
  void materialIsCountedByAGetListedAPageAtATimeAndDeletedOnce() {
    CallPlan count = plan(EventType.MATERIAL_COUNT, new MaterialCount());
    CallPlan list = plan(EventType.MATERIAL_LIST, new MaterialList("image", 40, 20));
    CallPlan delete = plan(EventType.MATERIAL_DELETE, new MaterialDelete("m-1"));

    assertThat(request(count))
        .isEqualTo(new Request.Query("material/get_materialcount", java.util.Map.of()));
    assertThat(body(list, "material/batchget_material").toString())
        .isEqualTo(json("{\"type\":\"image\",\"offset\":40,\"count\":20}"));
    assertThat(body(delete, "material/del_material").toString())
        .isEqualTo(json("{\"media_id\":\"m-1\"}"));
    // Reads repeat harmlessly; a repeated delete would meet 40007 for what the first deleted.
    assertThat(List.of(count.repeatable(), list.repeatable(), delete.repeatable()))
        .containsExactly(true, true, false);
  }

  @Test
  void anAddWithoutKeywordsSendsNoKeywordList() {
    CallPlan add = plan(EventType.TEMPLATE_ADD, new TemplateAdd("TM00015", null));

    assertThat(body(add, "template/api_add_template").toString())
        .isEqualTo(json("{\"template_id_short\":\"TM00015\"}"));
  }

  /** The JSON as written: WeChat reads numbers as numbers, however wide the node. */
  private String json(String text) {
    return mapper.readTree(text).toString();
  }
}
