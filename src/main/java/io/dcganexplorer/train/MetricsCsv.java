package io.dcganexplorer.train;

import java.io.BufferedWriter;
import java.io.IOException;

/**
 * Writes {@code metrics.csv}, one row a step. Each row is flushed as it is written, so that the
 * window and anyone tailing the file see the step at once, and a crash loses no finished step.
 */
final class MetricsCsv implements StepHook, AutoCloseable {
    private final BufferedWriter out;

    private MetricsCsv(BufferedWriter out) {
        this.out = out;
    }

    /**
     * Opens the run's file for rows after {@code fromStep}, dropping any rows beyond it: steps
     * trained after the checkpoint a run resumes from are trained again, and must not be there twice.
     */
    static MetricsCsv open(RunDirectory run, long fromStep) throws IOException {
        run.truncateMetrics(fromStep);
        return new MetricsCsv(run.openMetricsForAppend());
    }

    @Override
    public void afterStep(TrainingSession s, StepMetrics m) throws IOException {
        out.write(m.toCsv());
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
