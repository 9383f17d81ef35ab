package io.dcganexplorer.ui;

import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.ObjDoubleConsumer;

/**
 * Where the arithmetic panel gets the dataset's real-pixel attribute CNN: from its scorer cache, or
 * trained now and cached. Shared by auto-fill and the sweep; called on a background thread only.
 */
final class AttributeCnn {
    private volatile Path cache = Scorer.defaultCacheRoot();
    private volatile Scorer.Options options = Scorer.Options.DEFAULT;

    /** Where the CNN scorer is cached and how one not cached yet is trained (tests use a temporary folder). */
    void setCache(Path cacheRoot, Scorer.Options trainOptions) {
        cache = cacheRoot;
        options = trainOptions;
    }

    /**
     * The dataset's real-pixel CNN from the scorer cache, or trained now and cached; its progress
     * goes to {@code status} (fraction, -1 while unknown; text after {@code prefix}).
     */
    Scorer open(RunDirectory run, DcganConfig cfg, String prefix, BooleanSupplier cancelled,
            ObjDoubleConsumer<String> status) throws IOException {
        long start = System.nanoTime();
        status.accept(prefix + "loading the real-pixel attribute CNN, or training it once for this dataset and "
                + "size ...", -1);
        return Scorer.forRun(run, cfg, cache, options, new Scorer.Progress() {
            @Override
            public void say(String line) {
                status.accept(prefix + line, -1);
            }

            @Override
            public void training(long done, long total, double loss) {
                status.accept(String.format("%straining the real-pixel attribute CNN (once, then cached): "
                        + "%d of %d images, loss %.3f, %s", prefix, done, total, loss,
                        timeLeft(start, (int) done, (int) total)), (double) done / total);
            }
        }, cancelled);
    }

    /** "about m:ss left" from the rate since {@code startNanos}. */
    static String timeLeft(long startNanos, int done, int total) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return "about " + Eta.format(s / Math.max(1, done) * (total - done)) + " left";
    }
}
