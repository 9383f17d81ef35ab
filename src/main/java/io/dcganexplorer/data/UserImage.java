package io.dcganexplorer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * One picture the user hands the app (to project into z, to find its neighbours), brought to a
 * model's size and channel count the way the folder datasets bring theirs: the centred square,
 * resampled with our own filter, grey as ITU-R 601 luminance, alpha over black; values CHW in
 * [-1, 1].
 *
 * <p>What is converted is said in {@link #notes()} (a crop, a resize, grey to colour, colour to
 * grey, transparency, 16 bits per sample, a huge image read subsampled); what cannot be used is an
 * {@link IOException} whose message names the file and the problem: missing, a folder, empty, not
 * an image, truncated or damaged, too small.
 *
 * @param file the file read
 * @param width the file's width in pixels
 * @param height the file's height in pixels
 * @param size the side of {@link #chw()}
 * @param channels 1 or 3
 * @param chw the image, CHW floats in [-1, 1]
 * @param notes what was converted, in words, for the user
 */
public record UserImage(Path file, int width, int height, int size, int channels, float[] chw, List<String> notes) {
    /** The smallest side we accept: below it there is no picture to match. */
    public static final int MIN_SIDE = 8;
    /** Images with more pixels than this are read subsampled, never whole. */
    static final long MAX_PIXELS = 40_000_000L;

    public UserImage {
        notes = List.copyOf(notes);
    }

    /**
     * Reads {@code file} as a {@code size x size} image of {@code channels}.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static UserImage read(Path file, int size, int channels) throws IOException {
        return read(file, size, channels, MAX_PIXELS);
    }

    static UserImage read(Path file, int size, int channels, long maxPixels) throws IOException {
        ImageOps.checkShape(size, channels);
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not an image");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": the file is empty");
        }
        List<String> notes = new ArrayList<>();
        BufferedImage img;
        int width;
        int height;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not an image this app can read (PNG, JPEG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                if (Math.min(width, height) < MIN_SIDE) {
                    throw new IOException(file + ": too small (" + width + "x" + height + "): an image needs at least "
                            + MIN_SIDE + " pixels a side");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                long pixels = (long) width * height;
                if (pixels > maxPixels) {
                    int step = (int) Math.ceil(Math.sqrt((double) pixels / maxPixels));
                    param.setSourceSubsampling(step, step, 0, 0);
                    notes.add(String.format(Locale.ROOT, "huge image (%dx%d): read every %d%s pixel", width, height,
                            step, ordinalSuffix(step)));
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                img = reader.read(0, param);
                if (!warnings.isEmpty()) { // a JPEG that ends early decodes with a warning, half grey
                    throw new IOException(file + ": truncated or damaged image (" + warnings.get(0) + ")");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io && io.getMessage() != null
                    && io.getMessage().startsWith(file.toString())) {
                throw io;
            }
            throw new IOException(file + ": truncated or damaged image (" + describe(e) + ")", e);
        }
        return fromImage(file, img, width, height, size, channels, notes);
    }

    /** Converts a decoded image; {@code notes} already holds what reading it changed. */
    static UserImage fromImage(Path file, BufferedImage img, int width, int height, int size, int channels,
            List<String> notes) throws IOException {
        var cm = img.getColorModel();
        int colourChannels = cm.getNumColorComponents();
        if (colourChannels != 1 && colourChannels != 3) {
            throw new IOException(file + ": a " + colourChannels + "-channel colour space ("
                    + cm.getColorSpace().getType() + ") this app cannot convert; save it as RGB");
        }
        if (cm.getComponentSize(0) > 8) {
            notes.add(cm.getComponentSize(0) + " bits per sample reduced to 8");
        }
        if (cm.hasAlpha()) {
            notes.add("transparent pixels put on black (as the datasets do)");
        }
        boolean grey = colourChannels == 1;
        if (grey && channels == 3) {
            notes.add("grey image: the same grey in red, green and blue");
        } else if (!grey && channels == 1) {
            notes.add("colour image converted to grey (the model draws grey)");
        }
        ImageOps.Crop crop = ImageOps.Crop.centreSquare(img.getWidth(), img.getHeight());
        if (img.getWidth() != img.getHeight()) {
            notes.add("cropped to the centre " + crop.side() + "x" + crop.side() + " of " + img.getWidth() + "x"
                    + img.getHeight());
        }
        if (crop.side() != size) {
            notes.add((crop.side() > size ? "shrunk" : "enlarged") + " from " + crop.side() + "x" + crop.side()
                    + " to " + size + "x" + size);
        }
        float[] planes = ImageOps.resize(ImageOps.planes(img, crop, channels), channels, crop.side(), size);
        float[] chw = new float[planes.length];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = Math.max(-1f, Math.min(1f, planes[i] / 127.5f - 1f));
        }
        return new UserImage(file, width, height, size, channels, chw, notes);
    }

    /** The notes as one line, or "" when nothing was converted. */
    public String notesLine() {
        return String.join("; ", notes);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static String ordinalSuffix(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
