package io.dcganexplorer.eval;

import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.LabelledRows;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.train.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query's nearest training images as a picture (the query, then a row of its neighbours in pixel
 * space and a row in D-feature space, each captioned with its index and distance) and as JSON beside
 * it, for {@code neighbours} on the command line.
 */
public final class NeighbourPicture {
    /** What {@code P.json} holds beside the picture {@code P}. */
    public record Report(String checkpoint, String dataset, String query, int k, String distance,
            List<NeighbourIndex.Neighbour> pixels, List<NeighbourIndex.Neighbour> features, int imagesCompared,
            boolean pixelsExact, double searchSeconds) {}

    /** How distances are measured, as the picture's JSON says it. */
    public static final String DISTANCE = "root-mean-square difference per value: pixels on the [-1, 1] scale, "
            + "D features (each conv stage's channels averaged over the map) as they are";

    private NeighbourPicture() {}

    /** The picture; training images scaled up {@code zoom} times like the query. */
    public static Pixels draw(NeighbourIndex index, Pixels query, String queryLabel, NeighbourIndex.Neighbours n,
            int zoom) throws DatasetException {
        List<LabelledRows.Row> rows = new ArrayList<>();
        rows.add(new LabelledRows.Row(queryLabel, List.of(new LabelledRows.Cell(query, "query"))));
        rows.add(new LabelledRows.Row("nearest: pixels", cells(index, n.pixels())));
        rows.add(new LabelledRows.Row("nearest: D features", cells(index, n.features())));
        return LabelledRows.draw(rows, zoom);
    }

    private static List<LabelledRows.Cell> cells(NeighbourIndex index, List<NeighbourIndex.Neighbour> list)
            throws DatasetException {
        List<LabelledRows.Cell> out = new ArrayList<>();
        int size = index.config().imageSize();
        int channels = index.config().channels();
        for (NeighbourIndex.Neighbour nb : list) {
            Pixels p = ImageGrids.image(index.image(nb.index()), 0, channels, size);
            out.add(new LabelledRows.Cell(p, String.format(Locale.ROOT, "#%d %.3f", nb.index(), nb.distance())));
        }
        return out;
    }

    /** Writes the picture to {@code png} and the report to {@code png} with {@code .json} for its ending. */
    public static Path write(Path png, Pixels picture, Report report) throws IOException {
        PngFiles.write(picture, png);
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path json = png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
        Json.write(json, report);
        return json;
    }
}
