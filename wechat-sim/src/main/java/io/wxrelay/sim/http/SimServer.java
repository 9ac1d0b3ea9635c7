package io.wxrelay.sim.http;

import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.wxrelay.kit.http.NettyHttpServer;
import io.wxrelay.sim.api.ApiRouter;
import io.wxrelay.sim.fault.Faults;
import io.wxrelay.sim.truth.Truth;

/** The simulator's HTTP server: WeChat's API under /cgi-bin, the control API under /sim. */
public final class SimServer implements AutoCloseable {
  private static final int MAX_BODY = 16 * 1024 * 1024; // media uploads

  private final NettyHttpServer server;

  public SimServer(
      String host,
      int port,
      int threads,
      ApiRouter router,
      ControlApi control,
      Faults faults,
      Truth truth) {
    HttpHandler handler = new HttpHandler(router, control, faults, truth);
    server =
        NettyHttpServer.start(
            host,
            port,
            threads,
            pipeline ->
                pipeline
                    .addLast(new HttpServerCodec())
                    .addLast(new HttpObjectAggregator(MAX_BODY))
                    .addLast(handler));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
