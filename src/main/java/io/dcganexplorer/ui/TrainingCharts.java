package io.dcganexplorer.ui;

import io.dcganexplorer.train.StepMetrics;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The loss and D-output charts' data: the run's steps in a {@link DownsampledSeries}, the
 * smoothing of the lines and the text shown for the point under the mouse. A part of
 * {@link TrainingViewModel}; used on the UI thread only.
 */
final class TrainingCharts {
    private final DownsampledSeries series = new DownsampledSeries(TrainingViewModel.CHART_POINTS, 4);
    private final ReadOnlyLongWrapper seriesVersion = new ReadOnlyLongWrapper(this, "seriesVersion");
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6) {
        @Override
        public void set(double v) {
            super.set(Math.max(0, Math.min(Smoothing.MAX, v)));
        }
    };

    TrainingCharts() {
        // The view redraws on the version alone, so a new smoothing must count as a change.
        smoothing.addListener((obs, o, n) -> changed());
    }

    // Properties

    ReadOnlyLongProperty seriesVersionProperty() {
        return seriesVersion.getReadOnlyProperty();
    }

    DoubleProperty smoothingProperty() {
        return smoothing;
    }

    DownsampledSeries series() {
        return series;
    }

    /** One chart channel with the current smoothing applied. */
    double[] smoothed(int channel) {
        return Smoothing.ema(series.channel(channel), smoothing.get());
    }

    // Commands

    /**
     * Adds one step's losses and D outputs. The caller calls {@link #changed()} once after a
     * batch of steps, so the charts redraw once per batch rather than once per step.
     */
    void add(StepMetrics m) {
        series.add(m.step(), m.lossD(), m.lossG(), m.dReal(), m.dFakeBefore());
    }

    /** Tells the view to redraw. */
    void changed() {
        seriesVersion.set(seriesVersion.get() + 1);
    }

    /** Empties the series; the caller calls {@link #changed()} when the new run is in place. */
    void clear() {
        series.clear();
    }

    /** "step 120: Loss_D 1.234  Loss_G 0.987  D(x) 0.61  D(G(z)) 0.32" for the point nearest {@code x}. */
    String describeNear(double x) {
        int n = series.size();
        if (n == 0) {
            return "";
        }
        // Steps grow along the series: binary search for the first at or after x, then take
        // whichever of it and its left neighbour is nearer.
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (series.step(mid) < x) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        int best = Math.min(n - 1, lo);
        if (best > 0 && Math.abs(series.step(best - 1) - x) <= Math.abs(series.step(best) - x)) {
            best--;
        }
        return String.format(Locale.ROOT, "step %d:  Loss_D %.3f  Loss_G %.3f  D(x) %.3f  D(G(z)) %.3f%s",
                series.step(best), series.value(TrainingViewModel.LOSS_D, best),
                series.value(TrainingViewModel.LOSS_G, best), series.value(TrainingViewModel.D_REAL, best),
                series.value(TrainingViewModel.D_FAKE, best),
                series.bucketSize() > 1 ? "  (mean of " + series.bucketSize() + " steps)" : "");
    }
}
