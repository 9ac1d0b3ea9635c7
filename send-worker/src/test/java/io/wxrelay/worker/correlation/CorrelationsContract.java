package io.wxrelay.worker.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.worker.correlation.Correlations.BroadcastRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Correlations} does: run against Redis ({@code RedisCorrelationsIT}) and in
 * memory ({@code InMemoryCorrelationsTest}).
 */
public abstract class CorrelationsContract {
  private static final String APP = "wx5823bf96d3bd56c7";
  private static final String OTHER_APP = "wx1111111111111111";

  /** Correlations of their own for this case, empty. */
  protected abstract Correlations correlations();

  @Test
  void aQrCodesReplyIsFoundByItsAccountAndScene() {
    Correlations correlations = correlations();
    correlations.rememberQrReply(
        APP, "qrscene_order-1", "{\"msgtype\":\"text\"}", Duration.ofMinutes(1));

    assertThat(correlations.qrReply(APP, "qrscene_order-1")).hasValue("{\"msgtype\":\"text\"}");
    assertThat(correlations.qrReply(APP, "qrscene_order-2")).isEmpty();
    assertThat(correlations.qrReply(OTHER_APP, "qrscene_order-1")).isEmpty();
  }

  @Test
  void aBroadcastsMsgIdLeadsBackToItsCommandAndChunk() {
    Correlations correlations = correlations();
    correlations.rememberBroadcast(
        APP, 1000123L, new BroadcastRef("cmd-9:with-colon", 2), Duration.ofMinutes(1));

    assertThat(correlations.broadcast(APP, 1000123L))
        .hasValue(new BroadcastRef("cmd-9:with-colon", 2));
    assertThat(correlations.broadcast(OTHER_APP, 1000123L)).isEmpty();
    assertThat(correlations.broadcast(APP, 1000124L)).isEmpty();
  }

  @Test
  void aTemplateMessagesMsgIdLeadsBackToItsCommand() {
    Correlations correlations = correlations();
    correlations.rememberTemplate(APP, 2002283321L, "cmd-t:1", Duration.ofMinutes(1));

    assertThat(correlations.template(APP, 2002283321L)).hasValue("cmd-t:1");
    assertThat(correlations.template(OTHER_APP, 2002283321L)).isEmpty();
    assertThat(correlations.template(APP, 2002283322L)).isEmpty();
    assertThat(correlations.broadcast(APP, 2002283321L)).as("not a broadcast's").isEmpty();
  }

  @Test
  void aFinishThatCameBeforeItsLinkIsKeptWhole() {
    Correlations correlations = correlations();
    var finish = new Correlations.TemplateFinish("evt-1", "oUser1", "failed: system\nfailed");
    correlations.rememberTemplateFinish(APP, 77L, finish, Duration.ofMinutes(1));

    assertThat(correlations.templateFinish(APP, 77L)).hasValue(finish);
    assertThat(correlations.templateFinish(APP, 78L)).isEmpty();
    assertThat(correlations.templateFinish(OTHER_APP, 77L)).isEmpty();
  }

  @Test
  void aPublishIdLeadsBackToItsCommandAndAnEarlyFinishIsKeptWhole() {
    Correlations correlations = correlations();
    correlations.rememberPublish(APP, "2247503051", "cmd-p:1", Duration.ofMinutes(1));
    var success =
        new Correlations.PublishFinish(
            "publish-1", 0, "art-1", List.of("https://mp/s/1", "https://mp/s/2"), List.of());
    var failure = new Correlations.PublishFinish("publish-2", 2, null, List.of(), List.of(1, 3));
    correlations.rememberPublishFinish(APP, "1", success, Duration.ofMinutes(1));
    correlations.rememberPublishFinish(APP, "2", failure, Duration.ofMinutes(1));

    assertThat(correlations.publish(APP, "2247503051")).hasValue("cmd-p:1");
    assertThat(correlations.publish(OTHER_APP, "2247503051")).isEmpty();
    assertThat(correlations.publishFinish(APP, "1")).hasValue(success);
    assertThat(correlations.publishFinish(APP, "2")).hasValue(failure);
    assertThat(correlations.publishFinish(OTHER_APP, "1")).isEmpty();
  }

  @Test
  void whatIsRememberedIsForgottenAfterItsTtl() {
    Correlations correlations = correlations();
    correlations.rememberQrReply(APP, "qrscene_short", "{}", Duration.ofMillis(200));
    correlations.rememberBroadcast(APP, 7L, new BroadcastRef("cmd-1", 0), Duration.ofMillis(200));
    correlations.rememberTemplate(APP, 8L, "cmd-2", Duration.ofMillis(200));
    assertThat(correlations.qrReply(APP, "qrscene_short")).isPresent();

    await()
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                correlations.qrReply(APP, "qrscene_short").isEmpty()
                    && correlations.broadcast(APP, 7L).isEmpty()
                    && correlations.template(APP, 8L).isEmpty());
  }
}
