package io.wxrelay.gateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.wxrelay.gateway.callback.CallbackProcessor;
import io.wxrelay.gateway.callback.Reply;
import io.wxrelay.gateway.metrics.GatewayMeters;
import io.wxrelay.kit.http.NettyHttpServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's HTTP server (Netty): {@code GET|POST /wechat/{appid}}. Requests are read and
 * checked on the event loop; the answer is written from the Kafka producer's callback, so no thread
 * waits for the broker. Oversized bodies get 413 from the aggregator, slow clients are cut after 10
 * s, and a handler failure answers 500 without taking the server down.
 */
public final class GatewayServer implements AutoCloseable {
  private static final String PATH = "/wechat/";

  private final NettyHttpServer server;

  public GatewayServer(
      String host,
      int port,
      int threads,
      int maxBody,
      boolean bareEndpoint,
      CallbackProcessor processor,
      GatewayMeters.Recorder meters) {
    Handler handler = new Handler(processor, bareEndpoint, meters);
    server =
        NettyHttpServer.start(
            host,
            port,
            threads,
            pipeline ->
                pipeline
                    .addLast(new ReadTimeoutHandler(10, TimeUnit.SECONDS))
                    .addLast(new HttpServerCodec(4096, 8192, 8192))
                    .addLast(new CountingAggregator(maxBody, meters))
                    .addLast(handler));
  }

  public int port() {
    return server.port();
  }

  /** Counts 413s as a rejection reason before the aggregator answers them. */
  private static final class CountingAggregator extends HttpObjectAggregator {
    private final GatewayMeters.Recorder meters;

    CountingAggregator(int maxContentLength, GatewayMeters.Recorder meters) {
      super(maxContentLength);
      this.meters = meters;
    }

    @Override
    protected void handleOversizedMessage(
        ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized)
        throws Exception {
      meters.rejection("too_large");
      super.handleOversizedMessage(ctx, oversized);
    }
  }

  @Sharable
  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final CallbackProcessor processor;
    private final boolean bareEndpoint;
    private final GatewayMeters.Recorder meters;

    Handler(CallbackProcessor processor, boolean bareEndpoint, GatewayMeters.Recorder meters) {
      this.processor = processor;
      this.bareEndpoint = bareEndpoint;
      this.meters = meters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (!request.decoderResult().isSuccess()) {
        meters.rejection("bad_http");
        write(ctx, Reply.refused(400, "bad_http"), false);
        return;
      }
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      String path = uri.path();
      if (bareEndpoint && path.equals("/bench/success")) {
        write(ctx, Reply.SUCCESS, keepAlive);
        return;
      }
      if (!path.startsWith(PATH)
          || path.length() == PATH.length()
          || path.indexOf('/', PATH.length()) >= 0) {
        meters.rejection("unknown_path");
        write(ctx, Reply.refused(404, "unknown_path"), keepAlive);
        return;
      }
      Map<String, String> query = new HashMap<>();
      uri.parameters().forEach((k, v) -> query.put(k, v.getFirst()));
      processor
          .handle(
              request.method().name(),
              path.substring(PATH.length()),
              query,
              request.headers().get(HttpHeaderNames.CONTENT_TYPE),
              ByteBufUtil.getBytes(request.content()))
          .whenComplete(
              (reply, error) ->
                  write(
                      ctx,
                      error == null ? reply : new Reply(500, "internal error\n", null),
                      keepAlive));
    }

    private static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
      NettyHttpServer.respond(
          ctx,
          reply.status(),
          "text/plain; charset=utf-8",
          reply.body().getBytes(UTF_8),
          keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a broken or timed-out connection; the server keeps serving others
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
