package io.wxrelay.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of docs/architecture.md, convention 1, checked on every module's production
 * classes. Rules about modules that do not exist yet (gateway, worker, token) are stated now and
 * allowed to match nothing, so they bind from the first class those modules add.
 */
@AnalyzeClasses(
    packages = "io.wxrelay",
    importOptions = {ImportOption.DoNotIncludeTests.class, PackageRulesTest.NotTestKit.class})
class PackageRulesTest {

  @ArchTest
  static final ArchRule schemasDependOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("io.wxrelay.schemas..")
          .should()
          .dependOnClassesThat(ours().and(not(resideInAPackage("io.wxrelay.schemas.."))))
          .because("schemas are the contract every module shares and must stand alone");

  @ArchTest
  static final ArchRule schemasUseOnlyJacksonAndTheValidator =
      classes()
          .that()
          .resideInAPackage("io.wxrelay.schemas..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.wxrelay.schemas..",
              "java..",
              "tools.jackson..",
              "com.fasterxml.jackson.annotation..",
              "com.networknt.schema..")
          .because("a contract module with few dependencies is easy for every consumer to take");

  @ArchTest
  static final ArchRule serviceKitKnowsNothingOfWeChatServices =
      noClasses()
          .that()
          .resideInAPackage("io.wxrelay.kit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.wxrelay.gateway..",
              "io.wxrelay.worker..",
              "io.wxrelay.token..",
              "io.wxrelay.sim..")
          .because("service-kit is what every service needs and nothing domain-specific");

  @ArchTest
  static final ArchRule gatewayNeverImportsTheWorker =
      noClasses()
          .that()
          .resideInAPackage("io.wxrelay.gateway..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.wxrelay.worker..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule workerUsesOnlyTheTokenClient =
      noClasses()
          .that()
          .resideInAPackage("io.wxrelay.worker..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.wxrelay.token..")
                  .and(not(resideInAPackage("io.wxrelay.token.client.."))))
          .allowEmptyShould(true)
          .because("only token-service holds app secrets; workers embed its client package");

  @ArchTest
  static final ArchRule theSimulatorStandsApartFromWhatItSimulatesFor =
      noClasses()
          .that()
          .resideInAPackage("io.wxrelay.sim..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.wxrelay.gateway..", "io.wxrelay.worker..", "io.wxrelay.token..")
          .because("a fake that shares code with the system under test hides the bugs of both");

  @ArchTest
  static final ArchRule onlyHttpPackagesImportNetty =
      noClasses()
          .that()
          .resideOutsideOfPackage("..http..")
          .and()
          .doNotHaveFullyQualifiedName("io.wxrelay.gateway.callback.Deadlines")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.netty..")
          .because(
              "the HTTP server is one concept per service; the rest is protocol and domain (the"
                  + " gateway's deadlines use Netty's timer wheel, not its HTTP: decision 0046)");

  @ArchTest
  static final ArchRule onlyTheSimulatorsHttpPackageImportsNetty =
      noClasses()
          .that()
          .resideInAPackage("io.wxrelay.sim..")
          .and()
          .resideOutsideOfPackage("io.wxrelay.sim.http..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.netty..");

  @ArchTest
  static final ArchRule onlyRedisStorePackagesImportJedis =
      noClasses()
          .that()
          .resideOutsideOfPackages("..store..", "..redis..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("redis.clients.jedis..")
          .because("Redis is an implementation detail behind store interfaces");

  @ArchTest
  static final ArchRule onlyConsumePackagesImportTheKafkaConsumer =
      noClasses()
          .that()
          .resideOutsideOfPackages("..consume..", "io.wxrelay.kit.kafka..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.kafka.clients.consumer..")
          .because("one place owns polling, offsets and rebalances");

  @ArchTest
  static final ArchRule packagesNameConceptsNotLayers =
      noClasses()
          .should()
          .resideInAnyPackage(
              "..util..",
              "..utils..",
              "..impl..",
              "..manager..",
              "..helper..",
              "..helpers..",
              "..common..",
              "..misc..")
          .because("packages name concepts (worker.ratelimit, token.store), not layers");

  private static DescribedPredicate<JavaClass> ours() {
    return resideInAPackage("io.wxrelay..");
  }

  /**
   * test-kit is test infrastructure (its own JUnit extension talks to Redis), and so are the test
   * jars the fault suite uses: not a service.
   */
  static final class NotTestKit implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("test-kit") && !location.contains("-tests.jar");
    }
  }
}
