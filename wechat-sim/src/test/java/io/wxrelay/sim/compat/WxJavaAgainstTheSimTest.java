package io.wxrelay.sim.compat;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.SimConfig.DEFAULT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.sim.junit.WeChatSimExtension;
import java.util.List;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.WxMpMassOpenIdsMessage;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WxJava, the most used Java WeChat SDK, unmodified except for its host setting, works against the
 * simulator: tokens, customer service (and its 45015), QR codes, broadcasts, and its own retry
 * after a token that someone else's refresh invalidated.
 */
class WxJavaAgainstTheSimTest {
  @RegisterExtension
  static final WeChatSimExtension SIM = new WeChatSimExtension(SimConfig.forTests());

  private WeChatSim sim;
  private WxMpService wxJava;

  @BeforeEach
  void pointWxJavaAtTheSim() {
    sim = SIM.sim();
    sim.truth().clear();
    WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
    config.setAppId(DEFAULT_APPID);
    config.setSecret(DEFAULT_SECRET);
    WxMpHostConfig hosts = new WxMpHostConfig();
    hosts.setApiHost(sim.baseUrl());
    hosts.setMpHost(sim.baseUrl());
    hosts.setOpenHost(sim.baseUrl());
    config.setHostConfig(hosts);
    wxJava = new WxMpServiceImpl();
    wxJava.setWxMpConfigStorage(config);
  }

  @Test
  void fetchesATokenTheSimIssued() throws Exception {
    String token = wxJava.getAccessToken();

    assertThat(token).startsWith("89_");
    assertThat(sim.truth().tokensIssued("cgi-bin/token", DEFAULT_APPID)).isEqualTo(1);
  }

  @Test
  void sendsCustomerServiceMessagesInsideTheWindowOnly() throws Exception {
    String user = sim.accounts().population(DEFAULT_APPID).openids(10).get(9);
    WxMpKefuMessage message =
        WxMpKefuMessage.TEXT().toUser(user).content("hello from WxJava").build();

    WxErrorException outside =
        catchThrowableOfType(
            WxErrorException.class, () -> wxJava.getKefuService().sendKefuMessage(message));
    sim.users().text(DEFAULT_APPID, user, "hi");
    boolean sent = wxJava.getKefuService().sendKefuMessage(message);

    assertThat(outside.getError().getErrorCode()).isEqualTo(45015);
    assertThat(sent).isTrue();
    assertThat(sim.truth().deliveriesTo(DEFAULT_APPID, user))
        .extracting(d -> d.text())
        .containsExactly("hello from WxJava");
  }

  @Test
  void createsATemporaryQrCodeAndDownloadsItsPicture() throws Exception {
    WxMpQrCodeTicket ticket = wxJava.getQrcodeService().qrCodeCreateTmpTicket("wxjava-scene", 600);

    assertThat(ticket.getExpireSeconds()).isEqualTo(600);
    assertThat(ticket.getUrl()).startsWith("http://weixin.qq.com/q/");
    assertThat(wxJava.getQrcodeService().qrCodePicture(ticket)).isFile().isNotEmpty();
  }

  @Test
  void broadcastsToOpenids() throws Exception {
    WxMpMassOpenIdsMessage message = new WxMpMassOpenIdsMessage();
    message.setMsgType(WxConsts.MassMsgType.TEXT);
    message.setContent("sale");
    message.setToUsers(sim.accounts().population(DEFAULT_APPID).openids(3));

    var result = wxJava.getMassMessageService().massOpenIdsMessageSend(message);

    assertThat(result.getMsgId()).isNotBlank();
  }

  @Test
  void recoversOnItsOwnWhenAnotherProcessRefreshedTheToken() throws Exception {
    wxJava.getAccessToken();
    WeChatClient someoneElse = new WeChatClient(sim.baseUrl());
    someoneElse.token(DEFAULT_APPID, DEFAULT_SECRET);
    someoneElse.token(DEFAULT_APPID, DEFAULT_SECRET); // WxJava's token is now dead (40001)

    var speed = wxJava.getMassMessageService().messageMassSpeedGet();

    assertThat(speed.getSpeed()).isZero();
    assertThat(sim.truth().tokensIssued("cgi-bin/token", DEFAULT_APPID))
        .as("WxJava refetched")
        .isEqualTo(4);
    assertThat(List.of(sim.truth().calls("message/mass/speed/get", DEFAULT_APPID)))
        .containsExactly(1L);
  }
}
