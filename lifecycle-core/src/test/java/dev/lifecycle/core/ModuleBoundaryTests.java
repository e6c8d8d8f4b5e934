package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports the API and hides the engine; at run time it needs SLF4J and {@code jdk.jfr}, which every
 * JDK 17+ runtime has.
 */
class ModuleBoundaryTests {

    @Test
    void theModuleExportsTheApiPackagesOnlyAndNeedsNothingButSlf4jAndTheJdksFlightRecorderAtRunTime() throws Exception {
        Path classes = Paths.get(ServiceRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module = ModuleFinder.of(classes).findAll().stream().map(ModuleReference::descriptor)
                .filter(d -> d.name().equals("dev.lifecycle.core")).findFirst().orElseThrow();

        assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.lifecycle.core", "dev.lifecycle.core.event");
        assertThat(module.exports()).allMatch(e -> !e.isQualified());
        assertThat(module.packages()).contains("dev.lifecycle.core.internal");
        assertThat(module.requires()).filteredOn(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)
                && !r.name().equals("java.base")).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("org.slf4j", "jdk.jfr");
        assertThat(module.opens()).isEmpty();
    }
}
