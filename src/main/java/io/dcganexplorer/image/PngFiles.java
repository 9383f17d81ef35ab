package io.dcganexplorer.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Writes to a temporary file beside {@code file} and renames it into place. */
    public static void write(Pixels p, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".png");
        try {
            if (!ImageIO.write(toBufferedImage(p), "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Pixels read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a readable image");
        }
        return fromBufferedImage(img);
    }
}
