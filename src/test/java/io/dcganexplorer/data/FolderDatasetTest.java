package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {
    @TempDir
    Path dir;

    static void writeImage(Path file, String format, int w, int h, Color fill) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(fill);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()));
    }

    @Test
    void skipsCorruptFileAndNamesIt() throws Exception {
        writeImage(dir.resolve("a.png"), "png", 40, 30, Color.RED);
        writeImage(dir.resolve("sub/b.JPG"), "jpg", 64, 64, Color.WHITE);
        writeImage(dir.resolve("c.png"), "png", 20, 50, Color.BLACK);
        byte[] junk = new byte[300];
        new Random(7).nextBytes(junk);
        Files.write(dir.resolve("broken.png"), junk);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        List<Integer> progress = new ArrayList<>();
        try (FolderDataset ds = FolderDataset.open(dir, 16, 3, progress::add)) {
            assertEquals(3, ds.size());
            assertEquals(1, ds.report().skipped());
            assertTrue(ds.report().warnings().get(0).contains("broken.png"), ds.report().warnings().toString());
            assertEquals(List.of(1, 2, 3, 4), progress);
            // sorted by path: a.png, c.png, sub/b.JPG
            assertEquals("b.JPG", ds.file(2).getFileName().toString());
            float[] px = new float[3 * 256];
            ds.read(0, px, 0); // pure red
            assertEquals(1f, px[100], 1e-6);
            assertEquals(-1f, px[256 + 100], 1e-6);
            ds.read(1, px, 0); // black
            assertEquals(-1f, px[512 + 7], 1e-6);
        }
    }

    @Test
    void grayIsLuminance() throws Exception {
        writeImage(dir.resolve("g.png"), "png", 8, 8, new Color(0, 255, 0));
        try (FolderDataset ds = FolderDataset.open(dir, 8, 1)) {
            float[] px = new float[64];
            ds.read(0, px, 0);
            assertEquals(Math.round(0.587f * 255) / 127.5f - 1f, px[10], 1e-5);
        }
    }

    @Test
    void centreCropKeepsTheMiddle() throws Exception {
        // a wide image: black left and right thirds, white centre square
        BufferedImage img = new BufferedImage(90, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(30, 0, 30, 30);
        g.dispose();
        ImageIO.write(img, "png", dir.resolve("wide.png").toFile());
        try (FolderDataset ds = FolderDataset.open(dir, 16, 1)) {
            float[] px = new float[256];
            ds.read(0, px, 0);
            for (float v : px) {
                assertEquals(1f, v, 1e-6);
            }
        }
    }

    @Test
    void emptyFolderNamesTheFolder() {
        DatasetException e = assertThrows(DatasetException.class, () -> FolderDataset.open(dir, 32, 3));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("no readable images"), e.getMessage());
    }

    @Test
    void allCorruptCountsTheTries() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.write(dir.resolve("x" + i + ".jpg"), new byte[] {1, 2, 3});
        }
        DatasetException e = assertThrows(DatasetException.class, () -> FolderDataset.open(dir, 32, 3));
        assertTrue(e.getMessage().contains("3 files tried, 3 corrupt"), e.getMessage());
    }

    @Test
    void notAFolder() throws Exception {
        Path f = Files.writeString(dir.resolve("file.txt"), "x");
        DatasetException e = assertThrows(DatasetException.class, () -> FolderDataset.open(f, 32, 3));
        assertTrue(e.getMessage().contains("file.txt"), e.getMessage());
    }

    @Test
    void warningsAreCapped() throws Exception {
        writeImage(dir.resolve("ok.png"), "png", 8, 8, Color.BLUE);
        for (int i = 0; i < 25; i++) {
            Files.write(dir.resolve(String.format("bad%02d.png", i)), new byte[] {9});
        }
        try (FolderDataset ds = FolderDataset.open(dir, 8, 1)) {
            assertEquals(25, ds.report().skipped());
            assertEquals(Warnings.MAX_LINES + 1, ds.report().warnings().size());
            assertEquals("and 5 more", ds.report().warnings().get(Warnings.MAX_LINES));
        }
    }
}
