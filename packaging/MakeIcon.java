import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the app icon: a 3x3 grid of "generated" face tiles on a dark rounded square, the way a
 * DCGAN sample grid looks. Run from the repository root:
 *
 * <pre>java packaging/MakeIcon.java</pre>
 *
 * It writes assets/icon.png (256x256) and assets/icon-48.png (48x48, drawn at that size, not
 * scaled down, so the shapes stay crisp).
 */
public class MakeIcon {
    // skin, background of the tile, hair
    private static final Color[][] TILES = {
        {new Color(0xF2C9A0), new Color(0x3B6FB6), new Color(0x4A2C17)},
        {new Color(0xE0A878), new Color(0xD9822B), new Color(0x1E1E1E)},
        {new Color(0xF7D7B5), new Color(0x2E9E77), new Color(0xC08A3E)},
        {new Color(0xC68A5A), new Color(0x8E4FB0), new Color(0x2B1A10)},
        {new Color(0xF4CFA8), new Color(0xE0495B), new Color(0x6B3A1E)},
        {new Color(0xB9794C), new Color(0x2F8FBF), new Color(0x111111)},
        {new Color(0xF0C4A0), new Color(0x5A9E3A), new Color(0xA0522D)},
        {new Color(0xDDA070), new Color(0x3C4FB0), new Color(0xE3C16F)},
        {new Color(0xF5D2B0), new Color(0xC2572F), new Color(0x3A2416)},
    };

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "assets");
        dir.mkdirs();
        ImageIO.write(draw(256), "png", new File(dir, "icon.png"));
        ImageIO.write(draw(48), "png", new File(dir, "icon-48.png"));
        System.out.println("wrote " + new File(dir, "icon.png") + " and " + new File(dir, "icon-48.png"));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;

        // Dark rounded square with a soft vertical gradient.
        double m = (size >= 128 ? 8 : 4) * s;
        RoundRectangle2D bg = new RoundRectangle2D.Double(m, m, size - 2 * m, size - 2 * m, 48 * s, 48 * s);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2A3550), 0, size, new Color(0x121826)));
        g.fill(bg);

        // 3x3 tiles.
        // At small sizes the frame and the gaps get thinner so the faces keep their pixels.
        double pad = (size >= 128 ? 26 : 20) * s;
        double gap = (size >= 128 ? 10 : 8) * s;
        double tile = (size - 2 * pad - 2 * gap) / 3;
        for (int i = 0; i < 9; i++) {
            int r = i / 3;
            int c = i % 3;
            double x = pad + c * (tile + gap);
            double y = pad + r * (tile + gap);
            face(g, x, y, tile, TILES[i], i, size >= 128);
        }
        g.dispose();
        return img;
    }

    private static void face(Graphics2D g, double x, double y, double t, Color[] col, int variant, boolean detail) {
        Color skin = col[0];
        Color back = col[1];
        Color hair = col[2];
        g.setColor(back);
        g.fill(new RoundRectangle2D.Double(x, y, t, t, t * 0.18, t * 0.18));

        double fw = t * 0.62;
        double fh = t * 0.70;
        double fx = x + (t - fw) / 2;
        double fy = y + t * 0.20;
        // hair behind the head
        g.setColor(hair);
        g.fill(new Ellipse2D.Double(fx - t * 0.05, fy - t * 0.08, fw + t * 0.10, fh * 0.80));
        // head
        g.setColor(skin);
        g.fill(new Ellipse2D.Double(fx, fy, fw, fh));
        // fringe: a cap over the top of the head, varied a little
        g.setColor(hair);
        double cut = variant % 3 == 0 ? 0.36 : variant % 3 == 1 ? 0.28 : 0.32;
        g.fill(new Arc2D.Double(fx - t * 0.01, fy - t * 0.02, fw + t * 0.02, fh * cut * 2.2, 0, 180, Arc2D.CHORD));

        // eyes
        double ey = fy + fh * 0.48;
        double er = detail ? t * 0.055 : Math.max(0.75, t * 0.06);
        g.setColor(new Color(0x1B1B1B));
        g.fill(new Ellipse2D.Double(fx + fw * 0.30 - er, ey - er, 2 * er, 2 * er));
        g.fill(new Ellipse2D.Double(fx + fw * 0.70 - er, ey - er, 2 * er, 2 * er));

        // mouth: smiles differ, like samples from different z
        double mw = fw * (0.30 + 0.06 * (variant % 3));
        double mh = fh * (variant % 2 == 0 ? 0.16 : 0.08);
        g.setStroke(new BasicStroke((float) (detail ? t * 0.045 : Math.max(0.8, t * 0.06)), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        g.setColor(detail ? new Color(0x8A2B2B) : new Color(0xB5544E));
        g.draw(new Arc2D.Double(fx + (fw - mw) / 2, fy + fh * 0.62, mw, mh, 200, 140, Arc2D.OPEN));
    }
}
