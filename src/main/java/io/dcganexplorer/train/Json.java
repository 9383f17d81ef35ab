package io.dcganexplorer.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** JSON for run files, written atomically (temporary file, then rename). */
public final class Json {
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private Json() {}

    public static void write(Path file, Object value) throws IOException {
        writeText(file, GSON.toJson(value) + "\n");
    }

    public static void writeText(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            publicReadable(tmp, false);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Temporary files and folders are created private (0600/0700); once renamed into place they
     * are ordinary user files, readable like any other the user writes (0644/0755).
     */
    public static void publicReadable(Path p, boolean folder) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    folder ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            T v = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            if (v == null) {
                throw new IOException(file + ": empty");
            }
            return v;
        } catch (com.google.gson.JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + ": not valid JSON for " + type.getSimpleName() + " (" + e.getMessage() + ")", e);
        }
    }
}
