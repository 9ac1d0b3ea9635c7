package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code wechat.template.add}: a template added from WeChat's library; {@code keywordNameList} (a
 * category template's keywords, in order) may be null.
 */
public record TemplateAdd(
    @JsonProperty("template_id_short") String templateIdShort,
    @JsonProperty("keyword_name_list") List<String> keywordNameList)
    implements CommandData {}
