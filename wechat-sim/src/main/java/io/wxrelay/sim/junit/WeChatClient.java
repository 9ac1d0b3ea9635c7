package io.wxrelay.sim.junit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.schemas.codec.ContractCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client speaking to the simulator the way any WeChat SDK would; for tests. */
public final class WeChatClient {
  public static final JsonMapper JSON = ContractCodec.newMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public WeChatClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public JsonNode get(String pathAndQuery) {
    return JSON.readTree(send(HttpRequest.newBuilder(uri(pathAndQuery)).GET()).body());
  }

  public JsonNode post(String pathAndQuery, String json) {
    return JSON.readTree(send(post(uri(pathAndQuery), json)).body());
  }

  public HttpResponse<byte[]> raw(HttpRequest.Builder request) {
    return send(request);
  }

  /** A new classic token for the test app. */
  public String token(String appid, String secret) {
    JsonNode answer =
        get("/cgi-bin/token?grant_type=client_credential&appid=" + appid + "&secret=" + secret);
    return answer.path("access_token").asString();
  }

  /** PUTs {@code json} to the control API, e.g. {@code /sim/apps/<appid>/templates/quota}. */
  public JsonNode put(String path, String json) {
    return JSON.readTree(
        send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, UTF_8)))
            .body());
  }

  /** The OpenIDs following {@code appid}'s account, in user/get's order. */
  public List<String> followers(String appid) {
    return strings(get("/sim/apps/" + appid + "/followers").path("openids"));
  }

  /** The tag ids {@code openid} carries. */
  public List<Integer> tagsOf(String appid, String openid) {
    List<Integer> ids = new ArrayList<>();
    get("/sim/apps/" + appid + "/users/" + openid + "/tags")
        .path("tagids")
        .forEach(n -> ids.add(n.asInt()));
    return ids.stream().sorted().toList();
  }

  /** The followers carrying tag {@code tagId}. */
  public List<String> tagMembers(String appid, int tagId) {
    return strings(get("/sim/apps/" + appid + "/tags/" + tagId + "/members").path("openids"));
  }

  /** The template_id of the template every account starts with (TM00015, 订单支付成功). */
  public String builtInTemplateId(String appid) {
    return get("/sim/apps/" + appid + "/templates").path("builtIn").asString();
  }

  /** Makes {@code openid} refuse (or accept again) messages: template/send answers 43101. */
  public void refuseMessages(String appid, String openid, boolean refuse) {
    put("/sim/apps/" + appid + "/users/" + openid + "/refuse", "{\"refuse\":" + refuse + "}");
  }

  /**
   * {@code openid} taps the button named {@code name} on the menu they see: WeChat's CLICK or VIEW
   * push goes to the account's callback URL. Returns the control route's answer: {@code pushId}, or
   * {@code error} when that menu has no such button (HTTP 400).
   */
  public JsonNode tapMenu(String appid, String openid, String name) {
    return post(
        "/sim/apps/" + appid + "/users/" + openid + "/tap",
        JSON.createObjectNode().put("name", name).toString());
  }

  /** Sets the account's daily template message quota (WeChat's default: 100,000). */
  public void setTemplateDailyQuota(String appid, int daily) {
    put("/sim/apps/" + appid + "/templates/quota", "{\"daily\":" + daily + "}");
  }

  /**
   * The template messages accepted for {@code openid} (all users when null): each with appid,
   * openid, templateId, msgId, clientMsgId, url, data and at.
   */
  public List<JsonNode> templateDeliveries(String appid, String openid) {
    String query = "?appid=" + appid + (openid == null ? "" : "&openid=" + openid);
    List<JsonNode> list = new ArrayList<>();
    get("/sim/truth/templates" + query).forEach(list::add);
    return list;
  }

  /**
   * The account's permanent material as the simulator holds it: {@code image_count}, {@code
   * voice_count}, {@code video_count}, {@code news_count} and {@code caps} (per type).
   */
  public JsonNode material(String appid) {
    return get("/sim/apps/" + appid + "/material");
  }

  /** Sets the account's cap of material {@code type} (image, voice, video, news): 45074 above. */
  public void setMaterialCap(String appid, String type, int cap) {
    put("/sim/apps/" + appid + "/material/caps", "{\"" + type + "\":" + cap + "}");
  }

  /** Marks material {@code mediaId} as used by an auto-reply or the menu: del_material is 48005. */
  public void markMaterialInUse(String appid, String mediaId, boolean inUse) {
    put("/sim/apps/" + appid + "/material/" + mediaId + "/in-use", "{\"inUse\":" + inUse + "}");
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asString()));
    return list;
  }

  /** errcode of an API answer (0 when the answer has none, e.g. qrcode/create). */
  public static int errcode(JsonNode answer) {
    return answer.path("errcode").asInt(0);
  }

  public URI uri(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }

  public static HttpRequest.Builder post(URI uri, String json) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
