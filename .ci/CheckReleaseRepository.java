import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a Maven repository that the release rehearsal deployed to, as a repository such as Maven Central would:
 * every artifact named on the command line is there, and nothing else of the group; a jar artifact has its POM, its
 * jar, its sources jar and its Javadoc jar, a POM artifact its POM only, each file with MD5 and SHA-1 checksums that
 * match it; every POM, with what it inherits from its parents in the repository, has a name, a description, a URL,
 * a licence, a developer and its source repository, and none of them names Spring Boot's project metadata; the BOM
 * manages the project's own modules and nothing else. Prints the artifacts and exits with status 1 on the first
 * problem, naming it.
 *
 * <p>Run with a JDK 17 or newer: {@code java .ci/CheckReleaseRepository.java REPOSITORY GROUP ARTIFACT:pom|jar ...}.
 */
public class CheckReleaseRepository {

    /** What Spring Boot's application parent says about Spring Boot, which must not reach the project's POMs. */
    private static final List<String> SPRING_BOOT_METADATA = List.of("spring.io", "spring-projects/spring-boot",
            "VMware", "Broadcom", "ask@spring.io");

    private final Path repository;
    private final String group;
    private final Map<String, Document> poms = new LinkedHashMap<>();

    CheckReleaseRepository(Path repository, String group) {
        this.repository = repository;
        this.group = group;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            fail("usage: java .ci/CheckReleaseRepository.java REPOSITORY GROUP ARTIFACT:pom|jar ...");
        }
        CheckReleaseRepository check = new CheckReleaseRepository(Path.of(args[0]), args[1]);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split(":");
            expected.put(parts[0], parts[1]);
        }
        check.run(expected);
    }

    void run(Map<String, String> expected) throws Exception {
        Path groupDirectory = repository.resolve(group.replace('.', '/'));
        if (!Files.isDirectory(groupDirectory)) {
            fail("Nothing of " + group + " was deployed to " + repository);
        }
        Set<String> deployed = new TreeSet<>();
        try (Stream<Path> children = Files.list(groupDirectory)) {
            children.filter(Files::isDirectory).forEach(p -> deployed.add(p.getFileName().toString()));
        }
        Set<String> unexpected = new TreeSet<>(deployed);
        unexpected.removeAll(expected.keySet());
        if (!unexpected.isEmpty()) {
            fail("Deployed but not meant to be published: " + unexpected);
        }
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(deployed);
        if (!missing.isEmpty()) {
            fail("Not deployed: " + missing);
        }
        List<String> listing = new ArrayList<>();
        for (Map.Entry<String, String> artifact : expected.entrySet()) {
            listing.addAll(checkFiles(groupDirectory, artifact.getKey(), artifact.getValue()));
        }
        for (String artifactId : expected.keySet()) {
            checkMetadata(artifactId);
        }
        checkBom(expected);
        System.out.println("Release rehearsal: " + expected.size() + " artifacts of " + group + " in " + repository
                + ", each file with its .md5 and .sha1:");
        int width = listing.stream().mapToInt(line -> line.indexOf('\t')).max().orElse(0);
        for (String line : listing) {
            String[] parts = line.split("\t");
            System.out.printf("  %-" + width + "s %9s bytes%n", parts[0], parts[1]);
        }
    }

    /** Checks the files of one artifact, and returns a line per file: its path, a tab, its size. */
    private List<String> checkFiles(Path groupDirectory, String artifactId, String packaging) throws Exception {
        Path artifactDirectory = groupDirectory.resolve(artifactId);
        List<Path> versions;
        try (Stream<Path> children = Files.list(artifactDirectory)) {
            versions = children.filter(Files::isDirectory).toList();
        }
        if (versions.size() != 1) {
            fail(artifactId + ": expected one version, found " + versions);
        }
        Path versionDirectory = versions.get(0);
        String version = versionDirectory.getFileName().toString();
        String base = artifactId + "-" + deployedVersion(versionDirectory, version);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(base + ".pom", "POM");
        if (packaging.equals("jar")) {
            files.put(base + ".jar", "jar");
            files.put(base + "-sources.jar", "sources jar");
            files.put(base + "-javadoc.jar", "Javadoc jar");
        }
        Set<String> present = new TreeSet<>();
        try (Stream<Path> children = Files.list(versionDirectory)) {
            children.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".jar") || name.endsWith(".pom"))
                    .filter(name -> name.startsWith(base))
                    .forEach(present::add);
        }
        Set<String> extra = new TreeSet<>(present);
        extra.removeAll(files.keySet());
        if (!extra.isEmpty()) {
            fail(artifactId + " (" + packaging + "): unexpected files " + extra);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = versionDirectory.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                fail(artifactId + ": its " + file.getValue() + " " + file.getKey() + " is missing");
            }
            checkChecksum(path, "MD5", ".md5");
            checkChecksum(path, "SHA-1", ".sha1");
            checkContent(artifactId, path, file.getValue());
            lines.add(group.replace('.', '/') + "/" + artifactId + "/" + version + "/" + file.getKey() + "\t"
                    + Files.size(path));
        }
        poms.put(artifactId, parse(versionDirectory.resolve(base + ".pom")));
        return lines;
    }

    /** The version in the file names: for a snapshot, the timestamp and build number of the last deployment. */
    private static String deployedVersion(Path versionDirectory, String version) throws Exception {
        if (!version.endsWith("-SNAPSHOT")) {
            return version;
        }
        Path metadata = versionDirectory.resolve("maven-metadata.xml");
        if (!Files.isRegularFile(metadata)) {
            fail(versionDirectory + ": a snapshot without maven-metadata.xml");
        }
        Element snapshot = first(parse(metadata).getDocumentElement(), "versioning", "snapshot");
        if (snapshot == null) {
            fail(metadata + " names no snapshot");
        }
        return version.substring(0, version.length() - "SNAPSHOT".length()) + text(snapshot, "timestamp") + "-"
                + text(snapshot, "buildNumber");
    }

    private static void checkChecksum(Path file, String algorithm, String suffix) throws Exception {
        Path checksum = file.resolveSibling(file.getFileName() + suffix);
        if (!Files.isRegularFile(checksum)) {
            fail(file.getFileName() + " has no " + suffix + " checksum");
        }
        String expected = Files.readString(checksum).trim().split("\\s+")[0];
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
        if (!expected.equalsIgnoreCase(actual)) {
            fail(file.getFileName() + ": its " + suffix + " says " + expected + ", the file's " + algorithm + " is "
                    + actual);
        }
    }

    /** A jar has classes and the licence, a sources jar Java sources, a Javadoc jar its index. */
    private static void checkContent(String artifactId, Path file, String kind) throws IOException {
        if (!file.toString().endsWith(".jar")) {
            return;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            boolean complete = switch (kind) {
                case "jar" -> names.stream().anyMatch(n -> n.endsWith(".class")) && names.contains("META-INF/LICENSE");
                case "sources jar" -> names.stream().anyMatch(n -> n.endsWith(".java"));
                case "Javadoc jar" -> names.contains("index.html");
                default -> true;
            };
            if (!complete) {
                fail(artifactId + ": its " + kind + " " + file.getFileName() + " lacks what it should hold ("
                        + (kind.equals("jar") ? "classes and META-INF/LICENSE" : kind.equals("sources jar")
                                ? "Java sources" : "index.html") + ")");
            }
        }
    }

    /** Checks the metadata Maven Central requires, from the POM and its parents in the repository. */
    private void checkMetadata(String artifactId) {
        List<Element> chain = new ArrayList<>();
        Element pom = poms.get(artifactId).getDocumentElement();
        while (pom != null) {
            chain.add(pom);
            for (String forbidden : SPRING_BOOT_METADATA) {
                if (pom.getTextContent().contains(forbidden)) {
                    fail(artifactId + ": the POM of " + text(pom, "artifactId") + " mentions '" + forbidden
                            + "', which is Spring Boot's project metadata");
                }
            }
            Element parent = first(pom, "parent");
            if (parent == null) {
                break;
            }
            String parentId = text(parent, "artifactId");
            if (!group.equals(text(parent, "groupId")) || !poms.containsKey(parentId)) {
                fail(artifactId + ": its parent " + text(parent, "groupId") + ":" + parentId + " is not one of the "
                        + "project's published POMs: it would bring another project's metadata");
            }
            pom = poms.get(parentId).getDocumentElement();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            Element props = first(chain.get(i), "properties");
            if (props != null) {
                for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        properties.put(e.getTagName(), e.getTextContent().trim());
                    }
                }
            }
        }
        require(artifactId, chain.get(0), "name");
        require(artifactId, chain.get(0), "description");
        String url = interpolate(inherited(artifactId, chain, "url"), properties);
        if (!url.startsWith("https://")) {
            fail(artifactId + ": its url is not an https address: " + url);
        }
        Element license = first(inheritedElement(artifactId, chain, "licenses"), "license");
        if (license == null || text(license, "name").isEmpty() || text(license, "url").isEmpty()) {
            fail(artifactId + ": no licence with a name and a url");
        }
        Element developer = first(inheritedElement(artifactId, chain, "developers"), "developer");
        if (developer == null || text(developer, "name").isEmpty()) {
            fail(artifactId + ": no developer with a name");
        }
        Element scm = inheritedElement(artifactId, chain, "scm");
        for (String part : List.of("url", "connection", "developerConnection")) {
            if (text(scm, part).isEmpty()) {
                fail(artifactId + ": its scm has no " + part);
            }
        }
    }

    /** The BOM manages the published jars, at the release's version, and imports nothing. */
    private void checkBom(Map<String, String> expected) {
        Document bom = poms.get("lifecycle-bom");
        if (bom == null) {
            return;
        }
        Element managed = first(bom.getDocumentElement(), "dependencyManagement", "dependencies");
        Set<String> listed = new TreeSet<>();
        for (Node n = managed == null ? null : managed.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element dependency) {
                if (!group.equals(text(dependency, "groupId")) || !text(dependency, "scope").isEmpty()) {
                    fail("lifecycle-bom manages " + text(dependency, "groupId") + ":" + text(dependency, "artifactId")
                            + " " + text(dependency, "scope") + ": it must list the project's modules only");
                }
                listed.add(text(dependency, "artifactId"));
            }
        }
        Set<String> jars = new TreeSet<>();
        expected.forEach((artifactId, packaging) -> {
            if (packaging.equals("jar")) {
                jars.add(artifactId);
            }
        });
        if (!listed.equals(jars)) {
            fail("lifecycle-bom lists " + listed + ", the published jars are " + jars);
        }
        for (String ancestor = text(first(bom.getDocumentElement(), "parent"), "artifactId"); !ancestor.isEmpty();
                ancestor = text(first(poms.get(ancestor).getDocumentElement(), "parent"), "artifactId")) {
            if (first(poms.get(ancestor).getDocumentElement(), "dependencyManagement") != null) {
                fail("lifecycle-bom's parent " + ancestor + " manages dependencies, which importing the BOM would "
                        + "import too");
            }
        }
    }

    private static void require(String artifactId, Element pom, String element) {
        if (text(pom, element).isEmpty()) {
            fail(artifactId + ": no " + element);
        }
    }

    private static String inherited(String artifactId, List<Element> chain, String element) {
        for (Element pom : chain) {
            String value = text(pom, element);
            if (!value.isEmpty()) {
                return value;
            }
        }
        fail(artifactId + ": no " + element + ", neither in its POM nor in its parents'");
        return "";
    }

    private static Element inheritedElement(String artifactId, List<Element> chain, String element) {
        for (Element pom : chain) {
            Element found = first(pom, element);
            if (found != null) {
                return found;
            }
        }
        fail(artifactId + ": no " + element + ", neither in its POM nor in its parents'");
        return null;
    }

    private static String interpolate(String value, Map<String, String> properties) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.get(m.group(1));
            if (replacement == null) {
                fail("The property " + m.group(1) + " in '" + value + "' is not defined");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** The first child element along the path of tag names, or {@code null}. */
    private static Element first(Element element, String... path) {
        Element current = element;
        for (String tag : path) {
            if (current == null) {
                return null;
            }
            Element next = null;
            for (Node n = current.getFirstChild(); n != null && next == null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(tag)) {
                    next = e;
                }
            }
            current = next;
        }
        return current;
    }

    private static String text(Element element, String tag) {
        Element child = first(element, tag);
        return child == null ? "" : child.getTextContent().trim();
    }

    private static Document parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(in);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (Exception ex) {
            fail(file + " is not a well-formed XML file: " + ex.getMessage());
            return null;
        }
    }

    private static void fail(String problem) {
        System.err.println("Release rehearsal FAILED: " + problem);
        System.exit(1);
    }
}
