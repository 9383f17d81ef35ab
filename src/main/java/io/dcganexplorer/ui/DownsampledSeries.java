package io.dcganexplorer.ui;

import java.util.Arrays;

/**
 * A chart series over a whole run in bounded memory: at most {@code capacity} points, however
 * many steps arrive. While there is room every step is a point; when the series is full, adjacent
 * pairs are merged (mean of the values, the later step), so the resolution halves and the series
 * keeps covering the whole run. The full series stays in metrics.csv.
 *
 * <p>Several value channels share the steps (e.g. Loss_D and Loss_G). The newest, still filling
 * bucket is shown as the last point so the chart is never behind the status bar. Not thread-safe:
 * used on the FX thread only.
 */
public final class DownsampledSeries {
    private final int capacity;
    private final int channels;
    private final long[] steps;
    private final double[][] values;
    /** Completed points. */
    private int size;
    /** Raw steps per completed point: 1, 2, 4, ... */
    private int bucket = 1;
    private int pendingCount;
    private long pendingStep;
    private final double[] pendingSum;
    private long added;

    public DownsampledSeries(int capacity, int channels) {
        if (capacity < 4 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 4, got " + capacity);
        }
        this.capacity = capacity;
        this.channels = channels;
        this.steps = new long[capacity];
        this.values = new double[channels][capacity];
        this.pendingSum = new double[channels];
    }

    public int capacity() {
        return capacity;
    }

    public int channels() {
        return channels;
    }

    /** Raw steps that each completed point stands for. */
    public int bucketSize() {
        return bucket;
    }

    /** Steps added since the last clear. */
    public long added() {
        return added;
    }

    /** Points to draw, at most {@link #capacity()}. */
    public int size() {
        return size + (pendingCount > 0 ? 1 : 0);
    }

    public long step(int i) {
        return i < size ? steps[i] : pendingStep;
    }

    public double value(int channel, int i) {
        return i < size ? values[channel][i] : pendingSum[channel] / pendingCount;
    }

    /** The values of one channel, oldest first. */
    public double[] channel(int channel) {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(channel, i);
        }
        return out;
    }

    public void add(long step, double... v) {
        if (v.length != channels) {
            throw new IllegalArgumentException("expected " + channels + " values, got " + v.length);
        }
        added++;
        pendingStep = step;
        for (int c = 0; c < channels; c++) {
            pendingSum[c] += v[c];
        }
        pendingCount++;
        if (pendingCount == bucket) {
            steps[size] = step;
            for (int c = 0; c < channels; c++) {
                values[c][size] = pendingSum[c] / bucket;
            }
            size++;
            pendingCount = 0;
            Arrays.fill(pendingSum, 0);
            if (size == capacity) {
                mergePairs();
            }
        }
    }

    private void mergePairs() {
        int half = size / 2;
        for (int i = 0; i < half; i++) {
            steps[i] = steps[2 * i + 1];
            for (int c = 0; c < channels; c++) {
                values[c][i] = (values[c][2 * i] + values[c][2 * i + 1]) / 2;
            }
        }
        size = half;
        bucket *= 2;
    }

    public void clear() {
        size = 0;
        bucket = 1;
        pendingCount = 0;
        added = 0;
        Arrays.fill(pendingSum, 0);
    }
}
