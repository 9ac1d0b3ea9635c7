package io.wxrelay.sim.api;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.mass.MassJobs;
import io.wxrelay.sim.media.MediaStore;
import io.wxrelay.sim.menu.MenuStores;
import io.wxrelay.sim.publish.PublishDesk;
import io.wxrelay.sim.qrcode.Tickets;
import io.wxrelay.sim.tags.TagStores;
import io.wxrelay.sim.template.TemplateSender;
import io.wxrelay.sim.template.TemplateStores;
import io.wxrelay.sim.token.TokenAuthority;
import io.wxrelay.sim.truth.Truth;
import java.time.InstantSource;

/** The simulator's state, as the API handlers need it. */
public record ApiContext(
    InstantSource clock,
    Accounts accounts,
    TokenAuthority tokens,
    MediaStore media,
    Tickets tickets,
    MassJobs mass,
    Truth truth,
    TagStores tags,
    TemplateStores templates,
    TemplateSender templateSender,
    PublishDesk publishing,
    MenuStores menus) {}
