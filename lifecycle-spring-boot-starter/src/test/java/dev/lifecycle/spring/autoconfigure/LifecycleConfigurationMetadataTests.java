package dev.lifecycle.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.spring.autoconfigure.console.LifecycleConsoleProperties;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;

/**
 * The configuration metadata that IDEs read: an entry with a description for every property of
 * {@link ServiceRegistryProperties} and {@link LifecycleConsoleProperties}, and a default in the metadata only where it is
 * the properties' own (the processor reads it from the field initialisers; the phase's is written by hand).
 */
class LifecycleConfigurationMetadataTests {

    private final List<Map<String, Object>> metadata = read();

    @Test
    void everyPropertyHasMetadataWithADescription() {
        List<String> names = new ArrayList<>();
        collect("lifecycle", new BeanWrapperImpl(new ServiceRegistryProperties()), names);
        collect("lifecycle.console", new BeanWrapperImpl(new LifecycleConsoleProperties()), names);

        assertThat(metadata).extracting(p -> (String) p.get("name")).containsAll(names);
        assertThat(metadata).filteredOn(p -> ((String) p.get("name")).startsWith("lifecycle."))
                .allSatisfy(p -> assertThat((String) p.get("description")).as("description of %s", p.get("name"))
                        .isNotBlank());
    }

    @Test
    void everyDefaultInTheMetadataIsThePropertiesOwn() {
        BeanWrapper lifecycle = new BeanWrapperImpl(new ServiceRegistryProperties());
        BeanWrapper console = new BeanWrapperImpl(new LifecycleConsoleProperties());

        assertThat(metadata).filteredOn(p -> ((String) p.get("name")).startsWith("lifecycle.")
                && p.containsKey("defaultValue")).isNotEmpty().allSatisfy(p -> {
                    String name = (String) p.get("name");
                    BeanWrapper holder = name.startsWith("lifecycle.console.") ? console : lifecycle;
                    String path = camelCase(name.substring(name.startsWith("lifecycle.console.")
                            ? "lifecycle.console.".length() : "lifecycle.".length()));
                    Object actual = holder.getPropertyValue(path);
                    Object documented = ApplicationConversionService.getSharedInstance().convert(p.get("defaultValue"),
                            holder.getPropertyType(path));
                    assertThat(documented).as("default of %s", name).isEqualTo(actual);
                });
    }

    /** The property names of {@code holder} and of its nested holders, below {@code prefix}; maps excepted. */
    private static void collect(String prefix, BeanWrapper holder, List<String> names) {
        for (PropertyDescriptor property : holder.getPropertyDescriptors()) {
            String name = prefix + "." + kebabCase(property.getName());
            Class<?> type = property.getPropertyType();
            if (property.getName().equals("class") || Map.class.isAssignableFrom(type)) {
                continue;
            }
            if (type.getPackageName().equals(ServiceRegistryProperties.class.getPackageName())
                    && type.getSimpleName().endsWith("Properties")) {
                collect(name, new BeanWrapperImpl(holder.getPropertyValue(property.getName())), names);
            }
            else {
                names.add(name);
            }
        }
    }

    private static String kebabCase(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            }
            else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** The properties of every metadata file on the class path (the tests' own classes have one too). */
    private static List<Map<String, Object>> read() {
        List<Map<String, Object>> properties = new ArrayList<>();
        try {
            Enumeration<URL> files = LifecycleConfigurationMetadataTests.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json");
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    properties.addAll(JsonPath.parse(in).<List<Map<String, Object>>>read("$.properties"));
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read the configuration metadata", ex);
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException("The configuration metadata is missing from the class path");
        }
        return properties;
    }
}
