package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserImageTest {
    @TempDir
    Path dir;

    private Path write(BufferedImage img, String name, String format) throws IOException {
        Path f = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, f.toFile()), "no writer for " + format);
        return f;
    }

    private static BufferedImage rgb(int w, int h, int argb, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, argb);
            }
        }
        return img;
    }

    @Test
    void aSquareColourPictureAtTheModelSizeIsReadAsIsInMinusOneToOne() throws IOException {
        BufferedImage img = rgb(16, 16, 0xFF000000, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 5, 0xFFFF8000);
        UserImage u = UserImage.read(write(img, "a.png", "png"), 16, 3);
        assertEquals(3 * 16 * 16, u.chw().length);
        assertEquals(1f, u.chw()[5 * 16 + 3], 1e-6);
        assertEquals(128 / 127.5f - 1, u.chw()[256 + 5 * 16 + 3], 1e-6);
        assertEquals(-1f, u.chw()[2 * 256 + 5 * 16 + 3], 1e-6);
        assertEquals(-1f, u.chw()[0], 1e-6);
        assertTrue(u.notes().isEmpty(), u.notesLine());
    }

    @Test
    void greyAlphaSixteenBitAndOddShapesAreConvertedWithANote() throws IOException {
        UserImage grey = UserImage.read(write(rgb(32, 32, 0xFF808080, BufferedImage.TYPE_BYTE_GRAY), "g.png", "png"),
                16, 3);
        assertTrue(grey.notesLine().contains("grey image"), grey.notesLine());
        assertTrue(grey.notesLine().contains("shrunk from 32x32 to 16x16"), grey.notesLine());
        float g = grey.chw()[0];
        assertEquals(g, grey.chw()[256], 1e-6);
        assertEquals(g, grey.chw()[512], 1e-6);

        UserImage colourToGrey = UserImage.read(write(rgb(16, 16, 0xFFFF0000, BufferedImage.TYPE_INT_RGB), "r.png",
                "png"), 16, 1);
        assertTrue(colourToGrey.notesLine().contains("converted to grey"), colourToGrey.notesLine());
        assertEquals(0.299f * 255 / 127.5f - 1, colourToGrey.chw()[0], 1e-5);

        UserImage alpha = UserImage.read(write(rgb(16, 16, 0x00FFFFFF, BufferedImage.TYPE_INT_ARGB), "t.png", "png"),
                16, 3);
        assertTrue(alpha.notesLine().contains("transparent"), alpha.notesLine());
        assertEquals(-1f, alpha.chw()[0], 1e-6);

        BufferedImage deep = new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(2, 2, 0, 65535);
        UserImage sixteen = UserImage.read(write(deep, "d.png", "png"), 16, 1);
        assertTrue(sixteen.notesLine().contains("16 bits per sample"), sixteen.notesLine());
        assertEquals(1f, sixteen.chw()[2 * 16 + 2], 1e-6);

        UserImage wide = UserImage.read(write(rgb(48, 16, 0xFF00FF00, BufferedImage.TYPE_INT_RGB), "w.bmp", "bmp"),
                16, 3);
        assertTrue(wide.notesLine().contains("cropped to the centre 16x16 of 48x16"), wide.notesLine());
        UserImage small = UserImage.read(write(rgb(8, 8, 0xFF00FF00, BufferedImage.TYPE_INT_RGB), "s.png", "png"),
                16, 3);
        assertTrue(small.notesLine().contains("enlarged from 8x8 to 16x16"), small.notesLine());
        assertEquals(1f, small.chw()[256 + 40], 1e-6);
    }

    @Test
    void aHugeImageIsReadSubsampledNotWhole() throws IOException {
        Path f = write(rgb(64, 64, 0xFF336699, BufferedImage.TYPE_INT_RGB), "h.png", "png");
        UserImage u = UserImage.read(f, 16, 3, 64 * 64 / 4);
        assertTrue(u.notesLine().contains("huge image (64x64): read every 2nd pixel"), u.notesLine());
        assertTrue(u.notesLine().contains("shrunk from 32x32"), u.notesLine());
        assertEquals(0x33 / 127.5f - 1, u.chw()[0], 1e-5);
    }

    @Test
    void whatCannotBeUsedIsAnErrorNamingTheFile() throws IOException {
        Path png = write(rgb(64, 64, 0xFF123456, BufferedImage.TYPE_INT_RGB), "full.png", "png");
        byte[] bytes = Files.readAllBytes(png);
        Path truncatedPng = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        BufferedImage noisy = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            noisy.setRGB(i % 64, i / 64, i * 2654435761L > 0 ? (int) (i * 2654435761L) : i * 77);
        }
        byte[] jpeg = Files.readAllBytes(write(noisy, "full.jpg", "jpg"));
        Path truncatedJpeg = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture at all");
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path tiny = write(rgb(1, 1, 0xFFFFFFFF, BufferedImage.TYPE_INT_RGB), "tiny.png", "png");
        Path missing = dir.resolve("missing.png");
        String[][] cases = {
            {truncatedPng.toString(), "truncated or damaged"},
            {truncatedJpeg.toString(), "truncated or damaged"},
            {text.toString(), "not an image"},
            {empty.toString(), "empty"},
            {tiny.toString(), "too small (1x1)"},
            {missing.toString(), "no such file"},
            {dir.toString(), "is a folder"},
        };
        for (String[] c : cases) {
            IOException e = assertThrows(IOException.class, () -> UserImage.read(Path.of(c[0]), 16, 3), c[0]);
            assertTrue(e.getMessage().startsWith(c[0] + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        assertArrayEquals(bytes, Files.readAllBytes(png)); // reading changes nothing
    }
}
