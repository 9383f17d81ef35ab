package io.dcganexplorer.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The one way this application puts a file in place (PNG, GIF, JSON, checkpoint tensors). */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes a file's content to the path it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    /**
     * Writes {@code content} to a temporary file beside {@code file}, makes it readable like any
     * file the user writes, and renames it over {@code file} atomically; the temporary file is
     * removed if anything fails, and an existing {@code file} is then left as it was.
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
        try {
            content.writeTo(tmp);
            publicReadable(tmp, false);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Temporary files and folders are created private (0600/0700); once renamed into place they
     * are ordinary user files (0644/0755).
     */
    public static void publicReadable(Path p, boolean folder) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(folder ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    /** Deletes a folder and everything in it; nothing if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
