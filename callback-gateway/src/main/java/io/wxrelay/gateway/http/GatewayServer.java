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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server (Netty): {@code GET|POST /wechat/{appid}}. Requests are read and
 * checked on the event loop; the answer is written from the Kafka producer's callback, so no thread
 * waits for the broker. Oversized bodies get 413 from the aggregator, slow clients are cut after 10
 * s, and a handler failure answers 500 without taking the server down.
 *
 * <p>{@link #close} is graceful: it stops accepting connections, answers every request it took
 * (each with {@code Connection: close}, so that clients go elsewhere), and closes once none is left
 * and the open connections have been quiet for a moment, or when its drain bound is over.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
  private static final String PATH = "/wechat/";

  /** A drained server still waits this long without a new request before it closes. */
  static final Duration QUIET = Duration.ofMillis(500);

  private final NettyHttpServer server;
  private final Handler handler;
  private final Duration drain;

  public GatewayServer(
      String host,
      int port,
      int threads,
      int maxBody,
      @Nullable BenchEndpoints bench,
      Duration drain,
      CallbackProcessor processor,
      GatewayMeters.Recorder meters) {
    this.drain = drain;
    this.handler = new Handler(processor, bench, meters);
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
    private final @Nullable BenchEndpoints bench;
    private final GatewayMeters.Recorder meters;

    /** Requests taken and not answered yet. */
    private final AtomicInteger open = new AtomicInteger();

    private volatile long lastRequestNanos = System.nanoTime();
    private volatile boolean draining;

    Handler(
        CallbackProcessor processor,
        @Nullable BenchEndpoints bench,
        GatewayMeters.Recorder meters) {
      this.processor = processor;
      this.bench = bench;
      this.meters = meters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      open.incrementAndGet(); // every path below answers through write(), which counts it down
      lastRequestNanos = System.nanoTime();
      boolean keepAlive = HttpUtil.isKeepAlive(request) && !draining;
      try {
        serve(ctx, request, keepAlive);
      } catch (IllegalArgumentException e) {
        meters.rejection("bad_http"); // a request line Netty cannot decode, e.g. "%zz"
        write(ctx, Reply.refused(400, "bad_http"), false);
      } catch (RuntimeException e) {
        write(ctx, new Reply(500, "internal error\n", null), false);
      }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
      if (!request.decoderResult().isSuccess()) {
        meters.rejection("bad_http");
        write(ctx, Reply.refused(400, "bad_http"), false);
        return;
      }
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      String path = uri.path();
      if (bench != null && path.startsWith(BenchEndpoints.PATH)) {
        bench
            .serve(request.method().name(), path, ByteBufUtil.getBytes(request.content()))
            .whenComplete(
                (reply, error) ->
                    write(
                        ctx,
                        error == null ? reply : new Reply(503, "not stored\n", null),
                        keepAlive));
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

    private void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
      NettyHttpServer.respond(
          ctx,
          reply.status(),
          "text/plain; charset=utf-8",
          reply.body().getBytes(UTF_8),
          keepAlive && !draining,
          open::decrementAndGet);
    }

    /** Whether every request taken is answered and none came for {@link #QUIET}. */
    boolean drained() {
      return open.get() == 0 && System.nanoTime() - lastRequestNanos >= QUIET.toNanos();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a broken or timed-out connection; the server keeps serving others
    }
  }

  /**
   * Stops gracefully: no new connection; every request taken is answered (a push is answered once
   * Kafka acknowledged it or the ack timeout is over, so within the drain bound); then closes.
   */
  @Override
  public void close() {
    handler.draining = true;
    server.stopAccepting();
    long deadline = System.nanoTime() + drain.toNanos();
    try {
      while (!handler.drained() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int unanswered = handler.open.get();
    if (unanswered > 0) {
      log.warn("{} requests still unanswered after the drain bound of {}", unanswered, drain);
    }
    server.close();
  }
}
