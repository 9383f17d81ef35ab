package io.dcganexplorer.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A dataset as the command line and the run's config name it: {@code faces}, {@code faces:N},
 * {@code mnist:PATH}, {@code fashion:PATH}, {@code folder:PATH} or {@code celeba:PATH}.
 * {@code faces-v1} and {@code faces-v1:N} are the built-in faces as drawn until 2026-12-04
 * ({@link FaceRenderer.Style#V1}), which runs made then keep training on.
 * {@link #toString()} gives the spec back, so it can be stored and parsed again.
 */
public final class DatasetSpec {
    /** The forms {@link #parse} accepts, for help texts and error messages. */
    public static final List<String> FORMS = List.of("faces", "faces:N", "mnist:PATH", "fashion:PATH",
            "folder:PATH", "celeba:PATH", "faces-v1", "faces-v1:N", "faces-v2", "faces-v2:N", "faces-v3", "faces-v3:N");

    /** The kind of the faces as drawn until 2026-12-04. */
    public static final String FACES_V1 = "faces-v1";

    /** The kinds of the built-in faces, each with the style it draws in. */
    private static final java.util.Map<String, FaceRenderer.Style> FACE_KINDS = java.util.Map.of(
            "faces", FaceRenderer.Style.CURRENT, FACES_V1, FaceRenderer.Style.V1, "faces-v2", FaceRenderer.Style.V2,
            "faces-v3", FaceRenderer.Style.V3);

    /** The built-in procedural faces, {@link FaceDataset#DEFAULT_COUNT} of them. */
    public static final DatasetSpec FACES = new DatasetSpec("faces", null, FaceDataset.DEFAULT_COUNT, false);

    private static final List<String> PATH_KINDS = List.of("mnist", "fashion", "folder", "celeba");

    private final String kind;
    private final Path path;
    private final int count;
    private final boolean countGiven;

    private DatasetSpec(String kind, Path path, int count, boolean countGiven) {
        this.kind = kind;
        this.path = path;
        this.count = count;
        this.countGiven = countGiven;
    }

    /** {@code faces:count}. */
    public static DatasetSpec faces(int count) {
        return faces("faces", count);
    }

    private static DatasetSpec faces(String kind, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException(kind + ":N needs a positive N, got " + count);
        }
        return new DatasetSpec(kind, null, count, true);
    }

    /**
     * The spec a run made before the faces' style was part of it meant: {@code faces} and
     * {@code faces:N} become {@code faces-v1} and {@code faces-v1:N}; anything else is returned as is.
     */
    public static String beforeStyles(String spec) {
        String s = spec.trim();
        String kind = kindOf(s);
        return kind.equals("faces") ? FACES_V1 + s.substring(kind.length()) : spec;
    }

    /** The kind of a trimmed spec: what comes before its first colon, lower-cased. */
    private static String kindOf(String s) {
        int colon = s.indexOf(':');
        return (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** A file-backed spec, {@code kind} one of mnist, fashion, folder, celeba. */
    public static DatasetSpec of(String kind, Path path) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (!PATH_KINDS.contains(k)) {
            throw new IllegalArgumentException("unknown dataset kind '" + kind + "'; " + validForms());
        }
        return new DatasetSpec(k, Objects.requireNonNull(path, "path"), 0, false);
    }

    /**
     * Parses a spec; the kind is case-insensitive, the path is everything after the first colon
     * (so Windows drive letters survive) and a leading {@code ~/} means the home folder.
     *
     * @throws IllegalArgumentException naming the bad spec and listing the valid forms
     */
    public static DatasetSpec parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.trim();
        int colon = s.indexOf(':');
        String kind = kindOf(s);
        String rest = colon < 0 ? null : s.substring(colon + 1).trim();
        if (FACE_KINDS.containsKey(kind)) {
            if (rest == null) {
                return kind.equals("faces") ? FACES : new DatasetSpec(kind, null, FaceDataset.DEFAULT_COUNT, false);
            }
            try {
                return faces(kind, Integer.parseInt(rest));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad dataset '" + spec + "': " + kind + ":N needs a positive"
                        + " whole number of images; " + validForms());
            }
        }
        if (!PATH_KINDS.contains(kind)) {
            throw new IllegalArgumentException("bad dataset '" + spec + "': unknown kind '" + kind + "'; "
                    + validForms());
        }
        if (rest == null || rest.isEmpty()) {
            throw new IllegalArgumentException("bad dataset '" + spec + "': " + kind + " needs a path, as in "
                    + kind + ":PATH; " + validForms());
        }
        if (rest.equals("~") || rest.startsWith("~/")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return new DatasetSpec(kind, Path.of(rest), 0, false);
    }

    private static String validForms() {
        return "valid forms: " + String.join(", ", FORMS);
    }

    /** faces, faces-v1, mnist, fashion, folder or celeba. */
    public String kind() {
        return kind;
    }

    /** The file or folder, empty for faces. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** Number of faces for {@code faces} and {@code faces-v1}, 0 for the file-backed kinds. */
    public int count() {
        return count;
    }

    /** Same as {@link #open(int, int, long, IntConsumer)} without progress. */
    public ImageDataset open(int imageSize, int channels, long seed) throws DatasetException {
        return open(imageSize, channels, seed, done -> {});
    }

    /**
     * Opens the dataset at {@code imageSize} (a power of two) and {@code channels} (1 or 3).
     * Faces render lazily and open at once; IDX and image folders are decoded into memory here
     * (slow for big folders: {@code progress} is told the number of files done); CelebA checks its
     * file list here and decodes in {@code read}.
     *
     * @param seed picks the face set; ignored by the file-backed kinds
     * @throws DatasetException if the files are missing or unusable (the message names them)
     * @throws IllegalArgumentException if the size or channel count is unsupported
     */
    public ImageDataset open(int imageSize, int channels, long seed, IntConsumer progress)
            throws DatasetException {
        return switch (kind) {
            case "faces", FACES_V1, "faces-v2", "faces-v3" -> new FaceDataset(count, imageSize, channels, seed,
                    FACE_KINDS.get(kind));
            case "mnist", "fashion" -> IdxDataset.open(path, imageSize, channels);
            case "folder" -> FolderDataset.open(path, imageSize, channels, progress);
            case "celeba" -> CelebADataset.open(path, imageSize, channels);
            default -> throw new IllegalStateException("unknown kind " + kind);
        };
    }

    @Override
    public String toString() {
        if (path != null) {
            return kind + ":" + path;
        }
        return countGiven ? kind + ":" + count : kind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSpec d && d.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
