package dev.lifecycle.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.autoconfigure.console.LifecycleConsoleProperties;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * The configuration metadata that IDEs read: an entry with a description for every property of
 * {@link ServiceRegistryProperties} and {@link LifecycleConsoleProperties}, and a default in the metadata only where it
 * is the properties' own (the processor reads it from the field initialisers; the phase's is written by hand); an entry
 * in the starter's own metadata for every other key its auto-configurations read
 * ({@code management.health.services.enabled}, {@code management.endpoint.services.access}), written the way Spring
 * Boot writes its own.
 */
class LifecycleConfigurationMetadataTests {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private final List<Map<String, Object>> metadata = read();

    /** The starter's own metadata, without Spring Boot's or the tests'. */
    private final Map<String, Map<String, Object>> starterMetadata = readStarters();

    @Test
    void everyPropertyHasMetadataWithADescription() {
        List<String> names = new ArrayList<>();
        collect("lifecycle", new BeanWrapperImpl(new ServiceRegistryProperties()), names);
        collect("lifecycle.console", new BeanWrapperImpl(new LifecycleConsoleProperties()), names);

        assertThat(starterMetadata.keySet()).containsAll(names);
        assertThat(starterMetadata.values()).allSatisfy(p -> assertThat((String) p.get("description"))
                .as("description of %s", p.get("name")).isNotBlank());
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

    @Test
    void everyPropertyTheAutoConfigurationsReadIsInTheStartersMetadata() throws Exception {
        Set<String> read = new TreeSet<>();
        for (String name : autoConfigurations()) {
            collectConditionKeys(Class.forName(name, false, getClass().getClassLoader()), read);
        }

        assertThat(read).contains("lifecycle.enabled", "lifecycle.console.enabled",
                "management.health.services.enabled", "management.endpoint.services.access");
        assertThat(starterMetadata.keySet()).containsAll(read);
        assertThat(read).allSatisfy(name -> assertThat((String) starterMetadata.get(name).get("description"))
                .as("description of %s", name).isNotBlank());
    }

    @Test
    void servicesHealthContributorSwitchIsDocumentedAsABooleanOnByDefault() {
        Map<String, Object> enabled = starterMetadata.get("management.health.services.enabled");

        assertThat(enabled).as("management.health.services.enabled").isNotNull();
        assertThat(enabled).containsEntry("type", "java.lang.Boolean").containsEntry("defaultValue", true);
        assertThat((String) enabled.get("description")).startsWith("Whether to enable the services health");
    }

    @Test
    void endpointAccessDefaultIsWrittenAsSpringBootWritesItsOwn() {
        Access declared = ServicesEndpoint.class.getAnnotation(Endpoint.class).defaultAccess();
        List<Object> bootDefaults = metadata.stream()
                .filter(p -> ((String) p.get("name")).matches("management\\.endpoint\\.[a-z]+\\.access")
                        && !p.get("name").equals("management.endpoint.services.access"))
                .map(p -> p.get("defaultValue")).toList();

        assertThat(bootDefaults).as("Spring Boot's own endpoints' access defaults").isNotEmpty()
                .allSatisfy(value -> assertThat(value).isIn("none", "read-only", "unrestricted"));
        assertThat(declared).isEqualTo(Access.READ_ONLY);
        assertThat(starterMetadata.get("management.endpoint.services.access")).containsEntry("defaultValue",
                "read-only");
    }

    /** The property names of {@code holder} and of its nested holders, below {@code prefix}; maps excepted. */
    private static void collect(String prefix, BeanWrapper holder, List<String> names) {
        for (PropertyDescriptor property : holder.getPropertyDescriptors()) {
            String name = prefix + "." + kebabCase(property.getName());
            Class<?> type = property.getPropertyType();
            if (property.getName().equals("class") || Map.class.isAssignableFrom(type)) {
                continue;
            }
            // A group of properties: a ...Properties class of the starter, or a class nested in one (console.stream).
            if (type.getPackageName().startsWith(ServiceRegistryProperties.class.getPackageName()) && !type.isEnum()
                    && (type.getSimpleName().endsWith("Properties") || type.getEnclosingClass() != null)) {
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

    /** The auto-configurations the starter registers. */
    private static List<String> autoConfigurations() throws IOException {
        try (InputStream in = ServiceRegistryAutoConfiguration.class.getClassLoader().getResourceAsStream(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            assertThat(in).as("the starter's AutoConfiguration.imports").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    /**
     * The keys that the conditions on {@code type}, its {@code @Bean} methods and its nested configurations read:
     * boolean properties, health indicator switches, and the access of the endpoints they make available.
     */
    private static void collectConditionKeys(Class<?> type, Set<String> keys) {
        collectConditionKeys(MergedAnnotations.from(type), keys);
        for (Method method : type.getDeclaredMethods()) {
            collectConditionKeys(MergedAnnotations.from(method), keys);
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            collectConditionKeys(nested, keys);
        }
    }

    private static void collectConditionKeys(MergedAnnotations annotations, Set<String> keys) {
        annotations.stream(ConditionalOnBooleanProperty.class).forEach(condition -> {
            String prefix = condition.getString("prefix");
            for (String name : condition.getStringArray("name").length > 0 ? condition.getStringArray("name")
                    : condition.getStringArray("value")) {
                keys.add(prefix.isEmpty() ? name : prefix + "." + name);
            }
        });
        annotations.stream(ConditionalOnEnabledHealthIndicator.class)
                .forEach(condition -> keys.add("management.health." + condition.getString("value") + ".enabled"));
        annotations.stream(ConditionalOnAvailableEndpoint.class).forEach(condition -> {
            Class<?> endpoint = condition.getClass("value");
            if (endpoint != Void.class) {
                keys.add("management.endpoint." + endpoint.getAnnotation(Endpoint.class).id() + ".access");
            }
        });
    }

    /** The properties of the starter's own metadata (next to its classes), by name. */
    private static Map<String, Map<String, Object>> readStarters() {
        String classes = ServiceRegistryProperties.class.getProtectionDomain().getCodeSource().getLocation()
                .toString();
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        try {
            Enumeration<URL> files = LifecycleConfigurationMetadataTests.class.getClassLoader().getResources(METADATA);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                if (file.toString().contains(classes)) {
                    try (InputStream in = file.openStream()) {
                        List<Map<String, Object>> read = JsonPath.parse(in).read("$.properties");
                        read.forEach(p -> properties.put((String) p.get("name"), p));
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read the starter's configuration metadata", ex);
        }
        assertThat(properties).as("the starter's configuration metadata, next to %s", classes).isNotEmpty();
        return properties;
    }

    /** The properties of every metadata file on the class path (the tests' own classes have one too). */
    private static List<Map<String, Object>> read() {
        List<Map<String, Object>> properties = new ArrayList<>();
        try {
            Enumeration<URL> files = LifecycleConfigurationMetadataTests.class.getClassLoader()
                    .getResources(METADATA);
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
