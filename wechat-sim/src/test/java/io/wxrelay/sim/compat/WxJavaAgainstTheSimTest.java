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
import me.chanjar.weixin.mp.bean.result.WxMpUser;
import me.chanjar.weixin.mp.bean.result.WxMpUserList;
import me.chanjar.weixin.mp.bean.tag.WxTagListUser;
import me.chanjar.weixin.mp.bean.tag.WxUserTag;
import me.chanjar.weixin.mp.bean.template.WxMpTemplate;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateIndustry;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateIndustryEnum;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WxJava, the most used Java WeChat SDK, unmodified except for its host setting, works against the
 * simulator: tokens, customer service (and its 45015), QR codes, broadcasts, its own retry after a
 * token that someone else's refresh invalidated, user tags, template messages and followers, with
 * WeChat's errors surfacing as WxJava's {@link WxErrorException}.
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

  @Test
  void managesTagsAndTheirMembers() throws Exception {
    var tags = wxJava.getUserTagService();
    List<String> users = sim.accounts().population(DEFAULT_APPID).openids(3);

    WxUserTag created = tags.tagCreate("WxJava 标签");
    WxErrorException duplicate =
        catchThrowableOfType(WxErrorException.class, () -> tags.tagCreate("WxJava 标签"));
    boolean renamed = tags.tagUpdate(created.getId(), "WxJava 改名");
    boolean tagged = tags.batchTagging(created.getId(), users.toArray(String[]::new));
    WxErrorException partly =
        catchThrowableOfType(
            WxErrorException.class,
            () -> tags.batchTagging(created.getId(), new String[] {users.get(0), "oStranger"}));
    WxTagListUser members = tags.tagListUser(created.getId(), "");
    WxTagListUser afterLast = tags.tagListUser(created.getId(), members.getNextOpenid());
    List<Long> ofUser = tags.userTagList(users.get(0));
    WxUserTag listed =
        tags.tagGet().stream().filter(t -> t.getId().equals(created.getId())).findFirst().get();
    boolean deleted = tags.tagDelete(created.getId());

    assertThat(created.getId()).isGreaterThanOrEqualTo(100L);
    assertThat(created.getName()).isEqualTo("WxJava 标签");
    assertThat(duplicate.getError().getErrorCode()).isEqualTo(45157);
    assertThat(renamed).isTrue();
    assertThat(tagged).isTrue();
    assertThat(partly.getError().getErrorCode()).isEqualTo(45171);
    assertThat(members.getCount()).isEqualTo(3);
    assertThat(members.getData().getOpenidList()).containsExactlyElementsOf(users);
    assertThat(members.getNextOpenid()).isEqualTo(users.get(2));
    assertThat(afterLast.getCount()).isZero();
    assertThat(afterLast.getNextOpenid()).isEmpty();
    assertThat(ofUser).contains(created.getId());
    assertThat(listed.getName()).isEqualTo("WxJava 改名");
    assertThat(listed.getCount()).isEqualTo(3);
    assertThat(deleted).isTrue();
    assertThat(sim.accounts().population(DEFAULT_APPID).following(created.getId().intValue()))
        .isEmpty();
  }

  @Test
  void managesAndSendsTemplateMessages() throws Exception {
    var templates = wxJava.getTemplateMsgService();
    String user = sim.accounts().population(DEFAULT_APPID).openids(20).get(19);
    String builtIn = sim.templates().of(DEFAULT_APPID).builtInId();

    boolean industrySet =
        templates.setIndustry(
            new WxMpTemplateIndustry(
                WxMpTemplateIndustryEnum.EXPRESS, WxMpTemplateIndustryEnum.E_COMMERCE));
    WxMpTemplateIndustry industry = templates.getIndustry();
    String added = templates.addTemplate("9527", List.of("订单号", "商品名称", "金额"));
    WxErrorException unknown =
        catchThrowableOfType(WxErrorException.class, () -> templates.addTemplate("TM99999"));
    List<WxMpTemplate> all = templates.getAllPrivateTemplate();
    String msgId = templates.sendTemplateMsg(paid(user, builtIn, null));
    String withId = templates.sendTemplateMsg(paid(user, builtIn, "wxjava-1"));
    String again = templates.sendTemplateMsg(paid(user, builtIn, "wxjava-1"));
    WxErrorException badTemplate =
        catchThrowableOfType(
            WxErrorException.class, () -> templates.sendTemplateMsg(paid(user, "nope", null)));
    boolean deleted = templates.delPrivateTemplate(added);

    assertThat(industrySet).isTrue();
    assertThat(industry.getPrimaryIndustry()).isEqualTo(WxMpTemplateIndustryEnum.EXPRESS);
    assertThat(industry.getSecondIndustry()).isEqualTo(WxMpTemplateIndustryEnum.E_COMMERCE);
    assertThat(unknown.getError().getErrorCode()).isEqualTo(40037);
    assertThat(all).extracting(WxMpTemplate::getTemplateId).containsExactly(builtIn, added);
    assertThat(all.getFirst().getTitle()).isEqualTo("订单支付成功");
    assertThat(msgId).matches("\\d+");
    assertThat(again).as("client_msg_id dedupe").isEqualTo(withId).isNotEqualTo(msgId);
    assertThat(badTemplate.getError().getErrorCode()).isEqualTo(40037);
    assertThat(deleted).isTrue();
    assertThat(sim.truth().templateDeliveries(DEFAULT_APPID, user))
        .extracting(d -> Long.toString(d.msgId()))
        .containsExactly(msgId, withId);
  }

  @Test
  void listsFollowersAndTheirInfo() throws Exception {
    var population = sim.accounts().population(DEFAULT_APPID);

    WxMpUserList list = wxJava.getUserService().userList(null);
    WxMpUserList end = wxJava.getUserService().userList(list.getNextOpenid());
    List<WxMpUser> infos = wxJava.getUserService().userInfoList(population.openids(2));

    assertThat(list.getTotal()).isEqualTo(population.following(null).size());
    assertThat(list.getOpenids()).isEqualTo(population.following(null));
    assertThat(end.getCount()).isZero();
    assertThat(infos).extracting(WxMpUser::getOpenId).isEqualTo(population.openids(2));
    assertThat(infos.getFirst().getSubscribe()).isTrue();
    assertThat(infos.getFirst().getTagIds()).isNotEmpty();
    assertThat(infos.getFirst().getSubscribeScene()).isEqualTo("ADD_SCENE_OTHERS");
  }

  private static WxMpTemplateMessage paid(String user, String templateId, String clientMsgId) {
    WxMpTemplateMessage message =
        WxMpTemplateMessage.builder().toUser(user).templateId(templateId).build();
    message.setClientMsgId(clientMsgId);
    message.addData(new WxMpTemplateData("first", "支付成功"));
    message.addData(new WxMpTemplateData("keyword1", "30.00元"));
    message.addData(new WxMpTemplateData("keyword2", "保温杯"));
    message.addData(new WxMpTemplateData("remark", "谢谢"));
    return message;
  }
}
