package io.wxrelay.sim.api;

import io.wxrelay.sim.template.Industries;
import io.wxrelay.sim.template.TemplateSender;
import io.wxrelay.sim.template.TemplateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The template message APIs (docs/wechat-api.md §9): message/template/send and
 * template/{api_add_template,get_all_private_template,del_private_template,api_set_industry,
 * get_industry}.
 */
public final class TemplateApi {
  private final ApiContext context;

  public TemplateApi(ApiContext context) {
    this.context = context;
  }

  public void register(ApiRouter router) {
    router.authorized("message/template/send", this::send);
    router.authorized("template/api_add_template", this::add);
    router.authorized("template/get_all_private_template", this::list);
    router.authorized("template/del_private_template", this::delete);
    router.authorized("template/api_set_industry", this::setIndustry);
    router.authorized("template/get_industry", this::industry);
  }

  private Object send(ApiRouter.Call call) {
    Map<String, String> data = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> item : call.body().path("data").properties()) {
      JsonNode value = item.getValue().path("value");
      data.put(item.getKey(), value.isValueNode() && !value.isNull() ? value.asString() : null);
    }
    var message =
        new TemplateSender.Message(
            call.text("touser"),
            call.text("template_id"),
            call.text("url"),
            call.text("client_msg_id"),
            data);
    long msgId = context.templateSender().send(call.appid(), message);
    return Responses.ok("ok", "msgid", msgId);
  }

  private Object add(ApiRouter.Call call) {
    List<String> names = new ArrayList<>();
    call.body().path("keyword_name_list").forEach(n -> names.add(n.asString("")));
    TemplateStore.Template template = store(call).add(call.text("template_id_short"), names);
    return Responses.ok("ok", "template_id", template.id());
  }

  private Object list(ApiRouter.Call call) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (TemplateStore.Template t : store(call).list()) {
      list.add(
          Responses.fields(
              "template_id",
              t.id(),
              "title",
              t.title(),
              "primary_industry",
              t.primaryIndustry(),
              "deputy_industry",
              t.deputyIndustry(),
              "content",
              t.content(),
              "example",
              t.example()));
    }
    return Map.of("template_list", list);
  }

  private Object delete(ApiRouter.Call call) {
    store(call).delete(call.text("template_id"));
    return Responses.ok("ok");
  }

  private Object setIndustry(ApiRouter.Call call) {
    store(call).setIndustry(call.text("industry_id1"), call.text("industry_id2"));
    return Responses.ok("ok");
  }

  private Object industry(ApiRouter.Call call) {
    List<Industries.Industry> industry = store(call).industry();
    return Responses.fields(
        "primary_industry",
        classes(industry.get(0)),
        "secondary_industry",
        classes(industry.get(1)));
  }

  private static Map<String, Object> classes(Industries.Industry industry) {
    return Responses.fields(
        "first_class", industry.firstClass(), "second_class", industry.secondClass());
  }

  private TemplateStore store(ApiRouter.Call call) {
    return context.templates().of(call.appid());
  }
}
