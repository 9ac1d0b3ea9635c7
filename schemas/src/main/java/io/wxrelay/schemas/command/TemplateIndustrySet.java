package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code wechat.template.industry.set}: the account's two industries (codes 1 to 41, as strings).
 */
public record TemplateIndustrySet(
    @JsonProperty("industry_id1") String industryId1,
    @JsonProperty("industry_id2") String industryId2)
    implements CommandData {}
