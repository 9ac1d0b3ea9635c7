package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Permanent material housekeeping: counts, pages, deletes and the caps. */
class MaterialApiTest {
  private final SimFixture f = new SimFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void countsPermanentMaterialByKindWithThumbsAsImagesAndNeverTemporaryMediaOrDrafts() {
    f.uploadPermanent("image");
    String thumb = f.uploadPermanent("thumb");
    f.uploadPermanent("voice");
    f.upload("image"); // temporary
    f.call("draft/add", "{\"articles\":[{\"title\":\"t\",\"thumb_media_id\":\"" + thumb + "\"}]}");

    JsonNode count = count();

    assertThat(count.path("image_count").asInt()).isEqualTo(2);
    assertThat(count.path("voice_count").asInt()).isEqualTo(1);
    assertThat(count.path("video_count").asInt()).isZero();
    assertThat(count.path("news_count").asInt()).isZero();
    assertThat(f.wechat.material(DEFAULT_APPID).path("image_count").asInt()).isEqualTo(2);
    assertThat(f.wechat.material(DEFAULT_APPID).path("caps").path("image").asInt())
        .isEqualTo(100_000);
    assertThat(f.wechat.material(DEFAULT_APPID).path("caps").path("voice").asInt())
        .isEqualTo(1_000);
  }

  @Test
  void listsPagesOfOneTypeNewestFirstInWeChatsShape() {
    List<String> images = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      images.add(0, f.uploadPermanent("image"));
    }
    f.uploadPermanent("voice");

    JsonNode first = page("image", 0, 20);
    JsonNode second = page("image", 20, 20);

    assertThat(first.path("total_count").asInt()).isEqualTo(25);
    assertThat(first.path("item_count").asInt()).isEqualTo(20);
    assertThat(second.path("item_count").asInt()).isEqualTo(5);
    List<String> listed = new ArrayList<>(first.findValuesAsString("media_id"));
    listed.addAll(second.findValuesAsString("media_id"));
    assertThat(listed).isEqualTo(images);
    JsonNode item = first.path("item").get(0);
    assertThat(item.path("name").asString()).isEqualTo("a.bin");
    assertThat(item.path("url").asString()).startsWith("http://mmbiz.qpic.cn/");
    assertThat(item.path("update_time").asLong()).isPositive();
    assertThat(page("image", 25, 20).path("item")).isEmpty();
    assertThat(page("voice", 0, 1).path("total_count").asInt()).isEqualTo(1);
  }

  @Test
  void refusesATypeOrAPageSizeWeChatDoesNotTake() {
    assertThat(errcode(page("thumb", 0, 10))).isEqualTo(40004);
    assertThat(errcode(page("image", 0, 0))).isEqualTo(40035);
    assertThat(errcode(page("image", 0, 21))).isEqualTo(40035);
    assertThat(errcode(page("image", -1, 10))).isEqualTo(40035);
    assertThat(errcode(f.call("material/batchget_material", "{\"type\":\"image\"}")))
        .isEqualTo(40035);
  }

  @Test
  void deletesPermanentMaterialOnlyAndNotWhatAMenuUses() {
    String image = f.uploadPermanent("image");
    String used = f.uploadPermanent("image");
    String temporary = f.upload("image");
    f.wechat.markMaterialInUse(DEFAULT_APPID, used, true);

    assertThat(errcode(delete(image))).isZero();
    assertThat(errcode(delete(image))).as("deleted already").isEqualTo(40007);
    assertThat(errcode(delete(temporary))).as("temporary media").isEqualTo(40007);
    assertThat(errcode(delete("image_nonesuch"))).isEqualTo(40007);
    assertThat(errcode(delete(used))).isEqualTo(48005);
    assertThat(count().path("image_count").asInt()).isEqualTo(1);
    String broadcast =
        "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"image\",\"image\":{\"media_id\":\"%s\"}}";
    assertThat(errcode(f.call("message/mass/sendall", broadcast.formatted(image))))
        .as("a deleted material is gone for WeChat's other APIs too")
        .isEqualTo(40007);
    f.wechat.markMaterialInUse(DEFAULT_APPID, used, false);
    assertThat(errcode(delete(used))).isZero();
  }

  @Test
  void anUploadOverItsKindsCapIs45074AndMakesNothing() {
    f.wechat.setMaterialCap(DEFAULT_APPID, "image", 2);
    f.uploadPermanent("image");
    f.uploadPermanent("thumb");

    JsonNode refused =
        f.uploadAnswer("material/add_material", "image", SimFixture.file("image", 16));

    assertThat(errcode(refused)).isEqualTo(45074);
    assertThat(
            errcode(f.uploadAnswer("material/add_material", "thumb", SimFixture.file("thumb", 16))))
        .isEqualTo(45074);
    assertThat(f.upload("image")).as("temporary media has no cap").startsWith("image_");
    assertThat(f.uploadPermanent("voice")).startsWith("voice_");
    assertThat(count().path("image_count").asInt()).isEqualTo(2);
  }

  private JsonNode count() {
    return f.wechat.get("/cgi-bin/material/get_materialcount?access_token=" + f.token);
  }

  private JsonNode page(String type, int offset, int count) {
    return f.call(
        "material/batchget_material",
        "{\"type\":\"%s\",\"offset\":%d,\"count\":%d}".formatted(type, offset, count));
  }

  private JsonNode delete(String mediaId) {
    return f.call("material/del_material", "{\"media_id\":\"" + mediaId + "\"}");
  }
}
