package dev.lifecycle.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementsTests {

    @Test
    void keepsEachIdOnceInTheOrderFirstDeclared() {
        Requirements requirements = new Requirements();
        requirements.add("config", null);
        requirements.add("db", null);
        requirements.add(new String("config"), null);

        assertThat(requirements.ids()).containsExactly("config", "db");
        assertThat(requirements.types()).as("no requirement reads a value").isNull();
    }

    @Test
    void aRequirementDeclaredWithAndWithoutATypeReadsTheFirstTypeDeclared() {
        Requirements requirements = new Requirements();
        requirements.add("config", null);
        requirements.add("db", String.class);
        requirements.add("config", Integer.class);
        requirements.add("config", Long.class);
        requirements.add("db", null);

        assertThat(requirements.ids()).containsExactly("config", "db");
        assertThat(requirements.types()).containsExactly(Integer.class, String.class);
    }

    @Test
    void manyRequirementsWithDuplicatesAreFoundThroughTheIndexAsWell() {
        Requirements requirements = new Requirements();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requirements.add("s" + i, null);
            expected.add("s" + i);
        }
        for (int i = 0; i < 40; i += 3) {
            requirements.add("s" + i, i == 30 ? String.class : null);
        }

        assertThat(requirements.ids()).containsExactlyElementsOf(expected);
        Class<?>[] types = requirements.types();
        assertThat(types).hasSize(40);
        assertThat(types[30]).isEqualTo(String.class);
        assertThat(types).filteredOn(t -> t != null).hasSize(1);
    }

    @Test
    void aTypedRequirementAcceptsSubtypesAndBoxedPrimitives() {
        assertThat(Requirements.accepts(null, String.class)).isTrue();
        assertThat(Requirements.accepts(CharSequence.class, String.class)).isTrue();
        assertThat(Requirements.accepts(String.class, CharSequence.class)).isFalse();
        assertThat(Requirements.accepts(Integer.class, int.class)).isTrue();
        assertThat(Requirements.accepts(int.class, Integer.class)).isTrue();
    }
}
