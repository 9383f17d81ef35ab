package io.dcganexplorer.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Rows of images with a label at the start of each row and a caption under each image, drawn
 * with Java2D (headless works): e.g. a query and its nearest neighbours with their distances.
 */
public final class LabelledRows {
    private static final int GAP = 6;
    private static final int LABEL_WIDTH = 120;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** One image and the caption under it. */
    public record Cell(Pixels image, String caption) {}

    /** A labelled row of cells. */
    public record Row(String label, List<Cell> cells) {}

    private LabelledRows() {}

    /**
     * The rows drawn on dark grey, each image scaled up {@code zoom} times (nearest neighbour).
     *
     * @throws IllegalArgumentException when there are no rows or {@code zoom} is below 1
     */
    public static Pixels draw(List<Row> rows, int zoom) {
        if (rows.isEmpty() || zoom < 1) {
            throw new IllegalArgumentException("need rows and a zoom of at least 1");
        }
        int cellW = 0;
        int cellH = 0;
        int maxCells = 0;
        for (Row r : rows) {
            maxCells = Math.max(maxCells, r.cells().size());
            for (Cell c : r.cells()) {
                cellW = Math.max(cellW, c.image().width() * zoom);
                cellH = Math.max(cellH, c.image().height() * zoom);
            }
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(FONT);
        pg.dispose();
        int textH = fm.getHeight();
        for (Row r : rows) {
            for (Cell c : r.cells()) {
                cellW = Math.max(cellW, fm.stringWidth(c.caption()));
            }
        }
        int rowH = cellH + textH + GAP;
        int width = LABEL_WIDTH + maxCells * (cellW + GAP) + GAP;
        int height = rows.size() * rowH + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x20, 0x20, 0x20));
            g.fillRect(0, 0, width, height);
            g.setFont(FONT);
            g.setColor(Color.WHITE);
            for (int ri = 0; ri < rows.size(); ri++) {
                Row r = rows.get(ri);
                int y0 = GAP + ri * rowH;
                g.drawString(r.label(), GAP, y0 + cellH / 2 + fm.getAscent() / 2);
                for (int ci = 0; ci < r.cells().size(); ci++) {
                    Cell c = r.cells().get(ci);
                    int x0 = LABEL_WIDTH + ci * (cellW + GAP);
                    BufferedImage tile = PngFiles.toBufferedImage(c.image());
                    g.drawImage(tile, x0, y0, c.image().width() * zoom, c.image().height() * zoom, null);
                    g.drawString(c.caption(), x0, y0 + cellH + fm.getAscent());
                }
            }
        } finally {
            g.dispose();
        }
        return PngFiles.fromBufferedImage(img);
    }
}
