package io.wxrelay.gateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.wxrelay.gateway.metrics.GatewayMeters;
import java.net.InetSocketAddress;
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

  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers;
  private final Channel channel;

  public GatewayServer(
      String host,
      int port,
      int threads,
      int maxBody,
      boolean bareEndpoint,
      CallbackProcessor processor,
      GatewayMeters.Recorder meters) {
    workers = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    Handler handler = new Handler(processor, bareEndpoint, meters);
    try {
      channel =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new ReadTimeoutHandler(10, TimeUnit.SECONDS))
                          .addLast(new HttpServerCodec(4096, 8192, 8192))
                          .addLast(new CountingAggregator(maxBody, meters))
                          .addLast(handler);
                    }
                  })
              .bind(host, port)
              .sync()
              .channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
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
      byte[] body = reply.body().getBytes(UTF_8);
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(reply.status()),
              Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      if (keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a broken or timed-out connection; the server keeps serving others
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
