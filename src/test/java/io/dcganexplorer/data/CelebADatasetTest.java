package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CelebADatasetTest {
    @TempDir
    Path root;

    /** A 178x218 JPEG, black except a white central 108x108 face square. */
    static void writeFace(Path file) throws Exception {
        BufferedImage img = new BufferedImage(178, 218, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(35, 55, 108, 108);
        g.dispose();
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "jpg", file.toFile()));
    }

    /** Four images listed, 000003.jpg missing on disk. */
    static void writeCelebA(Path attrFile, Path imageDir) throws Exception {
        for (String n : List.of("000001.jpg", "000002.jpg", "000004.jpg")) {
            writeFace(imageDir.resolve(n));
        }
        Files.createDirectories(attrFile.getParent());
        Files.writeString(attrFile, "4\n"
                + "Eyeglasses Male Smiling \n"
                + "000001.jpg -1  1  1\n"
                + "000002.jpg  1 -1 -1\n"
                + "000003.jpg  1  1  1\n"
                + "000004.jpg -1 -1  1\n");
    }

    @Test
    void parsesAttributesAndSkipsMissingImages() throws Exception {
        writeCelebA(root.resolve(CelebADataset.ATTRIBUTES), root.resolve(CelebADataset.IMAGES));
        try (CelebADataset ds = CelebADataset.open(root, 32, 3)) {
            assertEquals(3, ds.size());
            assertEquals(1, ds.report().skipped());
            assertTrue(ds.report().warnings().get(0).contains("000003.jpg"));
            AttributeTable t = ds.attributes().orElseThrow();
            assertEquals(List.of("Eyeglasses", "Male", "Smiling"), t.names());
            assertEquals(3, t.size());
            // rows follow the kept images: 000001, 000002, 000004
            assertEquals("000004.jpg", ds.imageName(2));
            assertTrue(t.has(0, "Male"));
            assertTrue(t.has(1, "Eyeglasses"));
            assertFalse(t.has(2, "Male"));
            assertTrue(t.has(2, "Smiling"));
        }
    }

    @Test
    void cropsTheCentralFace() throws Exception {
        writeCelebA(root.resolve(CelebADataset.ATTRIBUTES), root.resolve(CelebADataset.IMAGES));
        try (CelebADataset ds = CelebADataset.open(root, 16, 1)) {
            float[] px = new float[256];
            ds.read(0, px, 0);
            // the 108x108 crop is all white; a largest-square crop would include black rows
            for (float v : px) {
                assertTrue(v > 0.9f, "pixel " + v);
            }
        }
    }

    @Test
    void acceptsAnnoLayoutAndRootGivenAsImageFolder() throws Exception {
        writeCelebA(root.resolve("Anno").resolve(CelebADataset.ATTRIBUTES), root.resolve(CelebADataset.IMAGES));
        try (CelebADataset ds = CelebADataset.open(root, 32, 3)) {
            assertEquals(3, ds.size());
        }
        try (CelebADataset ds = CelebADataset.open(root.resolve(CelebADataset.IMAGES), 32, 3)) {
            assertEquals(3, ds.size());
        }
    }

    @Test
    void undecodableImageFailsAtReadNamingIt() throws Exception {
        writeCelebA(root.resolve(CelebADataset.ATTRIBUTES), root.resolve(CelebADataset.IMAGES));
        Files.write(root.resolve(CelebADataset.IMAGES).resolve("000002.jpg"), new byte[] {1, 2, 3});
        try (CelebADataset ds = CelebADataset.open(root, 32, 3)) {
            float[] px = new float[3 * 32 * 32];
            DatasetException e = assertThrows(DatasetException.class, () -> ds.read(1, px, 0));
            assertTrue(e.getMessage().contains("000002.jpg"), e.getMessage());
        }
    }

    @Test
    void notACelebAFolder() {
        DatasetException e = assertThrows(DatasetException.class, () -> CelebADataset.open(root, 32, 3));
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("CelebA"), e.getMessage());
    }
}
