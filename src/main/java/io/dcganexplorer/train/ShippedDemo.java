package io.dcganexplorer.train;

import io.dcganexplorer.files.AtomicFiles;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The demo model the app ships ({@link DemoPack} made it), opened as an ordinary, read-only run
 * directory: the first open extracts it into the user's cache,
 * {@code ~/.cache/dcgan-explorer/demo/HASH/} (or under {@code -Ddcgan.cache.dir}), with float32
 * checkpoint files that every reader of runs opens unchanged; later opens find it there and do no
 * work. The folder is built under a temporary name and renamed into place, so a crash or a second
 * process never leaves a half-extracted demo under its name, and it carries
 * {@link RunDirectory#READ_ONLY}, which everything that writes into a run folder refuses.
 *
 * <p>The packed files are class-path resources under {@code io/dcganexplorer/demo/};
 * {@code -Ddcgan.demo.dir=FOLDER} reads a packed folder instead (tests pack a tiny one).
 */
public final class ShippedDemo {
    /** A folder holding a packed demo, used instead of the class path's (tests). */
    public static final String PROPERTY = "dcgan.demo.dir";
    /** Where the packed demo lives on the class path. */
    public static final String RESOURCES = "/io/dcganexplorer/demo/";
    /** The run name a user sees for the demo. */
    public static final String NAME = "the shipped demo";

    /** An open demo: its run directory, and whether this open extracted it and how long that took. */
    public record Opened(Path runDir, boolean extracted, long millis) {}

    private ShippedDemo() {}

    /** True when a packed demo can be read (the class path's, or {@code -Ddcgan.demo.dir}'s). */
    public static boolean available() {
        try (InputStream in = stream(DemoPack.INDEX)) {
            return in != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the packed demo is read from, for messages. */
    public static String location() {
        String dir = System.getProperty(PROPERTY);
        return dir != null && !dir.isEmpty() ? Path.of(dir).toString() : "the class path's "
                + RESOURCES.substring(1);
    }

    /** The user's cache: {@code -Ddcgan.cache.dir}, else {@code ~/.cache/dcgan-explorer}. */
    public static Path cacheRoot() {
        String dir = System.getProperty(io.dcganexplorer.model.Numerics.CACHE_PROPERTY);
        return dir != null && !dir.isEmpty() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "dcgan-explorer");
    }

    /** Opens the demo under {@link #cacheRoot()}. */
    public static Opened open() throws IOException {
        return open(cacheRoot());
    }

    /**
     * The demo's run directory under {@code cacheRoot/demo/}, extracted first if it is not there.
     *
     * @throws IOException saying so when this build ships no demo, or naming the damaged file
     */
    public static Opened open(Path cacheRoot) throws IOException {
        long t0 = System.nanoTime();
        DemoPack.Index index = readIndex();
        Path demos = cacheRoot.resolve("demo");
        Path dir = demos.resolve(index.hash());
        if (Files.isRegularFile(dir.resolve(RunDirectory.READ_ONLY))) {
            return new Opened(dir, false, (System.nanoTime() - t0) / 1_000_000);
        }
        Files.createDirectories(demos);
        Path tmp = Files.createTempDirectory(demos, ".tmp-");
        try {
            extractInto(tmp, index);
            AtomicFiles.publicReadable(tmp, true);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another process extracted it meanwhile (or a folder without the marker is in the way)
                if (!Files.isRegularFile(dir.resolve(RunDirectory.READ_ONLY))) {
                    throw new IOException(dir + " is in the way of the demo: it is no complete extracted demo; "
                            + "delete it and try again", e);
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                AtomicFiles.deleteTree(tmp);
            }
        }
        return new Opened(dir, true, (System.nanoTime() - t0) / 1_000_000);
    }

    private static DemoPack.Index readIndex() throws IOException {
        byte[] bytes = bytes(DemoPack.INDEX, "this build ships no demo model yet (no " + DemoPack.INDEX + " in "
                + location() + "): open a run of your own instead (--run-dir DIR)");
        DemoPack.Index index;
        try {
            index = Json.GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), DemoPack.Index.class);
        } catch (RuntimeException e) {
            throw new IOException(where(DemoPack.INDEX) + ": damaged (" + e.getMessage() + ")", e);
        }
        if (index == null || index.hash() == null || index.files() == null || !index.hash().matches("[0-9a-f]{16}")) {
            throw new IOException(where(DemoPack.INDEX) + ": damaged (no hash or file list)");
        }
        if (index.format() > DemoPack.FORMAT) {
            throw new IOException(where(DemoPack.INDEX) + ": demo format " + index.format() + " is newer than this "
                    + "build reads (" + DemoPack.FORMAT + ")");
        }
        return index;
    }

    /** Writes the run directory into {@code tmp}, checking every packed file against its SHA-256. */
    private static void extractInto(Path tmp, DemoPack.Index index) throws IOException {
        byte[] config = checked(DemoPack.CONFIG, index);
        byte[] meta = checked(DemoPack.CHECKPOINT, index);
        byte[] weights = checked(DemoPack.WEIGHTS, index);
        Files.write(tmp.resolve("config.json"), config);
        RunDirectory run = RunDirectory.open(tmp); // refuses a damaged config.json, naming it
        Checkpoint.Meta m;
        try {
            m = Json.GSON.fromJson(new String(meta, StandardCharsets.UTF_8), Checkpoint.Meta.class);
        } catch (RuntimeException e) {
            throw new IOException(where(DemoPack.CHECKPOINT) + ": damaged (" + e.getMessage() + ")", e);
        }
        if (m == null || m.config() == null || !m.config().equals(run.config())) {
            throw new IOException(where(DemoPack.CHECKPOINT) + ": no architecture, or not the one of "
                    + where(DemoPack.CONFIG));
        }
        List<Tensor> tensors = PackedTensors.read(new ByteArrayInputStream(weights), where(DemoPack.WEIGHTS));
        Files.createDirectories(run.samplesDir());
        Checkpoint.write(run.checkpointsDir(), m, tensors);
        if (index.files().containsKey(DemoPack.LATENTS)) {
            Files.write(tmp.resolve(DemoPack.LATENTS), checked(DemoPack.LATENTS, index));
        }
        // last: only a complete folder carries the marker that later opens look for
        Files.writeString(tmp.resolve(RunDirectory.READ_ONLY), "The demo model shipped with DCGAN Explorer, "
                + "extracted from " + location() + ". Read-only: train from it with train --init-from demo.\n",
                StandardCharsets.UTF_8);
    }

    private static byte[] checked(String name, DemoPack.Index index) throws IOException {
        String sum = index.files().get(name);
        if (sum == null) {
            throw new IOException(where(DemoPack.INDEX) + ": damaged (no " + name + " listed)");
        }
        byte[] b = bytes(name, where(name) + " is missing: the demo was not packed completely");
        if (!sum.equals(DemoPack.sha256(b))) {
            throw new IOException(where(name) + ": its SHA-256 differs from " + DemoPack.INDEX
                    + "'s: the demo is damaged");
        }
        return b;
    }

    private static byte[] bytes(String name, String ifMissing) throws IOException {
        try (InputStream in = stream(name)) {
            if (in == null) {
                throw new IOException(ifMissing);
            }
            return in.readAllBytes();
        }
    }

    private static InputStream stream(String name) throws IOException {
        String dir = System.getProperty(PROPERTY);
        if (dir != null && !dir.isEmpty()) {
            Path f = Path.of(dir).resolve(name);
            return Files.isRegularFile(f) ? Files.newInputStream(f) : null;
        }
        return ShippedDemo.class.getResourceAsStream(RESOURCES + name);
    }

    private static String where(String name) {
        String dir = System.getProperty(PROPERTY);
        return dir != null && !dir.isEmpty() ? Path.of(dir).resolve(name).toString() : RESOURCES.substring(1) + name;
    }

    /**
     * True when {@code runDir} lies where demos are extracted (under {@link #cacheRoot()}): a path
     * test only, for labels on the UI thread; {@link #isDemo} looks at the folder.
     */
    public static boolean isExtractedPath(Path runDir) {
        return runDir != null && runDir.toAbsolutePath().normalize().startsWith(cacheRoot().resolve("demo")
                .toAbsolutePath().normalize());
    }

    /** True when {@code runDir} is an extracted demo. */
    public static boolean isDemo(Path runDir) {
        return runDir != null && RunDirectory.isReadOnly(runDir);
    }

    /** The demo's step and where it was trained, for a run label; empty when {@code p} is no demo's provenance. */
    public static String describe(Map<String, String> p) {
        if (p == null || !p.containsKey("demo")) {
            return "";
        }
        return "the shipped demo (read-only), step " + p.getOrDefault("demo_step", "?");
    }
}
