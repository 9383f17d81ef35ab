package io.dcganexplorer.image;

import io.dcganexplorer.files.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG reading and atomic PNG writing for {@link Pixels}. */
public final class PngFiles {
    private PngFiles() {}

    public static BufferedImage toBufferedImage(Pixels p) {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, p.width(), p.height(), p.argb(), 0, p.width());
        return img;
    }

    public static Pixels fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        return new Pixels(w, h, argb);
    }

    /** Writes a PNG atomically (see {@link AtomicFiles#write}). */
    public static void write(Pixels p, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(toBufferedImage(p), "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    public static Pixels read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a readable image");
        }
        return fromBufferedImage(img);
    }
}
