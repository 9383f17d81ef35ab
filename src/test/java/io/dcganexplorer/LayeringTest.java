package io.dcganexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, read from the sources: every reference from one of our
 * packages to another (an import or a fully qualified name) must point down. A wrong dependency
 * fails the build here, naming the file and the reference.
 */
class LayeringTest {
    /** Which of our packages each package may use. Main, in the root package, may use them all. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "files", Set.of(),
            "image", Set.of("files"),
            "data", Set.of("image", "files"),
            "model", Set.of("files"),
            "train", Set.of("model", "data", "image", "files"),
            "eval", Set.of("train", "model", "data", "image", "files"),
            "latent", Set.of("eval", "train", "model", "data", "image", "files"),
            "interop", Set.of("train", "model", "image", "files"),
            "cli", Set.of("interop", "latent", "eval", "train", "model", "data", "image", "files"),
            "ui", Set.of("interop", "latent", "eval", "train", "model", "data", "image", "files"));

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.dcganexplorer\\.([a-z]+)\\b(?=\\.[A-Za-z*])");

    private static final Path MAIN = Path.of("src", "main", "java", "io", "dcganexplorer");

    @Test
    void everyPackageOfOursIsInTheTable() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> s = Files.list(MAIN)) {
            s.filter(Files::isDirectory).forEach(p -> packages.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages,
                "a new package needs its place in the layers (LayeringTest.ALLOWED and docs/architecture.md)");
    }

    @Test
    void everyPackageSaysWhatLivesThereInAPackageInfo() {
        for (String pkg : ALLOWED.keySet()) {
            assertTrue(Files.isRegularFile(MAIN.resolve(pkg).resolve("package-info.java")),
                    pkg + " has no package-info.java");
        }
    }

    @Test
    void dependenciesPointDownOnly() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String pkg : ALLOWED.keySet()) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) {
                            wrong.add(MAIN.relativize(f) + " uses " + used + " (" + pkg + " may use "
                                    + new TreeSet<>(ALLOWED.get(pkg)) + ")");
                        }
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theCheckSeesAWrongReference() {
        Matcher m = REFERENCE.matcher("import io.dcganexplorer.ui.MainView;\nio.dcganexplorer.cli.Cli.run(x);");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(List.of("ui", "cli"), found);
    }
}
