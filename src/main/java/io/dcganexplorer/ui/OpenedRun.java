package io.dcganexplorer.ui;

import io.dcganexplorer.eval.ScoreLog;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the window shows of a run directory, read off the UI thread: the run, its metrics and
 * scores up to the newest checkpoint, and the steps of its sample grids.
 *
 * @param run the opened run
 * @param rows metrics.csv rows up to {@code checkpointStep}
 * @param samples steps of the grids in {@code samples/}, in file order
 * @param checkpointStep step of the newest checkpoint, 0 when there is none
 * @param scores scores.csv rows up to {@code checkpointStep}
 * @param hasCheckpoint false when the run has no checkpoint yet (an imported run has one at step 0)
 */
record OpenedRun(RunDirectory run, List<StepMetrics> rows, List<Long> samples, long checkpointStep,
        List<ScoreLog.Row> scores, boolean hasCheckpoint) {
    private static final Pattern CHECKPOINT_NAME = Pattern.compile("step-(\\d+)");
    private static final Pattern SAMPLE_NAME = Pattern.compile("step-(\\d+)\\.png");

    /** Reads {@code dir}; does file I/O, so never on the UI thread. */
    static OpenedRun read(Path dir) throws IOException {
        RunDirectory run = RunDirectory.open(dir);
        var latest = run.latestCheckpoint();
        long cp = latest.map(p -> stepOf(p.getFileName().toString(), CHECKPOINT_NAME)).orElse(0L);
        List<StepMetrics> rows = new ArrayList<>();
        for (StepMetrics m : run.readMetrics()) {
            if (m.step() <= cp) {
                rows.add(m); // later rows are trained again when the run continues
            }
        }
        List<Long> samples = new ArrayList<>();
        for (Path p : run.samples()) {
            long s = stepOf(p.getFileName().toString(), SAMPLE_NAME);
            if (s >= 0) {
                samples.add(s);
            }
        }
        List<ScoreLog.Row> scoreRows = new ArrayList<>();
        for (ScoreLog.Row r : ScoreLog.read(dir)) {
            if (r.step() <= cp) {
                scoreRows.add(r); // as the metrics: later steps are trained again
            }
        }
        return new OpenedRun(run, rows, samples, cp, scoreRows, latest.isPresent());
    }

    private static long stepOf(String name, Pattern pattern) {
        Matcher m = pattern.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
