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
    void aGifByDefaultIsWrittenAsTheWindowExportsIt() throws Exception {
        Path out = tmp.resolve("default.gif");
        var r = CliTest.run("interpolate", "--run-dir", RUN, "--seeds", "4,5", "--frames", "3", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true));
            // 16 px frames upscaled to 64, as LatentWalk's export does (WalkFiles.defaultZoom)
            assertEquals(64, reader.read(0).getWidth());
            String meta = metadataText(reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0"));
            assertTrue(meta.contains("delayTime=10"), meta); // hundredths of a second: 100 ms a frame
        } finally {
            reader.dispose();
        }
    }

    private static String metadataText(org.w3c.dom.Node n) {
        StringBuilder s = new StringBuilder(n.getNodeName());
        var attrs = n.getAttributes();
        for (int i = 0; attrs != null && i < attrs.getLength(); i++) {
            s.append(' ').append(attrs.item(i).getNodeName()).append('=').append(attrs.item(i).getNodeValue());
        }
        for (var c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            s.append('\n').append(metadataText(c));
        }
        return s.toString();
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
