package io.dcganexplorer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Every image under a folder (PNG, JPEG, BMP, GIF by extension, any case, searched recursively,
 * sorted by path so the order is the same on every machine), centre-cropped to a square, resized
 * and decoded once at open time into bytes in memory. Unreadable files are skipped and reported.
 */
public final class FolderDataset extends AbstractImageDataset {
    /** Lower-case file extensions that are read. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final Path folder;
    private final byte[] pixels;
    private final List<Path> files;
    private final DatasetReport report;

    private FolderDataset(Path folder, int imageSize, int channels, byte[] pixels, List<Path> files,
            DatasetReport report) {
        super(imageSize, channels);
        this.folder = folder;
        this.pixels = pixels;
        this.files = files;
        this.report = report;
    }

    /** Same as {@link #open(Path, int, int, IntConsumer)} without progress. */
    public static FolderDataset open(Path folder, int imageSize, int channels) throws DatasetException {
        return open(folder, imageSize, channels, done -> {});
    }

    /**
     * Decodes every image under {@code folder} on the calling thread.
     *
     * @param progress told the number of files tried so far after each file (see
     *     {@link #listImages} for the total)
     * @throws DatasetException if {@code folder} is not a folder or holds no readable image
     */
    public static FolderDataset open(Path folder, int imageSize, int channels, IntConsumer progress)
            throws DatasetException {
        ImageOps.checkShape(imageSize, channels);
        List<Path> candidates = listImages(folder);
        int plane = imageSize * imageSize;
        int stride = channels * plane;
        byte[] buf = new byte[Math.multiplyExact(Math.max(1, candidates.size()), stride)];
        List<Path> kept = new ArrayList<>();
        Warnings warnings = new Warnings();
        int tried = 0;
        for (Path f : candidates) {
            try {
                byte[] img = decode(f, imageSize, channels);
                System.arraycopy(img, 0, buf, kept.size() * stride, stride);
                kept.add(f);
            } catch (IOException | RuntimeException e) {
                // one bad file must not cost the user the whole folder
                warnings.skip(folder.relativize(f) + ": " + e.getMessage());
            }
            progress.accept(++tried);
        }
        if (kept.isEmpty()) {
            String found = candidates.isEmpty() ? "no image files (" + String.join(", ", EXTENSIONS.stream()
                    .sorted().toList()) + ")" : candidates.size() + " files tried, " + warnings.skipped()
                    + " corrupt";
            throw new DatasetException("no readable images in " + folder + " (" + found + ")");
        }
        byte[] pixels = kept.size() == candidates.size() ? buf
                : java.util.Arrays.copyOf(buf, kept.size() * stride);
        return new FolderDataset(folder, imageSize, channels, pixels, List.copyOf(kept), warnings.report());
    }

    /**
     * The image files {@link #open} would try, sorted.
     *
     * @throws DatasetException if {@code folder} is not a readable folder
     */
    public static List<Path> listImages(Path folder) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("no readable images in " + folder + " ("
                    + (Files.exists(folder) ? "not a folder" : "no such folder") + ")");
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(FolderDataset::hasImageExtension).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(folder + ": cannot list folder: " + e.getMessage(), e);
        }
    }

    static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static byte[] decode(Path f, int imageSize, int channels) throws IOException {
        BufferedImage img = ImageIO.read(f.toFile());
        if (img == null) {
            throw new IOException("not a readable image");
        }
        ImageOps.Crop crop = ImageOps.Crop.centreSquare(img.getWidth(), img.getHeight());
        float[] planes = ImageOps.planes(img, crop, channels);
        return ImageOps.toBytes(ImageOps.resize(planes, channels, crop.side(), imageSize));
    }

    /** The folder the images came from. */
    public Path folder() {
        return folder;
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    @Override
    public String description() {
        return "folder " + folder + " (" + files.size() + " images"
                + (report.skipped() > 0 ? ", " + report.skipped() + " skipped" : "") + ")";
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        readBytes(pixels, channels(), index, dst, offset);
    }

    @Override
    public DatasetReport report() {
        return report;
    }
}
