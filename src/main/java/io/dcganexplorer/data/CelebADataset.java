package io.dcganexplorer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * CelebA's aligned faces with their 40 attributes. Images are decoded in {@link #read}, not at
 * open (there are 200k of them); at open only the attribute file is parsed and each listed image
 * checked to exist.
 *
 * <p>Layouts accepted for the root: {@code root/img_align_celeba/} with
 * {@code root/list_attr_celeba.txt} or {@code root/Anno/list_attr_celeba.txt}; the
 * {@code img_align_celeba} folder itself with the attribute file beside it; and Kaggle's doubled
 * {@code img_align_celeba/img_align_celeba/}.
 */
public final class CelebADataset extends AbstractImageDataset {
    /** CelebA's aligned image size; for it the central 108x108 face crop is used. */
    public static final int ALIGNED_WIDTH = 178;
    public static final int ALIGNED_HEIGHT = 218;
    public static final int FACE_CROP = 108;
    public static final String IMAGES = "img_align_celeba";
    public static final String ATTRIBUTES = "list_attr_celeba.txt";

    private final Path imageDir;
    private final Path attributeFile;
    private final List<String> names;
    private final AttributeTable attributes;
    private final DatasetReport report;

    private CelebADataset(Path imageDir, Path attributeFile, int imageSize, int channels, List<String> names,
            AttributeTable attributes, DatasetReport report) {
        super(imageSize, channels);
        this.imageDir = imageDir;
        this.attributeFile = attributeFile;
        this.names = names;
        this.attributes = attributes;
        this.report = report;
    }

    /** Where the images and the attribute file of a CelebA root are. */
    public record Layout(Path imageDir, Path attributeFile) {}

    /** Finds the image folder and attribute file under {@code root}, if it is a CelebA root. */
    public static Optional<Layout> locate(Path root) {
        List<Path[]> tries = new ArrayList<>();
        Path images = root.resolve(IMAGES);
        Path doubled = images.resolve(IMAGES);
        for (Path img : List.of(doubled, images)) {
            tries.add(new Path[] {img, root.resolve(ATTRIBUTES)});
            tries.add(new Path[] {img, root.resolve("Anno").resolve(ATTRIBUTES)});
        }
        Path parent = root.toAbsolutePath().getParent();
        if (parent != null && root.getFileName() != null && root.getFileName().toString().equals(IMAGES)) {
            tries.add(new Path[] {root, parent.resolve(ATTRIBUTES)});
            tries.add(new Path[] {root, parent.resolve("Anno").resolve(ATTRIBUTES)});
        }
        for (Path[] t : tries) {
            if (Files.isDirectory(t[0]) && Files.isRegularFile(t[1])) {
                return Optional.of(new Layout(t[0], t[1]));
            }
        }
        return Optional.empty();
    }

    /**
     * Parses the attributes and checks which images exist; images listed but missing are skipped
     * and reported.
     *
     * @throws DatasetException if {@code root} is no CelebA root, the attribute file is malformed,
     *     or none of the listed images exists
     */
    public static CelebADataset open(Path root, int imageSize, int channels) throws DatasetException {
        ImageOps.checkShape(imageSize, channels);
        Layout layout = locate(root).orElseThrow(() -> new DatasetException(root + ": not a CelebA folder"
                + " (expected " + IMAGES + "/ and " + ATTRIBUTES + " or Anno/" + ATTRIBUTES + ")"));
        AttributeTable.CelebAText text = AttributeTable.CelebAText.parse(layout.attributeFile());
        Warnings warnings = new Warnings();
        List<String> present = new ArrayList<>(text.imageNames().size());
        int[] rows = new int[text.imageNames().size()];
        for (int i = 0; i < text.imageNames().size(); i++) {
            String name = text.imageNames().get(i);
            if (Files.isRegularFile(layout.imageDir().resolve(name))) {
                rows[present.size()] = i;
                present.add(name);
            } else {
                warnings.skip(name + ": listed in " + layout.attributeFile().getFileName()
                        + " but missing from " + layout.imageDir());
            }
        }
        if (present.isEmpty()) {
            throw new DatasetException("no readable images in " + layout.imageDir() + " ("
                    + text.imageNames().size() + " listed in " + layout.attributeFile() + ", all missing)");
        }
        AttributeTable table = text.table().select(java.util.Arrays.copyOf(rows, present.size()));
        return new CelebADataset(layout.imageDir(), layout.attributeFile(), imageSize, channels,
                List.copyOf(present), table, warnings.report());
    }

    /** The crop used for a {@code w x h} image: the 108-pixel face for CelebA's 178x218. */
    static ImageOps.Crop faceCrop(int w, int h) {
        if (w == ALIGNED_WIDTH && h == ALIGNED_HEIGHT) {
            return new ImageOps.Crop((w - FACE_CROP) / 2, (h - FACE_CROP) / 2, FACE_CROP);
        }
        return ImageOps.Crop.centreSquare(w, h);
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        return imageDir.resolve(names.get(index));
    }

    /** CelebA's name of image {@code index}, e.g. {@code 000001.jpg}. */
    public String imageName(int index) {
        return names.get(index);
    }

    public Path attributeFile() {
        return attributeFile;
    }

    @Override
    public String description() {
        return "CelebA " + imageDir + " (" + names.size() + " images"
                + (report.skipped() > 0 ? ", " + report.skipped() + " missing" : "") + ")";
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public void read(int index, float[] dst, int offset) throws DatasetException {
        Path f = file(index);
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(f + ": cannot decode image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DatasetException(f + ": not a readable image");
        }
        ImageOps.Crop crop = faceCrop(img.getWidth(), img.getHeight());
        int s = imageSize();
        int c = channels();
        float[] planes = ImageOps.resize(ImageOps.planes(img, crop, c), c, crop.side(), s);
        ImageOps.expand(planes, c, s * s, c, dst, offset);
    }

    @Override
    public Optional<AttributeTable> attributes() {
        return Optional.of(attributes);
    }

    @Override
    public DatasetReport report() {
        return report;
    }
}
