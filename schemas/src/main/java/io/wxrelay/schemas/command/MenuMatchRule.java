package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who sees a conditional menu: the users of tag {@code tag_id} and/or of a client platform ({@code
 * 1} iOS, {@code 2} Android, {@code 3} other). WeChat refuses the old sex, region and language
 * rules (65320), so a command naming them is refused before it is sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MenuMatchRule(
    @JsonProperty("tag_id") String tagId,
    @JsonProperty("client_platform_type") String clientPlatformType) {}
