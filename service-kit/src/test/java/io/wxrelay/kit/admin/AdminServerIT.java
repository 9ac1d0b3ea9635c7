package io.wxrelay.kit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wxrelay.kit.config.AdminSettings;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.kafka.KafkaClients;
import io.wxrelay.kit.lifecycle.Lifecycle;
import io.wxrelay.kit.metrics.Metrics;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructure.class)
class AdminServerIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Lifecycle lifecycle = new Lifecycle("admin-it");

  @AfterEach
  void close() {
    lifecycle.close();
  }

  @Test
  void metricsServePrometheusTextWithJvmAndKafkaClientMeters(KafkaEndpoint kafka) throws Exception {
    PrometheusMeterRegistry registry = Metrics.newRegistry("kit-test");
    AdminServer admin =
        lifecycle.register("admin", AdminServer.start(new AdminSettings("127.0.0.1", 0), registry));
    var settings =
        KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())));
    var producer =
        lifecycle.register("producer", new KafkaClients(settings, registry).producer("kit-it"));
    String topic = kafka.createUniqueTopic("kit-admin", 1);
    producer.send(new ProducerRecord<>(topic, "k", new byte[] {1})).get();

    HttpResponse<String> metrics = get(admin, "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("# TYPE jvm_memory_used_bytes gauge")
        .contains("service=\"kit-test\"")
        .containsPattern("kafka_producer_record_send_total\\{.*client_id=\"kit-it\"");
  }

  @Test
  void readinessIsDownWhileStartingOrWhileAnyCheckIsDownAndSaysWhich() throws Exception {
    AdminServer admin =
        lifecycle.register(
            "admin",
            AdminServer.start(new AdminSettings("127.0.0.1", 0), Metrics.newRegistry("t")));
    AtomicBoolean kafkaUp = new AtomicBoolean(false);
    admin.addReadinessCheck("kafka", () -> kafkaUp.get() ? Health.ok() : Health.down("no broker"));
    admin.addReadinessCheck("redis", Health::ok);
    HttpResponse<String> starting = get(admin, "/health/ready");
    kafkaUp.set(true);
    HttpResponse<String> stillStarting = get(admin, "/health/ready");
    admin.markStarted();
    kafkaUp.set(false);

    HttpResponse<String> down = get(admin, "/health/ready");
    kafkaUp.set(true);
    HttpResponse<String> up = get(admin, "/health/ready");

    assertThat(get(admin, "/health/live").statusCode()).isEqualTo(200);
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(stillStarting.statusCode()).isEqualTo(503);
    assertThat(stillStarting.body()).contains("startup: DOWN - starting").contains("kafka: up");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).doesNotContain("startup");
    assertThat(down.body()).contains("kafka: DOWN - no broker").contains("redis: up");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(get(admin, "/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void stoppingTurnsReadinessDownFirstAndTheReadyGaugeFollowsIt() throws Exception {
    PrometheusMeterRegistry registry = Metrics.newRegistry("t");
    AdminServer admin =
        lifecycle.register("admin", AdminServer.start(new AdminSettings("127.0.0.1", 0), registry));
    admin.addReadinessCheck("kafka", Health::ok);
    String starting = get(admin, "/metrics").body();
    admin.markStarted();
    HttpResponse<String> running = get(admin, "/health/ready");
    String ready = get(admin, "/metrics").body();

    admin.markStopping();

    HttpResponse<String> stopping = get(admin, "/health/ready");
    assertThat(starting).contains("wxrelay_ready{service=\"t\"} 0.0");
    assertThat(running.statusCode()).isEqualTo(200);
    assertThat(ready).contains("wxrelay_ready{service=\"t\"} 1.0");
    assertThat(stopping.statusCode()).isEqualTo(503);
    assertThat(stopping.body()).contains("shutdown: DOWN - stopping").contains("kafka: up");
    assertThat(get(admin, "/metrics").body()).contains("wxrelay_ready{service=\"t\"} 0.0");
    assertThat(get(admin, "/health/live").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(AdminServer admin, String path) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
