package io.dcganexplorer.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.dcganexplorer.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON for run files, written atomically ({@link AtomicFiles#write}). */
public final class Json {
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private Json() {}

    public static void write(Path file, Object value) throws IOException {
        writeText(file, GSON.toJson(value) + "\n");
    }

    public static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            T v = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            if (v == null) {
                throw new IOException(file + ": empty");
            }
            return v;
        } catch (com.google.gson.JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + ": not valid JSON for " + type.getSimpleName() + " (" + e.getMessage()
                    + ")", e);
        }
    }
}
