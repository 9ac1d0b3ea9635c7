package io.wxrelay.sim;

import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.api.ApiContext;
import io.wxrelay.sim.api.ApiRouter;
import io.wxrelay.sim.api.CustomApi;
import io.wxrelay.sim.api.MassApi;
import io.wxrelay.sim.api.MaterialApi;
import io.wxrelay.sim.api.MediaApi;
import io.wxrelay.sim.api.MenuApi;
import io.wxrelay.sim.api.PublishApi;
import io.wxrelay.sim.api.QrCodeApi;
import io.wxrelay.sim.api.TagApi;
import io.wxrelay.sim.api.TemplateApi;
import io.wxrelay.sim.api.TicketApi;
import io.wxrelay.sim.api.TokenApi;
import io.wxrelay.sim.api.UserApi;
import io.wxrelay.sim.fault.Faults;
import io.wxrelay.sim.http.AccountControl;
import io.wxrelay.sim.http.ControlApi;
import io.wxrelay.sim.http.SimServer;
import io.wxrelay.sim.jssdk.JsSdkTickets;
import io.wxrelay.sim.mass.MassJobs;
import io.wxrelay.sim.media.MediaStore;
import io.wxrelay.sim.menu.MenuStores;
import io.wxrelay.sim.publish.PublishDesk;
import io.wxrelay.sim.push.PacedScans;
import io.wxrelay.sim.push.PushClient;
import io.wxrelay.sim.push.UserActions;
import io.wxrelay.sim.qrcode.Tickets;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.tags.TagStores;
import io.wxrelay.sim.template.TemplateSender;
import io.wxrelay.sim.template.TemplateStores;
import io.wxrelay.sim.token.TokenAuthority;
import io.wxrelay.sim.truth.Truth;
import java.time.InstantSource;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local WeChat: the Official Account API at {@code <baseUrl>/cgi-bin/...} with WeChat's rules and
 * error codes, callback pushes to each account's URL, injectable faults, and the truth of what
 * happened. Start it standalone ({@link SimMain}) or in-process (this class, or the JUnit extension
 * in {@code io.wxrelay.sim.junit}).
 */
public final class WeChatSim implements AutoCloseable {
  private final Truth truth = new Truth();
  private final Accounts accounts = new Accounts();
  private final MediaStore media;
  private final Tickets tickets = new Tickets();
  private final Faults faults;
  private final PushClient pushes;
  private final MassJobs mass;
  private final TagStores tags;
  private final MenuStores menus;
  private final TemplateStores templates = new TemplateStores();
  private final TemplateSender templateSender;
  private final PublishDesk publishing;
  private final UserActions users;
  private final PacedScans scans;
  private final SimServer server;
  private final String host;

  private WeChatSim(SimConfig config, InstantSource clock) {
    SimRules rules = config.rules();
    JsonMapper mapper = ContractCodec.newMapper();
    config.apps().forEach(a -> accounts.add(a.app(), population(a)));
    faults = new Faults(config.seed());
    faults.configure(config.faults());
    media = new MediaStore(clock);
    pushes = new PushClient(rules, clock, truth);
    mass = new MassJobs(rules, clock, accounts, pushes, truth);
    tags = new TagStores(accounts);
    menus = new MenuStores(accounts);
    users = new UserActions(accounts, tickets, pushes, rules, clock, menus);
    scans = new PacedScans(users, clock);
    templateSender = new TemplateSender(rules, clock, accounts, templates, pushes, truth);
    publishing = new PublishDesk(rules, clock, accounts, pushes, truth);
    var context =
        new ApiContext(
            clock,
            accounts,
            new TokenAuthority(rules, clock),
            media,
            tickets,
            mass,
            truth,
            tags,
            templates,
            templateSender,
            publishing,
            menus);
    ApiRouter router = new ApiRouter(context, mapper);
    new TokenApi(context).register(router);
    new MassApi(context).register(router);
    new CustomApi(context).register(router);
    new QrCodeApi(context).register(router);
    new MediaApi(context).register(router);
    new TagApi(context).register(router);
    new TemplateApi(context).register(router);
    new UserApi(context).register(router);
    new PublishApi(context).register(router);
    new MaterialApi(context).register(router);
    JsSdkTickets jsSdk = new JsSdkTickets(rules, clock);
    new TicketApi(context, jsSdk).register(router);
    new MenuApi(context).register(router);
    var control =
        new ControlApi(
            accounts,
            users,
            scans,
            truth,
            faults,
            new AccountControl(accounts, templates, media, jsSdk),
            mapper);
    host = config.host();
    server =
        new SimServer(
            config.host(), config.port(), config.ioThreads(), router, control, faults, truth);
  }

  private static Population population(SimConfig.AppSetup setup) {
    Population population =
        Population.generate(setup.app().appid(), setup.followers(), setup.tags());
    for (String entry : setup.seeded()) {
      int at = entry.indexOf('@');
      Set<Integer> tags = at < 0 ? Set.of() : Set.of(Integer.parseInt(entry.substring(at + 1)));
      population.add(at < 0 ? entry : entry.substring(0, at), true, tags);
    }
    return population;
  }

  public static WeChatSim start(SimConfig config) {
    return start(config, InstantSource.system());
  }

  /** Starts with a clock of the caller's, so tests can move time instead of waiting. */
  public static WeChatSim start(SimConfig config, InstantSource clock) {
    return new WeChatSim(config, clock);
  }

  public int port() {
    return server.port();
  }

  /**
   * E.g. {@code http://127.0.0.1:8089}: what to use instead of {@code https://api.weixin.qq.com}.
   */
  public String baseUrl() {
    return "http://" + host + ":" + port();
  }

  public Truth truth() {
    return truth;
  }

  /** Act as a user: follow, unfollow, scan, send text, click. */
  public UserActions users() {
    return users;
  }

  public Faults faults() {
    return faults;
  }

  public Accounts accounts() {
    return accounts;
  }

  /** Each account's user tags. */
  public TagStores tags() {
    return tags;
  }

  /** Each account's menus. */
  public MenuStores menus() {
    return menus;
  }

  /** Each account's templates, industries and template quota. */
  public TemplateStores templates() {
    return templates;
  }

  /** QR tickets, e.g. to create one for a scan without calling qrcode/create. */
  public Tickets tickets() {
    return tickets;
  }

  /** Pushes in flight and done, e.g. {@code pushes().whenDone(id)}. */
  public PushClient pushes() {
    return pushes;
  }

  @Override
  public void close() {
    server.close();
    scans.close();
    mass.close();
    templateSender.close();
    publishing.close();
    pushes.close();
  }
}
