package io.dcganexplorer.eval;

import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.eval.RepresentationProbe.Draw;
import io.dcganexplorer.eval.RepresentationProbe.DrawResult;
import io.dcganexplorer.eval.RepresentationProbe.Method;
import io.dcganexplorer.eval.RepresentationProbe.Options;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import java.util.function.IntFunction;

/**
 * The classifiers of one draw: the linear SVM (on D features or raw pixels, C chosen on the
 * draw's validation split) and the supervised baseline, each scored on the test split. The test
 * labels are read here only, after the choice, so they cannot leak into it.
 */
final class ProbeFits {
    private ProbeFits() {}

    /**
     * A linear SVM on rows from {@code trainRows}: C chosen on the draw's validation split, refitted
     * on all its labels, then its test error.
     *
     * @param t when this method's work on the draw began (nanoTime), for the result's seconds
     */
    static DrawResult svm(Method m, Draw dr, IntFunction<float[]> trainRows, IntFunction<float[]> testRows,
            int[] trainLabels, int[] testLabels, int[] testIdx, Options o, ProbeTracker track, ProbeListener listener,
            long t) {
        int[] fits = {0};
        LinearSvm.Selection s = LinearSvm.select(trainRows, trainLabels, dr.fit(), dr.validation(), o.cGrid(), () -> {
            track.done(fits[0]++);
            return listener.isCancelled();
        });
        double err = s.svm().error(testRows, testLabels, testIdx);
        track.done(o.cGrid().length + 1);
        return new DrawResult(dr.labels(), dr.index(), m, dr.fit().length + dr.validation().length, dr.fit().length,
                dr.validation().length, err, s.validationError(), s.c(), 0, 0, ProbeTracker.secs(t), s.grid(),
                s.validationErrors());
    }

    /**
     * The discriminator's architecture with a class head, trained from scratch on the draw's fit
     * split and early-stopped on its validation split (seeded by the probe's seed and the draw),
     * then its test error.
     *
     * @param t when this method's work on the draw began (nanoTime), for the result's seconds
     */
    static DrawResult supervised(Draw dr, DcganConfig cfg, ImageDataset train, int[] trainLabels, int classes,
            ImageDataset test, int[] testLabels, int[] testIdx, Options o, ProbeTracker track, ProbeListener listener,
            long t) {
        SupervisedBaseline.Outcome[] out = new SupervisedBaseline.Outcome[1];
        SupervisedBaseline.Settings s = new SupervisedBaseline.Settings(o.supervisedBatch(), o.supervisedMaxSteps(),
                o.supervisedMinStepsPerEvaluation(), o.supervisedPatience(), o.supervisedLearningRate());
        long seed = Rng.forPurpose(o.seed(), "supervised-" + dr.labels() + "-" + dr.index()).nextLong();
        double testError;
        try (SupervisedBaseline.Classifier c = SupervisedBaseline.train(cfg, train, trainLabels, classes, dr.fit(),
                dr.validation(), s, seed, new SupervisedBaseline.ProgressSink() {
                    @Override
                    public void step(long step, long maxSteps) {
                        track.done(step);
                    }

                    @Override
                    public boolean cancelled() {
                        return listener.isCancelled();
                    }
                }, out)) {
            testError = c.error(test, testIdx, testLabels, 256);
        }
        return new DrawResult(dr.labels(), dr.index(), Method.SUPERVISED, dr.fit().length + dr.validation().length,
                dr.fit().length, dr.validation().length, testError, out[0].validationError(), Double.NaN,
                out[0].steps(), out[0].bestStep(), ProbeTracker.secs(t), null, null);
    }
}
