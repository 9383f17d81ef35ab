package io.dcganexplorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The committed format-1 fixture run (16x16x1, z of 8, widths 4, uniform prior, trained 2 steps on
 * faces:32): tests that write into a run work on a copy.
 */
public final class TinyRun {
    public static final Path PATH = Path.of("src/test/resources/runs/format1-tiny");

    private TinyRun() {}

    /** Copies the fixture run into {@code to} and returns {@code to}. */
    public static Path copyTo(Path to) throws IOException {
        copyTree(PATH, to);
        return to;
    }

    /** Copies a folder tree (files and folders) into {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
