package io.dcganexplorer.latent;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Automatic exemplars: a pool of generated samples scored by an {@link AttributeClassifier} (linear
 * probes on the discriminator's features or on the real-pixel CNN's), the discriminator's verdict
 * on each kept as its realness, the top-scoring z of each attribute expression taken as a
 * group, and per attribute a direction in z (mean of the most minus the least likely quarter). Used
 * by the arithmetic panel and by {@code arithmetic --auto}. Runs on the calling thread, which must
 * own {@code features} (grad mode off); renders go through the generator session's own thread.
 */
public final class AutoExemplars {
    private static final int CHUNK = 256;

    private AutoExemplars() {}

    /** Reports progress of a long step and can stop it; called on the working thread. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /** {@code done} of {@code total} samples scored. */
        default void scored(int done, int total) {}

        /** True when the person asked to stop; the work then ends with a {@link CancellationException}. */
        default boolean cancelled() {
            return false;
        }
    }

    /**
     * The scored pool.
     *
     * @param zs the sampled latent vectors
     * @param scores for each, P(attribute) per attribute of the classifier
     * @param realness for each, the discriminator's logit (higher: looks more real)
     */
    public record Pool(List<float[]> zs, List<Map<String, Double>> scores, float[] realness) {
        public int size() {
            return zs.size();
        }
    }

    /**
     * Draws {@code size} vectors from {@code seed} (the run's prior) and scores their images with
     * {@code clf} (on whatever features it was fitted on); {@code features} gives each its realness.
     */
    public static Pool score(GeneratorSession session, DiscriminatorFeatures features, AttributeClassifier clf,
            int size, long seed, Progress progress) {
        DcganConfig cfg = session.config();
        Rng rng = new Rng(seed);
        List<float[]> zs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            zs.add(rng.latent(1, cfg.latentDim(), cfg.prior()));
        }
        List<Map<String, Double>> scores = new ArrayList<>(size);
        float[] realness = new float[size];
        float[] chunkRealness = new float[CHUNK];
        for (int start = 0; start < size; start += CHUNK) {
            if (progress.cancelled()) {
                throw new CancellationException("stopped after scoring " + start + " of " + size + " samples");
            }
            List<float[]> chunk = zs.subList(start, Math.min(size, start + CHUNK));
            float[] images = session.renderRaw(chunk).join();
            float[][] f;
            if (clf.features() == features) {
                f = features.extract(images, chunk.size(), chunkRealness);
            } else {
                features.realness(images, chunk.size(), chunkRealness);
                f = clf.features().extract(images, chunk.size());
            }
            for (float[] row : f) {
                scores.add(clf.score(row));
            }
            System.arraycopy(chunkRealness, 0, realness, start, chunk.size());
            progress.scored(scores.size(), size);
        }
        return new Pool(List.copyOf(zs), List.copyOf(scores), realness);
    }

    /**
     * For each expression, the {@code perGroup} pool members that satisfy it most likely (by the sum
     * of log-probabilities of its literals), never the same sample twice across groups, taken only
     * from the half of the pool the discriminator finds most real. Without that filter a linear
     * probe's most confident picks are often its strangest samples (a washed-out face is very
     * "not smiling"), the opposite of the clear exemplars the paper chose by eye.
     */
    public static List<List<float[]>> choose(Pool pool, List<AttributeExpression> exprs, int perGroup) {
        checkPool(pool.size(), exprs.size(), perGroup);
        Set<Integer> eligible = moreRealHalf(pool);
        Set<Integer> used = new HashSet<>();
        List<List<float[]>> out = new ArrayList<>();
        for (AttributeExpression e : exprs) {
            List<Integer> idx = ranked(pool.size(), i -> e.logScore(pool.scores().get(i)));
            List<float[]> chosen = new ArrayList<>();
            for (int i : idx) {
                if (chosen.size() == perGroup) {
                    break;
                }
                if (eligible.contains(i) && used.add(i)) {
                    chosen.add(pool.zs().get(i).clone());
                }
            }
            out.add(chosen);
        }
        return out;
    }

    /**
     * Up to {@code n} pool members that satisfy {@code e} (P >= 0.5 for each literal), taken in the
     * order they were drawn, so typical members rather than the likeliest, and none equal to a
     * vector in {@code exclude} (the chosen exemplars). {@code arithmetic --auto} adds mean(A) -
     * mean(B) to them to see whether the difference carries its change to C's kind of sample at all.
     */
    public static List<float[]> typical(Pool pool, AttributeExpression e, List<List<float[]>> exclude, int n) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < pool.size() && out.size() < n; i++) {
            float[] z = pool.zs().get(i);
            if (e.holds(pool.scores().get(i))
                    && exclude.stream().flatMap(List::stream).noneMatch(x -> Arrays.equals(x, z))) {
                out.add(z.clone());
            }
        }
        return out;
    }

    /**
     * The share of {@code zs + d} whose images {@code clf} says hold {@code goal}: with the
     * {@link #typical} members of C's expression and d = mean(A) - mean(B), how often the
     * difference carries its change to C's kind of sample. Null for no samples (a small pool may
     * have no other member of C's expression).
     */
    public static Double transfer(GeneratorSession session, AttributeClassifier clf, List<float[]> zs, float[] d,
            AttributeExpression goal) {
        if (zs.isEmpty()) {
            return null;
        }
        List<float[]> moved = zs.stream().map(z -> Latent.add(z, d, 1f)).toList();
        long hits = clf.scoreImages(session.renderRaw(moved).join(), moved.size()).stream().filter(goal::holds).count();
        return hits / (double) zs.size();
    }

    /**
     * One direction per attribute: the mean z of the {@code fraction} of the pool the classifier finds
     * most likely to show it, minus the mean of the fraction least likely. Strength 1 moves a z from
     * the typical "without" sample to the typical "with" sample.
     */
    public static Map<String, float[]> directions(Pool pool, double fraction) {
        if (pool.size() < 2 || pool.scores().isEmpty()) {
            throw new IllegalArgumentException("attribute directions need a scored pool of at least 2 samples");
        }
        int k = Math.max(1, (int) Math.round(pool.size() * fraction));
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String a : pool.scores().get(0).keySet()) {
            List<Integer> idx = ranked(pool.size(), i -> pool.scores().get(i).get(a));
            List<float[]> top = new ArrayList<>();
            List<float[]> bottom = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                top.add(pool.zs().get(idx.get(i)));
                bottom.add(pool.zs().get(idx.get(idx.size() - 1 - i)));
            }
            out.put(a, Latent.direction(top, bottom));
        }
        return out;
    }

    /** Per attribute, the share of the pool the classifier calls positive (P >= 0.5). */
    public static Map<String, Double> calledRates(Pool pool) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (pool.size() == 0) {
            return out;
        }
        for (String a : pool.scores().get(0).keySet()) {
            int called = 0;
            for (Map<String, Double> m : pool.scores()) {
                called += m.get(a) >= 0.5 ? 1 : 0;
            }
            out.put(a, called / (double) pool.size());
        }
        return out;
    }

    /**
     * Refuses a pool too small for {@link #choose}: its more real half, ceil(size / 2), must hold
     * {@code groups} x {@code perGroup} samples. Checked before the pool is drawn and scored, so
     * that nobody waits minutes to learn it.
     *
     * @throws IllegalArgumentException naming the smallest pool that would do
     */
    public static void checkPool(int size, int groups, int perGroup) {
        int smallest = 2 * groups * perGroup - 1;
        if (size < smallest) {
            throw new IllegalArgumentException("a pool of " + size + " cannot fill " + groups + " groups of " + perGroup
                    + " from its more real half: score at least " + smallest + " samples");
        }
    }

    /** Indices of the ceil(n/2) samples with the highest realness. */
    static Set<Integer> moreRealHalf(Pool pool) {
        List<Integer> idx = ranked(pool.size(), i -> pool.realness()[i]);
        return new HashSet<>(idx.subList(0, (pool.size() + 1) / 2));
    }

    /** Indices 0..n-1, highest key first; ties keep index order. */
    private static List<Integer> ranked(int n, java.util.function.IntToDoubleFunction key) {
        List<Integer> idx = new ArrayList<>(n);
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            idx.add(i);
            k[i] = key.applyAsDouble(i);
        }
        idx.sort((x, y) -> Double.compare(k[y], k[x]));
        return idx;
    }
}
