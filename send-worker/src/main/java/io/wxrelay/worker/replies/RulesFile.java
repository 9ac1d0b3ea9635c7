package io.wxrelay.worker.replies;

import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import io.wxrelay.schemas.command.ReplyTemplate;
import io.wxrelay.worker.replies.AccountRules.Keyword;
import io.wxrelay.worker.replies.AccountRules.Match;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a reply rules file: a JSON object with one entry per appid, each with {@code welcome},
 * {@code welcomeByScene}, {@code keywords} ({@code exact}, {@code contains} or {@code regex}, and
 * {@code reply}), {@code otherwise} and {@code clicks}. Every reply must be a customer-service
 * message WeChat accepts (the {@code wechat.custom.send} schema) with known placeholders only: a
 * file with any problem is refused whole, each problem named by its JSON pointer.
 */
public final class RulesFile {
  private static final Set<String> FIELDS =
      Set.of("welcome", "welcomeByScene", "keywords", "otherwise", "clicks");

  private final ContractCodec codec;

  /** Thrown with every problem of a file. */
  public static final class Refused extends RuntimeException {
    private final List<String> problems;

    Refused(List<String> problems) {
      super(problems.size() + " problem(s): " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public RulesFile(ContractCodec codec) {
    this.codec = codec;
  }

  /** The rules of {@code json}, by appid; {@link Refused} with every problem. */
  public Map<String, AccountRules> parse(byte[] json) {
    JsonNode root;
    try {
      root = codec.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new Refused(List.of("not JSON: " + e.getOriginalMessage()));
    }
    if (!root.isObject()) {
      throw new Refused(List.of("/: an object of appids"));
    }
    List<String> problems = new ArrayList<>();
    Map<String, AccountRules> rules = new LinkedHashMap<>();
    root.properties()
        .forEach(e -> rules.put(e.getKey(), account(e.getKey(), e.getValue(), problems)));
    if (!problems.isEmpty()) {
      throw new Refused(problems);
    }
    return rules;
  }

  private AccountRules account(String appid, JsonNode node, List<String> problems) {
    String at = "/" + appid;
    if (!node.isObject()) {
      problems.add(at + ": an object of rules");
      return new AccountRules(null, Map.of(), List.of(), null, Map.of());
    }
    node.propertyNames().stream()
        .filter(name -> !FIELDS.contains(name))
        .forEach(
            name ->
                problems.add(at + "/" + name + ": not a rule (" + String.join(", ", FIELDS) + ")"));
    List<Keyword> keywords = new ArrayList<>();
    JsonNode list = node.path("keywords");
    for (int i = 0; i < list.size(); i++) {
      Keyword keyword = keyword(appid, list.get(i), at + "/keywords/" + i, problems);
      if (keyword != null) {
        keywords.add(keyword);
      }
    }
    return new AccountRules(
        reply(appid, node.get("welcome"), at + "/welcome", problems),
        replies(appid, node.path("welcomeByScene"), at + "/welcomeByScene", problems),
        keywords,
        reply(appid, node.get("otherwise"), at + "/otherwise", problems),
        replies(appid, node.path("clicks"), at + "/clicks", problems));
  }

  private @Nullable Keyword keyword(String appid, JsonNode node, String at, List<String> problems) {
    List<Match> given =
        List.of(Match.values()).stream()
            .filter(m -> node.has(m.name().toLowerCase(Locale.ROOT)))
            .toList();
    if (given.size() != 1) {
      problems.add(at + ": exactly one of exact, contains, regex");
      return null;
    }
    Match match = given.getFirst();
    String text = node.path(match.name().toLowerCase(Locale.ROOT)).asString("");
    Pattern regex = null;
    if (text.isBlank()) {
      problems.add(at + ": an empty " + match.name().toLowerCase(Locale.ROOT));
    } else if (match == Match.REGEX) {
      try {
        regex = Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException e) {
        problems.add(at + "/regex: " + e.getDescription());
      }
    }
    JsonNode reply = reply(appid, node.get("reply"), at + "/reply", problems);
    if (reply == null) {
      problems.add(at + "/reply: missing");
      return null;
    }
    return new Keyword(match, text, regex, reply);
  }

  private Map<String, JsonNode> replies(
      String appid, JsonNode node, String at, List<String> problems) {
    Map<String, JsonNode> replies = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              JsonNode reply = reply(appid, e.getValue(), at + "/" + e.getKey(), problems);
              if (reply != null) {
                replies.put(e.getKey(), reply);
              }
            });
    return replies;
  }

  /** A reply checked as WeChat's customer-service body with known placeholders; null if absent. */
  private @Nullable JsonNode reply(
      String appid, @Nullable JsonNode reply, String at, List<String> problems) {
    if (reply == null || reply.isNull()) {
      return null;
    }
    if (!reply.isObject()) {
      problems.add(at + ": a customer-service message ({\"msgtype\": ...})");
      return null;
    }
    if (reply.has("touser")) {
      problems.add(at + "/touser: a reply goes to whoever triggered it; leave touser out");
    }
    ObjectNode command = codec.mapper().createObjectNode();
    command.put("specversion", "1.0").put("id", "reply-rule-check").put("source", "/rules");
    command.put("type", "wechat.custom.send").put("subject", appid);
    ObjectNode data = ((ObjectNode) reply.deepCopy()).put("touser", "oReplyRuleCheck");
    command.set("data", data);
    try {
      codec.decode(codec.mapper().writeValueAsBytes(command));
    } catch (ContractViolation violation) {
      violation
          .problems()
          .forEach(
              p ->
                  problems.add(
                      at
                          + p.pointer()
                              .replaceFirst("^/data", "")
                              .replaceFirst("^/subject", " (appid)")
                          + ": "
                          + p.message()));
    }
    ReplyTemplate.unknownPlaceholders(reply, at)
        .forEach(u -> problems.add(u.pointer() + ": " + u.message()));
    return reply;
  }
}
