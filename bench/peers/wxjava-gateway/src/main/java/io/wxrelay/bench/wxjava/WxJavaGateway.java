package io.wxrelay.bench.wxjava;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * A WeChat callback gateway written the conventional way: embedded Tomcat (its defaults: NIO
 * connector, 200 worker threads) with one servlet, WxJava for the signature and the XML, Redisson
 * for the dedupe, a {@link KafkaProducer} (acks=all) with a blocking send. The peer that
 * bench/gateway-vs-wxjava.sh compares callback-gateway with; not part of wxrelay.
 *
 * <p>Environment, named as callback-gateway's where they mean the same: GATEWAY_APPS
 * ({@code appid:token[:plain],...}, plaintext mode only), GATEWAY_HOST (127.0.0.1), GATEWAY_PORT
 * (8080), GATEWAY_DEDUPE_PREFIX, GATEWAY_DEDUPE_WINDOW_SECONDS (60), REDIS_URL
 * (redis://127.0.0.1:6379), KAFKA_BOOTSTRAP_SERVERS (127.0.0.1:9092), WXRELAY_TOPIC_EVENTS
 * (wechat.events).
 */
public final class WxJavaGateway {
  private WxJavaGateway() {}

  public static void main(String[] args) throws Exception {
    WxMpService wx = new WxMpServiceImpl();
    wx.setMultiConfigStorages(apps(env("GATEWAY_APPS", null)));
    RedissonClient redisson = Redisson.create(redisConfig(env("REDIS_URL", "redis://127.0.0.1:6379")));
    KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps());
    WechatServlet servlet =
        new WechatServlet(
            wx,
            redisson,
            producer,
            new ObjectMapper(),
            env("WXRELAY_TOPIC_EVENTS", "wechat.events"),
            env("GATEWAY_DEDUPE_PREFIX", "wxjava-peer:seen:"),
            Duration.ofSeconds(Long.parseLong(env("GATEWAY_DEDUPE_WINDOW_SECONDS", "60"))));

    Tomcat tomcat = new Tomcat();
    File base = Files.createTempDirectory("wxjava-gateway-tomcat").toFile();
    base.deleteOnExit();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = new Connector(); // HTTP/1.1 NIO, maxThreads 200: Tomcat's defaults
    connector.setPort(Integer.parseInt(env("GATEWAY_PORT", "8080")));
    connector.setProperty("address", env("GATEWAY_HOST", "127.0.0.1"));
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.getAbsolutePath());
    Tomcat.addServlet(context, "wechat", servlet);
    context.addServletMapping("/wechat/*", "wechat");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    tomcat.stop();
                  } catch (Exception e) {
                    // stopping anyway
                  }
                  producer.close();
                  redisson.shutdown();
                }));
    tomcat.start();
    tomcat.getServer().await();
  }

  static Map<String, WxMpConfigStorage> apps(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("GATEWAY_APPS is required: appid:token[:plain],...");
    }
    Map<String, WxMpConfigStorage> apps = new LinkedHashMap<>();
    for (String app : spec.split(",")) {
      String[] parts = app.trim().split(":");
      if (parts.length < 2 || (parts.length > 2 && !"plain".equals(parts[2]))) {
        throw new IllegalArgumentException("GATEWAY_APPS: each app is appid:token[:plain]");
      }
      WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
      config.setAppId(parts[0]);
      config.setToken(parts[1]);
      apps.put(parts[0], config);
    }
    return apps;
  }

  static Config redisConfig(String url) {
    URI uri = URI.create(url);
    Config config = new Config();
    SingleServerConfig server =
        config
            .useSingleServer()
            .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
    if (uri.getUserInfo() != null) {
      String[] user = uri.getUserInfo().split(":", 2);
      if (!user[0].isEmpty()) {
        server.setUsername(user[0]);
      }
      if (user.length > 1) {
        server.setPassword(user[1]);
      }
    }
    return config;
  }

  static Properties producerProps() {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
