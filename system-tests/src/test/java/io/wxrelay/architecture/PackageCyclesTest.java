package io.wxrelay.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * No package of any module depends, directly or through others, on a package that depends on it.
 */
@AnalyzeClasses(
    packages = "io.wxrelay",
    importOptions = {ImportOption.DoNotIncludeTests.class, PackageRulesTest.NotTestKit.class})
class PackageCyclesTest {
  @ArchTest static final ArchRule schemas = freeOfCycles("schemas");

  @ArchTest static final ArchRule serviceKit = freeOfCycles("kit");

  @ArchTest static final ArchRule simulator = freeOfCycles("sim");

  @ArchTest static final ArchRule tokenService = freeOfCycles("token");

  @ArchTest static final ArchRule callbackGateway = freeOfCycles("gateway");

  @ArchTest static final ArchRule sendWorker = freeOfCycles("worker");

  @ArchTest static final ArchRule cli = freeOfCycles("cli");

  /** Each package of the module, its root package included, is a slice of its own. */
  private static ArchRule freeOfCycles(String module) {
    String root = "io.wxrelay." + module;
    SliceAssignment packages =
        new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals(root) || name.startsWith(root + ".")
                ? SliceIdentifier.of(name)
                : SliceIdentifier.ignore();
          }

          @Override
          public String getDescription() {
            return "the packages of " + root;
          }
        };
    return slices()
        .assignedFrom(packages)
        .should()
        .beFreeOfCycles()
        .because("a package that its own dependencies depend on cannot be read or tested alone");
  }
}
