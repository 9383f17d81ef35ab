package io.dcganexplorer.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the procedural cartoon faces of {@link FaceDataset} with Java2D. A face is a pure
 * function of {@code (seed, index)}: {@link #face} draws its parameters from a random generator
 * seeded by both, {@link #render} paints them.
 *
 * <p>Attributes are drawn to survive 32x32: a smile is a filled upward crescent (neutral is a flat
 * line), glasses are thick dark rings, long hair falls beside the face down to the shoulders,
 * and men wear a beard around the jaw. The face is painted at several times the target size with
 * antialiasing and then area-averaged down, which is what keeps small faces clean.
 */
public final class FaceRenderer {
    /** Attribute names, in {@link FaceDataset#attributes()} column order (CelebA spelling). */
    public static final List<String> ATTRIBUTES = List.of("Smiling", "Male", "Eyeglasses", "Facing_Left",
            "Facing_Front", "Facing_Right");

    private static final Color[] HAIR = {
        new Color(28, 24, 22), new Color(62, 40, 24), new Color(110, 70, 36), new Color(214, 178, 102),
        new Color(160, 62, 28), new Color(150, 150, 152),
    };

    /**
     * How a face is drawn. Stored in a run's dataset spec ({@code faces} is {@link #V2},
     * {@code faces-v1} is {@link #V1}), so a run keeps training on the pixels it started on.
     */
    public enum Style {
        /**
         * The set until 2026-12-04: the beard's inner edge runs through the lower half of the mouth,
         * so part of a man's smile is drawn over hair where a woman's is over skin. Drawn in pairs
         * (smiling and neutral, all else equal), the smile's mean pixel difference among women and
         * among men has cosine 0.985 at 64x64 (0.998 in {@link #V2}).
         */
        V1,
        /** The beard leaves a clearing of skin round the mouth: the smile is the same pixels on every face. */
        V2,
        /**
         * A smile as a photograph shows one, not a few pixels of crescent: a wide open mouth with a
         * row of teeth, raised cheeks (a blush on each) and narrowed eyes, all on skin that no beard
         * reaches, so that it is the same pixels on every face. In {@link #V2} a smile changes about
         * 1% of a 64x64 face; here several times that (FaceDatasetTest).
         */
        V3;

        /** The style of {@code faces}. */
        public static final Style CURRENT = V2;
    }

    private FaceRenderer() {}

    /**
     * Everything that decides one face.
     *
     * @param facing -1 facing left, 0 front, +1 right (as seen by the viewer)
     * @param offsetX horizontal shift of the face centre, fraction of the image
     * @param offsetY vertical shift, fraction of the image
     * @param scale face size relative to the average
     */
    public record Face(boolean smiling, boolean male, boolean glasses, int facing, Color skin, Color hair,
            Color background, Color shirt, double offsetX, double offsetY, double scale) {

        /** This face, smiling or not, all else equal. */
        public Face withSmiling(boolean s) {
            return new Face(s, male, glasses, facing, skin, hair, background, shirt, offsetX, offsetY, scale);
        }

        /** This face as a man or a woman (beard or long hair), all else equal. */
        public Face withMale(boolean m) {
            return new Face(smiling, m, glasses, facing, skin, hair, background, shirt, offsetX, offsetY, scale);
        }

        /** The attribute row, in {@link #ATTRIBUTES} order, as +1/-1. */
        public byte[] attributeRow() {
            return new byte[] {pm(smiling), pm(male), pm(glasses), pm(facing < 0), pm(facing == 0),
                pm(facing > 0)};
        }

        private static byte pm(boolean b) {
            return (byte) (b ? 1 : -1);
        }
    }

    /** The parameters of face {@code index} under {@code seed}. */
    public static Face face(long seed, int index) {
        SplittableRandom r = new SplittableRandom(mix(mix(seed) + index));
        // attributes first, each independent, so their balance does not depend on the nuisances
        boolean smiling = r.nextBoolean();
        boolean male = r.nextBoolean();
        boolean glasses = r.nextBoolean();
        int facing = r.nextInt(3) - 1;
        double t = r.nextDouble();
        Color skin = lerp(new Color(255, 222, 192), new Color(112, 72, 46), t * t);
        Color hair = HAIR[r.nextInt(HAIR.length)];
        Color background = Color.getHSBColor((float) r.nextDouble(), 0.15f + 0.35f * (float) r.nextDouble(),
                0.62f + 0.33f * (float) r.nextDouble());
        Color shirt = Color.getHSBColor((float) r.nextDouble(), 0.3f + 0.4f * (float) r.nextDouble(),
                0.3f + 0.5f * (float) r.nextDouble());
        double ox = (r.nextDouble() - 0.5) * 0.08;
        double oy = (r.nextDouble() - 0.5) * 0.06;
        double scale = 0.9 + 0.2 * r.nextDouble();
        return new Face(smiling, male, glasses, facing, skin, hair, background, shirt, ox, oy, scale);
    }

    /**
     * Renders {@code face} in {@code style} at {@code size} and writes it into {@code dst} as CHW
     * floats in [-1, 1] (1 channel: luminance; 3: RGB).
     */
    public static void render(Face face, Style style, int size, int channels, float[] dst, int offset) {
        Scratch sc = SCRATCH.get();
        if (sc == null || sc.size != size || sc.channels != channels) {
            sc = new Scratch(size, channels);
            SCRATCH.set(sc);
        }
        // The canvas is fully repainted (background first), so one per thread serves every face.
        Graphics2D g = sc.image.createGraphics();
        try {
            paint(g, face, style, sc.canvas);
        } finally {
            g.dispose();
        }
        sc.image.getRGB(0, 0, sc.canvas, sc.canvas, sc.argb, 0, sc.canvas);
        ImageOps.planes(sc.argb, sc.canvas * sc.canvas, channels, sc.planes);
        ImageOps.resize(sc.planes, channels, sc.kernel, sc.canvas, size, sc.tmp, sc.small);
        ImageOps.expand(sc.small, channels, size * size, channels, dst, offset);
    }

    /**
     * One thread's canvas and buffers for {@link #render(Face, Style, int, int, float[], int)}: a 64x64 face
     * is drawn on a 256x256 canvas, and fresh buffers for each face made 1.4 MB of garbage, 90 MB a
     * training step, which the JVM answered by growing its heap.
     */
    private static final class Scratch {
        final int size;
        final int channels;
        final int canvas;
        final BufferedImage image;
        final int[] argb;
        final float[] planes;
        final float[] tmp;
        final float[] small;
        final ImageOps.Kernel kernel;

        Scratch(int size, int channels) {
            this.size = size;
            this.channels = channels;
            this.canvas = size * (size <= 64 ? 4 : 2);
            this.image = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
            this.argb = new int[canvas * canvas];
            this.planes = new float[channels * canvas * canvas];
            this.tmp = new float[canvas * size];
            this.small = new float[channels * size * size];
            this.kernel = ImageOps.Kernel.of(canvas, size);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

    private static void paint(Graphics2D g, Face f, Style style, int side) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(side, side); // all geometry below is in unit coordinates
        paint(g, f, style);
    }

    private static void paint(Graphics2D g, Face f, Style style) {
        double s = f.scale();
        double cx = 0.5 + f.offsetX();
        double cy = 0.45 + f.offsetY();
        double a = 0.22 * s; // face half-width
        double b = 0.285 * s; // face half-height
        double turn = f.facing() * 0.11 * s; // sideways shift of the features

        g.setColor(f.background());
        g.fill(new Rectangle2D.Double(0, 0, 1, 1));

        // long hair goes behind everything else of the head, down to the shoulders
        if (!f.male()) {
            Path2D hair = new Path2D.Double();
            double hw = a * 1.38;
            double bottom = cy + b * 1.45;
            hair.moveTo(cx - hw, bottom);
            hair.lineTo(cx - hw, cy - b * 0.1);
            hair.curveTo(cx - hw, cy - b * 1.45, cx + hw, cy - b * 1.45, cx + hw, cy - b * 0.1);
            hair.lineTo(cx + hw, bottom);
            hair.closePath();
            g.setColor(f.hair());
            g.fill(hair);
        }

        // shoulders and neck
        g.setColor(f.shirt());
        g.fill(new Ellipse2D.Double(cx - a * 2.3, cy + b * 1.45, a * 4.6, b * 1.8));
        g.setColor(shade(f.skin(), 0.85));
        g.fill(new Rectangle2D.Double(cx - a * 0.42, cy + b * 0.6, a * 0.84, b * 0.95));

        // ears, the far one hidden when the head is turned
        g.setColor(shade(f.skin(), 0.92));
        for (int side = -1; side <= 1; side += 2) {
            if (f.facing() != side) {
                g.fill(new Ellipse2D.Double(cx + side * a * 0.98 - a * 0.14 - turn * 0.4, cy - b * 0.12,
                        a * 0.28, b * 0.34));
            }
        }

        Shape head = new Ellipse2D.Double(cx - a, cy - b, 2 * a, 2 * b);
        g.setColor(f.skin());
        g.fill(head);

        // short hair: a cap over the top of the head (long hair gets the same fringe)
        Area cap = new Area(new Ellipse2D.Double(cx - a * 1.1, cy - b * 1.2, a * 2.2, b * 2.1));
        cap.intersect(new Area(new Rectangle2D.Double(0, 0, 1, cy - b * 0.5)));
        Area forehead = new Area(new Ellipse2D.Double(cx - a * 0.8 + turn * 0.5, cy - b * 0.72, a * 1.6, b));
        cap.subtract(forehead);
        g.setColor(f.hair());
        g.fill(cap);

        double eyeY = cy - b * 0.08;
        double mouthY = cy + b * 0.52;
        double mx = cx + turn;

        // beard: a band around the jaw, below the mouth and up the cheeks. Its place is worked out for
        // women too: V3 draws its smile only where no beard could be, so that it is the same on everyone.
        Area beard;
        {
            beard = new Area(head);
            beard.subtract(new Area(new Ellipse2D.Double(cx - a * 0.74 + turn * 0.4, cy - b * 0.95, a * 1.48,
                    b * 1.62)));
            beard.intersect(new Area(new Rectangle2D.Double(0, eyeY + b * 0.2, 1, 1)));
            if (style == Style.V2) {
                // skin round the mouth, wider and deeper than the smile plus the blur of downsampling
                beard.subtract(new Area(new Ellipse2D.Double(mx - a * 0.62, mouthY - b * 0.3, a * 1.24,
                        b * 0.6)));
            } else if (style == Style.V3) {
                // round the wider, deeper V3 smile
                beard.subtract(new Area(new Ellipse2D.Double(mx - a * 0.74, mouthY - b * 0.32, a * 1.48,
                        b * 0.86)));
            }
        }
        if (f.male()) {
            g.setColor(new Color(f.hair().getRed(), f.hair().getGreen(), f.hair().getBlue(), 230));
            g.fill(beard);
        }
        // the face's skin that no beard could cover (not beyond the head, where long hair may be)
        Area beardless = new Area(head);
        beardless.subtract(beard);

        // eyes: the one on the side the head turns to is farther away, so narrower and closer in
        double[] eyeX = new double[2];
        double[] eyeW = new double[2];
        for (int k = 0; k < 2; k++) {
            int side = k == 0 ? -1 : 1;
            boolean far = f.facing() == side;
            double spread = a * (far ? 0.3 : 0.42);
            eyeX[k] = cx + turn + side * spread;
            eyeW[k] = a * (far ? 0.17 : 0.25);
            double eh = b * 0.14;
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(eyeX[k] - eyeW[k] / 2, eyeY - eh / 2, eyeW[k], eh));
            g.setColor(new Color(30, 25, 35));
            double pr = b * 0.065;
            double px = eyeX[k] + f.facing() * eyeW[k] * 0.2;
            g.fill(new Ellipse2D.Double(px - pr, eyeY - pr, 2 * pr, 2 * pr));
            if (style == Style.V3 && f.smiling()) {
                // raised cheeks close the lower half of the eye: skin from below, up past the pupil's centre
                Shape clip = g.getClip();
                g.clip(beardless);
                g.setColor(f.skin());
                g.fill(new Ellipse2D.Double(eyeX[k] - eyeW[k] * 0.7, eyeY + eh * 0.05, eyeW[k] * 1.4, eh * 1.6));
                g.setColor(new Color(30, 25, 35));
                g.setStroke(new BasicStroke((float) (b * 0.035), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new java.awt.geom.Arc2D.Double(eyeX[k] - eyeW[k] * 0.55, eyeY - eh * 0.1, eyeW[k] * 1.1,
                        eh * 0.6, 0, -180, java.awt.geom.Arc2D.OPEN));
                g.setClip(clip);
            }
            g.setColor(shade(f.hair(), 0.8));
            g.setStroke(new BasicStroke((float) (b * 0.06), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(eyeX[k] - eyeW[k] * 0.6, eyeY - b * 0.2, eyeX[k] + eyeW[k] * 0.6,
                    eyeY - b * 0.22));
        }

        // nose: a short line in front view, a wedge pointing the way the head turns
        g.setColor(shade(f.skin(), 0.7));
        g.setStroke(new BasicStroke((float) (b * 0.05), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double nx = cx + turn * 1.15;
        double noseTop = eyeY + b * 0.1;
        double noseBottom = cy + b * 0.3;
        Path2D nose = new Path2D.Double();
        nose.moveTo(nx, noseTop);
        nose.lineTo(nx + (f.facing() == 0 ? -a * 0.08 : f.facing() * a * 0.16), noseBottom);
        nose.lineTo(nx + (f.facing() == 0 ? a * 0.08 : 0), noseBottom);
        g.draw(nose);

        // mouth: a filled upward crescent when smiling, a flat line otherwise
        double near = a * 0.34;
        double farW = a * (f.facing() == 0 ? 0.34 : 0.22);
        double left = mx - (f.facing() < 0 ? farW : near);
        double right = mx + (f.facing() > 0 ? farW : near);
        g.setColor(new Color(150, 30, 40));
        if (f.smiling() && style == Style.V3) {
            Shape clip = g.getClip();
            g.clip(beardless);
            drawWideSmile(g, f, a, b, cx, mx, mouthY);
            g.setClip(clip);
        } else if (f.smiling()) {
            double top = mouthY - b * 0.1;
            Path2D smile = new Path2D.Double();
            smile.moveTo(left, top);
            smile.quadTo(mx, mouthY + b * 0.36, right, top);
            smile.quadTo(mx, mouthY + b * 0.08, left, top);
            smile.closePath();
            g.fill(smile);
            g.setStroke(new BasicStroke((float) (b * 0.05), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(smile);
        } else {
            g.setStroke(new BasicStroke((float) (b * 0.09), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(left + a * 0.05, mouthY + b * 0.04, right - a * 0.05, mouthY + b * 0.04));
        }

        if (f.glasses()) {
            g.setColor(new Color(20, 20, 24));
            g.setStroke(new BasicStroke((float) (b * 0.075), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double rh = b * 0.17;
            for (int k = 0; k < 2; k++) {
                double rw = Math.max(eyeW[k] * 0.75, a * 0.2);
                g.draw(new Ellipse2D.Double(eyeX[k] - rw, eyeY - rh, 2 * rw, 2 * rh));
            }
            double lw = Math.max(eyeW[0] * 0.75, a * 0.2);
            double rw = Math.max(eyeW[1] * 0.75, a * 0.2);
            g.draw(new Line2D.Double(eyeX[0] + lw, eyeY - rh * 0.3, eyeX[1] - rw, eyeY - rh * 0.3));
            // temple arms only on a visible side of the head
            if (f.facing() != -1) {
                g.draw(new Line2D.Double(eyeX[0] - lw, eyeY - rh * 0.3, cx - a * 0.97, eyeY - rh * 0.5));
            }
            if (f.facing() != 1) {
                g.draw(new Line2D.Double(eyeX[1] + rw, eyeY - rh * 0.3, cx + a * 0.97, eyeY - rh * 0.5));
            }
        }
    }

    /**
     * The V3 smile: blushing cheeks, then a wide open mouth (a D shape, dark inside) with a row of
     * teeth along its top and the corners drawn up.
     */
    private static void drawWideSmile(Graphics2D g, Face f, double a, double b, double cx, double mx, double mouthY) {
        double turn = mx - cx;
        g.setColor(new Color(235, 110, 120, 150));
        for (int side = -1; side <= 1; side += 2) {
            if (f.facing() != side) {
                g.fill(new Ellipse2D.Double(cx + turn * 0.6 + side * a * 0.46 - a * 0.14, mouthY - b * 0.5, a * 0.28,
                        b * 0.17));
            }
        }
        double near = a * 0.5;
        double farW = a * (f.facing() == 0 ? 0.5 : 0.32);
        double left = mx - (f.facing() < 0 ? farW : near);
        double right = mx + (f.facing() > 0 ? farW : near);
        double top = mouthY - b * 0.12;
        Path2D mouth = new Path2D.Double();
        mouth.moveTo(left, top - b * 0.04);
        mouth.quadTo(mx, top + b * 0.05, right, top - b * 0.04);
        mouth.quadTo(mx, mouthY + b * 0.5, left, top - b * 0.04);
        mouth.closePath();
        g.setColor(new Color(110, 20, 30));
        g.fill(mouth);
        Shape clip = g.getClip();
        g.clip(mouth);
        g.setColor(new Color(245, 245, 240));
        g.fill(new Rectangle2D.Double(left, top - b * 0.1, right - left, b * 0.2));
        g.setClip(clip);
        g.setColor(new Color(150, 30, 40));
        g.setStroke(new BasicStroke((float) (b * 0.05), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(mouth);
    }

    private static Color lerp(Color p, Color q, double t) {
        return new Color((int) Math.round(p.getRed() + (q.getRed() - p.getRed()) * t),
                (int) Math.round(p.getGreen() + (q.getGreen() - p.getGreen()) * t),
                (int) Math.round(p.getBlue() + (q.getBlue() - p.getBlue()) * t));
    }

    private static Color shade(Color c, double k) {
        return new Color((int) (c.getRed() * k), (int) (c.getGreen() * k), (int) (c.getBlue() * k));
    }

    /** A 64-bit finaliser (MurmurHash3's fmix64): nearby seeds and indices give unrelated streams. */
    static long mix(long z) {
        z ^= z >>> 33;
        z *= 0xff51afd7ed558ccdL;
        z ^= z >>> 33;
        z *= 0xc4ceb9fe1a85ec53L;
        z ^= z >>> 33;
        return z;
    }

    /**
     * Writes 8x8 grids of faces (seed 1) at 64x64 and 32x32 to the given files, default
     * {@code /tmp/faces64.png} and {@code /tmp/faces32.png}, to look at the set by eye.
     */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path f64 = java.nio.file.Path.of(args.length > 0 ? args[0] : "/tmp/faces64.png");
        java.nio.file.Path f32 = java.nio.file.Path.of(args.length > 1 ? args[1] : "/tmp/faces32.png");
        writeGrid(64, f64);
        writeGrid(32, f32);
    }

    private static void writeGrid(int size, java.nio.file.Path file) throws java.io.IOException {
        int n = 64;
        int plane = 3 * size * size;
        float[] chw = new float[n * plane];
        for (int i = 0; i < n; i++) {
            render(face(1, i), Style.CURRENT, size, 3, chw, i * plane);
        }
        io.dcganexplorer.image.PngFiles.write(
                io.dcganexplorer.image.ImageGrids.grid(chw, n, 3, size, 8, 2), file);
    }
}
