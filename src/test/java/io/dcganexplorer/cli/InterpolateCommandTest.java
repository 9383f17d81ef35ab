package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolateCommandTest {
    static final String RUN = "src/test/resources/runs/format1-tiny";

    @TempDir
    Path tmp;

    @Test
    void writesAStripWithOneTileAFrame() throws Exception {
        Path out = tmp.resolve("walk.png");
        var r = CliTest.run("interpolate", "--run-dir", RUN, "--seeds", "1,2,3", "--frames", "7", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(out.toFile());
        // 7 tiles of 16 px, 2 px padding around and between
        assertEquals(7 * 16 + 8 * 2, img.getWidth());
        assertEquals(16 + 2 * 2, img.getHeight());
    }

    @Test
    void writesAnAnimatedGifWithEveryFrame() throws Exception {
        Path out = tmp.resolve("walk.gif");
        var r = CliTest.run("interpolate", "--run-dir", RUN, "--seeds", "4,5", "--frames", "6", "--mode", "lerp",
                "--zoom", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true));
            assertEquals(32, reader.read(0).getWidth());
        } finally {
            reader.dispose();
        }
    }

    @Test
    void refusesOneSeedAndAnUnknownMode() {
        var one = CliTest.run("interpolate", "--run-dir", RUN, "--seeds", "1", "--out",
                tmp.resolve("a.png").toString());
        assertEquals(2, one.code());
        assertTrue(one.err().contains("2 to 9 seeds"), one.err());
        var mode = CliTest.run("interpolate", "--run-dir", RUN, "--seeds", "1,2", "--mode", "cubic", "--out",
                tmp.resolve("a.png").toString());
        assertEquals(2, mode.code());
        assertTrue(mode.err().contains("slerp or lerp"), mode.err());
    }
}
