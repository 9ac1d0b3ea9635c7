package io.wxrelay.kit.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Netty HTTP server every wxrelay service with real HTTP traffic runs: one acceptor thread,
 * {@code ioThreads} event loops, TCP_NODELAY, and the service's own pipeline. Binding failures
 * release the event loops; {@link #close} stops accepting and shuts the loops down.
 */
public final class NettyHttpServer implements AutoCloseable {
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers;
  private final Channel channel;

  private NettyHttpServer(
      String host, int port, int ioThreads, Consumer<ChannelPipeline> pipeline) {
    workers = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    Channel bound = null;
    try {
      bound =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      pipeline.accept(ch.pipeline());
                    }
                  })
              .bind(host, port)
              .sync()
              .channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
    } finally {
      if (bound == null) {
        shutDownLoops(); // a failed bind must not leave event-loop threads behind
      }
    }
    channel = bound;
  }

  /** Binds {@code host:port} (0 = any free port) and serves with the given pipeline. */
  public static NettyHttpServer start(
      String host, int port, int ioThreads, Consumer<ChannelPipeline> pipeline) {
    return new NettyHttpServer(host, port, ioThreads, pipeline);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Writes a complete response; closes the connection unless it is kept alive. */
  public static void respond(
      ChannelHandlerContext ctx, int status, String contentType, byte[] body, boolean keepAlive) {
    respond(ctx, status, contentType, body, keepAlive, () -> {});
  }

  /**
   * Writes a complete response, runs {@code written} once it is written (or failed to be); closes
   * the connection unless it is kept alive.
   */
  public static void respond(
      ChannelHandlerContext ctx,
      int status,
      String contentType,
      byte[] body,
      boolean keepAlive,
      Runnable written) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response).addListener(f -> written.run());
    } else {
      // Said out loud, so that a client does not put the connection back in its pool.
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response)
          .addListener(ChannelFutureListener.CLOSE)
          .addListener(f -> written.run());
    }
  }

  /** Stops accepting connections; those open are served until {@link #close}. */
  public void stopAccepting() {
    channel.close().syncUninterruptibly();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutDownLoops();
  }

  private void shutDownLoops() {
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
