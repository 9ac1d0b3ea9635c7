package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code wechat.template.delete}: a template deleted. */
public record TemplateDelete(@JsonProperty("template_id") String templateId)
    implements CommandData {}
