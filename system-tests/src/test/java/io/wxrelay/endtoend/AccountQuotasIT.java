package io.wxrelay.endtoend;

import static io.wxrelay.endtoend.InProcessRelay.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.sim.account.AccountType;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WeChat's broadcast quotas on the whole relay, and what wxrelay reports when they are spent: a
 * subscription account's second broadcast of the day is FAILED (45028, {@code quota}, not retried);
 * a service account's follower receives 4 broadcasts a month, and the fifth's {@code
 * wechat.mass.finished} says it reached no one.
 */
@ExtendWith(RealInfrastructure.class)
class AccountQuotasIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static InProcessRelay relay;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    relay = new InProcessRelay(kafka, redis, Map.of());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    relay.close();
  }

  @Test
  void aSubscriptionAccountsSecondBroadcastOfTheDayFailsAsQuota() throws Exception {
    AppConfig service = relay.sim.accounts().app(APPID).orElseThrow();
    relay.sim.accounts().update(service.withType(AccountType.SUBSCRIPTION));
    try {
      CommandResult first = toAll("daily-1-" + RUN);
      CommandResult second = toAll("daily-2-" + RUN);

      assertThat(first.status()).isEqualTo(Status.SUCCEEDED);
      assertThat(second.status()).isEqualTo(Status.FAILED);
      assertThat(second.errcode()).isEqualTo(45028);
      assertThat(second.errorClass()).isEqualTo(ErrorClass.QUOTA);
      assertThat(second.attempts()).as("no use trying again today").isEqualTo(1);
    } finally {
      relay.sim.accounts().update(service);
    }
  }

  @Test
  void aServiceAccountsFollowerGetsFourBroadcastsAMonthAndTheFifthSaysSo() throws Exception {
    List<String> users = relay.sim.accounts().population(APPID).openids(100).subList(98, 100);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = "monthly-" + i + "-" + RUN;
      ids.add(id);
      relay.send(EventType.MASS_SEND, id, new MassSend(users, MassMessage.text(id), null));
      assertThat(relay.result(id).status())
          .as("WeChat accepts the job")
          .isEqualTo(Status.SUCCEEDED);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> ids.stream().allMatch(id -> !relay.published(id, MassFinished.class).isEmpty()));
    MassFinished fifth = relay.published(ids.getLast(), MassFinished.class).getFirst();
    assertThat(fifth.totalCount()).isEqualTo(2);
    assertThat(fifth.sentCount()).as("both followers had their 4 this month").isZero();
    for (String user : users) {
      assertThat(
              relay.sim.truth().deliveriesTo(APPID, user).stream()
                  .filter(d -> d.channel().equals("mass"))
                  .count())
          .isEqualTo(4);
    }
  }

  private static CommandResult toAll(String id) throws Exception {
    relay.send(
        EventType.MASS_SENDALL,
        id,
        new MassSendAll(MassSendAll.Filter.all(), MassMessage.text(id), null));
    return relay.result(id);
  }
}
