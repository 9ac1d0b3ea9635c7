package io.wxrelay.sim.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.wxrelay.kit.http.NettyHttpServer;
import io.wxrelay.sim.api.ApiRouter;
import io.wxrelay.sim.api.SimRequest;
import io.wxrelay.sim.api.SimResponse;
import io.wxrelay.sim.fault.Fault;
import io.wxrelay.sim.fault.Faults;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.truth.Truth;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Serves the WeChat API and the control API on Netty's event loop. Injected latency is a scheduled
 * task, not a sleeping thread, so slow answers cost no threads; faults can reset the connection
 * (SO_LINGER 0) or leave it silent, which a blocking server could not do.
 */
@Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final long HANG_MINUTES = 5;

  private final ApiRouter router;
  private final ControlApi control;
  private final Faults faults;
  private final Truth truth;

  HttpHandler(ApiRouter router, ControlApi control, Faults faults, Truth truth) {
    this.router = router;
    this.control = control;
    this.faults = faults;
    this.truth = truth;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    SimRequest request = toRequest(ctx, http);
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    if (request.path().startsWith("/sim/")) {
      write(ctx, control.handle(request), keepAlive);
      return;
    }
    Optional<String> api = router.apiOf(request.path());
    if (api.isEmpty()) {
      write(
          ctx,
          SimResponse.text(404, "no such API in wechat-sim: " + request.path() + "\n"),
          keepAlive);
      return;
    }
    Faults.Decision decision = faults.decide(api.get());
    if (decision.fault() != null) {
      truth.faulted(api.get());
    }
    Runnable answer = () -> answer(ctx, api.get(), request, decision.fault(), keepAlive);
    if (decision.delay().isZero()) {
      answer.run();
    } else {
      ctx.executor().schedule(answer, decision.delay().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void answer(
      ChannelHandlerContext ctx, String api, SimRequest request, Fault fault, boolean keepAlive) {
    switch (fault) {
      case null -> write(ctx, router.handle(api, request), keepAlive);
      case Fault.ErrCode e -> write(ctx, router.error(WeChatError.forCode(e.code())), keepAlive);
      case Fault.HttpStatus s ->
          write(ctx, SimResponse.text(s.status(), "injected HTTP " + s.status() + "\n"), false);
      case Fault.Reset r -> reset(ctx);
      case Fault.Hang h ->
          ctx.executor().schedule(() -> ctx.close(), HANG_MINUTES, TimeUnit.MINUTES);
      case Fault.Lost l -> {
        router.handle(api, request); // the effect happens; the answer never arrives
        reset(ctx);
      }
    }
  }

  private static void reset(ChannelHandlerContext ctx) {
    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0); // close() now sends RST
    ctx.close();
  }

  private static void write(ChannelHandlerContext ctx, SimResponse response, boolean keepAlive) {
    NettyHttpServer.respond(
        ctx, response.status(), response.contentType(), response.body(), keepAlive);
  }

  private static SimRequest toRequest(ChannelHandlerContext ctx, FullHttpRequest http) {
    QueryStringDecoder uri = new QueryStringDecoder(http.uri());
    Map<String, String> query = new HashMap<>();
    for (Map.Entry<String, List<String>> e : uri.parameters().entrySet()) {
      query.put(e.getKey(), e.getValue().getFirst());
    }
    String ip =
        ctx.channel().remoteAddress() instanceof InetSocketAddress address
            ? address.getAddress().getHostAddress()
            : "";
    return new SimRequest(
        http.method().name(),
        uri.path(),
        query,
        ByteBufUtil.getBytes(http.content()),
        http.headers().get(HttpHeaderNames.CONTENT_TYPE),
        ip);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a client that went away mid-request; nothing to answer
  }
}
