package io.wxrelay.sim;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.SimConfig.DEFAULT_SECRET;

import io.wxrelay.sim.junit.WeChatClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** A started simulator with a client and a token, for API tests. */
public final class SimFixture implements AutoCloseable {
  public final MutableClock clock = MutableClock.atMorning();
  public final WeChatSim sim;
  public final WeChatClient wechat;
  public String token;

  public SimFixture(SimConfig config) {
    sim = WeChatSim.start(config, clock);
    wechat = new WeChatClient(sim.baseUrl());
    token = wechat.token(DEFAULT_APPID, DEFAULT_SECRET);
  }

  public SimFixture() {
    this(SimConfig.forTests());
  }

  /** Moves the clock and takes a fresh token, as a client would after a long pause. */
  public void advance(java.time.Duration by) {
    clock.advance(by);
    token = wechat.token(DEFAULT_APPID, DEFAULT_SECRET);
  }

  /** POSTs {@code json} to {@code /cgi-bin/<api>} with the token. */
  public JsonNode call(String api, String json) {
    return wechat.post("/cgi-bin/" + api + "?access_token=" + token, json);
  }

  /** Uploads a file to media/upload and returns its media_id. */
  public String upload(String type) {
    return upload(type, 16);
  }

  /** Uploads a file of {@code size} bytes; its media_id, or empty when WeChat refused it. */
  public String upload(String type, int size) {
    return upload("media/upload", type, file(type, size));
  }

  /** Uploads permanent material of {@code type} (material/add_material); its media_id. */
  public String uploadPermanent(String type) {
    return upload("material/add_material", type, file(type, 16));
  }

  /** Uploads {@code file} as {@code type} to {@code api}; its media_id, or empty when refused. */
  public String upload(String api, String type, String file) {
    return uploadAnswer(api, type, file).path("media_id").asString();
  }

  /** WeChat's answer to an upload of {@code file} (a string of ISO-8859-1 bytes). */
  public JsonNode uploadAnswer(String api, String type, String file) {
    String boundary = "----sim";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"a.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + file
            + "\r\n--"
            + boundary
            + "--\r\n";
    var request =
        HttpRequest.newBuilder(
                wechat.uri("/cgi-bin/" + api + "?type=" + type + "&access_token=" + token))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
    return WeChatClient.JSON.readTree(wechat.raw(request).body());
  }

  /** A made-up file of {@code size} bytes in a format WeChat takes for {@code type}. */
  public static String file(String type, int size) {
    String magic =
        switch (type) {
          case "image" -> "\u0089PNG";
          case "thumb" -> "\u00ff\u00d8\u00ff";
          case "voice" -> "#!AMR";
          case "video" -> "\0\0\0\u0018ftyp";
          default -> "";
        };
    return magic + "b".repeat(Math.max(0, size - magic.length()));
  }

  /** The n-th generated follower of the test app. */
  public String user(int n) {
    return sim.accounts().population(DEFAULT_APPID).openids(n + 1).get(n);
  }

  @Override
  public void close() {
    sim.close();
  }
}
