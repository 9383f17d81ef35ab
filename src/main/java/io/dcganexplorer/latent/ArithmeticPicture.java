package io.dcganexplorer.latent;

import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.ArithmeticEvaluation.Result;
import io.dcganexplorer.model.DcganConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Renders one face arithmetic: Y = mean(A) - mean(B) + mean(C) and the naive a - b + c, each as a
 * 3x3 noise grid, beside the exemplars and their means. Apart from the scoring so that the
 * command line's plain {@code arithmetic} and the measured rounds draw the same picture.
 */
final class ArithmeticPicture {
    private ArithmeticPicture() {}

    /** See {@link ArithmeticEvaluation#compute(GroupMean, float, List, GeneratorSession, long)}. */
    static Result compute(GroupMean means, float scale, List<List<float[]>> g, GeneratorSession session, long seed) {
        float[] y = means.arithmetic(g.get(0), g.get(1), g.get(2));
        float[] naive = Latent.arithmetic(g.get(0).get(0), g.get(1).get(0), g.get(2).get(0));
        List<float[]> grid = Latent.noiseGrid(y, scale, seed);
        List<float[]> naiveGrid = Latent.noiseGrid(naive, scale, seed);
        int cols = 0;
        List<float[]> groupRows = new ArrayList<>();
        for (List<float[]> members : g) {
            cols = Math.max(cols, members.size() + 1);
        }
        // one row a group: its members, blanks where a group has fewer, then its mean in the last column
        for (List<float[]> members : g) {
            List<float[]> row = new ArrayList<>(members);
            while (row.size() < cols - 1) {
                row.add(null);
            }
            row.add(means.of(members));
            groupRows.addAll(row);
        }
        List<float[]> present = groupRows.stream().filter(Objects::nonNull).toList();
        List<Pixels> groupImages = session.render(present).join();
        List<Pixels> laidOut = new ArrayList<>();
        int k = 0;
        Pixels blank = blank(groupImages.get(0));
        for (float[] z : groupRows) {
            laidOut.add(z == null ? blank : groupImages.get(k++));
        }
        float[] avg = session.renderRaw(grid).join();
        float[] single = session.renderRaw(naiveGrid).join();
        DcganConfig cfg = session.config();
        Pixels picture = ImageGrids.hconcat(List.of(
                ImageGrids.tile(laidOut, cols, 2),
                ImageGrids.grid(avg, 9, cfg.channels(), cfg.imageSize(), 3, 2),
                ImageGrids.grid(single, 9, cfg.channels(), cfg.imageSize(), 3, 2)), 12);
        return new Result(picture, avg, single);
    }

    /**
     * The 3x3 result of single exemplars of each rank: a_i - b_i + c_i (the i-th member of each group)
     * for every i the three groups share; rank 0 is the picture's single-exemplar grid. The first
     * members are each group's likeliest, so they alone are no fair picture of what one exemplar does.
     */
    static List<float[]> singleByRank(List<List<float[]>> g, GeneratorSession session, long seed, float scale) {
        int ranks = Math.min(g.get(0).size(), Math.min(g.get(1).size(), g.get(2).size()));
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < ranks; i++) {
            float[] y = Latent.arithmetic(g.get(0).get(i), g.get(1).get(i), g.get(2).get(i));
            out.add(session.renderRaw(Latent.noiseGrid(y, scale, seed)).join());
        }
        return out;
    }

    private static Pixels blank(Pixels like) {
        int[] argb = new int[like.width() * like.height()];
        Arrays.fill(argb, 0xFF202020);
        return new Pixels(like.width(), like.height(), argb);
    }
}
