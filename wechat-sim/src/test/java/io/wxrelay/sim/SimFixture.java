package io.wxrelay.sim;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.SimConfig.DEFAULT_SECRET;

import io.wxrelay.sim.junit.WeChatClient;
import java.net.http.HttpRequest;
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
    return upload(type, 5);
  }

  /** Uploads a file of {@code size} bytes; its media_id, or empty when WeChat refused it. */
  public String upload(String type, int size) {
    String boundary = "----sim";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"a.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "b".repeat(size)
            + "\r\n--"
            + boundary
            + "--\r\n";
    var request =
        HttpRequest.newBuilder(
                wechat.uri("/cgi-bin/media/upload?type=" + type + "&access_token=" + token))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return WeChatClient.JSON.readTree(wechat.raw(request).body()).path("media_id").asString();
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
