package dev.lifecycle.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java example of the project's README and the starter's README compiles as it is printed, against the
 * engine, the starter, the test kit and Spring Boot. A complete file compiles alone; a class without its imports gets
 * the imports of the API it shows; lines of code are compiled as the body of a method. An example printed as a file of
 * the project (it starts with its package) is that very file, which runs with its module's tests.
 */
class ReadmeExamplesTests {

    private static final List<Path> READMES = List.of(Path.of("../README.md"),
            Path.of("../lifecycle-spring-boot-starter/README.md"));
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    /** Where the examples printed as files live. */
    private static final List<Path> TEST_SOURCES = List.of(Path.of("../lifecycle-test/src/test/java"),
            Path.of("../lifecycle-spring-boot-test/src/test/java"), Path.of("src/test/java"));
    private static final Pattern PACKAGE = Pattern.compile("\\Apackage ([\\w.]+);");
    private static final Pattern TYPE = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile("public (?:final )?(?:class|interface|record) (\\w+)");
    private static final String IMPORTS = """
            import dev.lifecycle.core.*;
            import dev.lifecycle.core.event.*;
            import dev.lifecycle.spring.*;
            import java.time.Duration;
            import java.util.List;
            import org.springframework.boot.autoconfigure.SpringBootApplication;
            import org.springframework.context.annotation.Bean;
            """;

    /** One example: where it is printed, and its code. */
    record Example(String where, String code) {
        @Override
        public String toString() {
            return where;
        }
    }

    static Stream<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path readme : READMES) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(readme));
            for (int i = 1; block.find(); i++) {
                examples.add(new Example(readme.normalize() + " #" + i, block.group(1)));
            }
        }
        assertThat(examples).as("Java examples in the READMEs").hasSizeGreaterThanOrEqualTo(5);
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void compilesAsPrinted(Example example, @TempDir Path classes) {
        String code = example.code();
        String source;
        String type;
        Matcher publicType = PUBLIC_TYPE.matcher(code);
        Matcher packageLine = PACKAGE.matcher(code);
        if (packageLine.find()) {
            Matcher declared = TYPE.matcher(code);
            assertThat(declared.find()).as("%s declares a class", example).isTrue();
            type = declared.group(1);
            String file = packageLine.group(1).replace('.', '/') + "/" + type + ".java";
            Path found = TEST_SOURCES.stream().map(root -> root.resolve(file)).filter(Files::exists).findFirst()
                    .orElseThrow(() -> new AssertionError(example + " is printed as " + file + ", which is not in "
                            + TEST_SOURCES));
            assertThat(readQuietly(found)).as("%s is printed as it is", found).isEqualTo(code);
            source = code;
        } else if (code.contains("\nimport ") || code.startsWith("import ")) {
            source = code;
            type = publicType.find() ? publicType.group(1) : "Example";
        } else if (publicType.find()) {
            source = IMPORTS + code;
            type = publicType.group(1);
        } else {
            source = IMPORTS + "class Example {\n    void example() throws Exception {\n" + code + "\n    }\n}\n";
            type = "Example";
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + type + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean compiled = compiler.getTask(null, null, diagnostics, List.of("-proc:none", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")), null, List.of(file)).call();

        assertThat(compiled).as("%s compiles; errors: %s", example, diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> "line " + d.getLineNumber() + ": "
                        + d.getMessage(null)).toList()).isTrue();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new AssertionError("Could not read " + file, ex);
        }
    }
}
