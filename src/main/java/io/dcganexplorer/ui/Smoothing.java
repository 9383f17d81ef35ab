package io.dcganexplorer.ui;

/** Exponential moving average for the charts, debiased like TensorBoard's smoothing slider. */
public final class Smoothing {
    /** The slider's range: 0 is off, 0.99 is very smooth. */
    public static final double MAX = 0.99;

    private Smoothing() {}

    /**
     * {@code out[i] = ema[i] / (1 - weight^(i+1))} where {@code ema[i] = weight * ema[i-1] + (1 -
     * weight) * in[i]}; the division removes the pull towards 0 of the first points. Weight 0
     * returns the input unchanged. Non-finite inputs pass through without poisoning the rest.
     */
    public static double[] ema(double[] in, double weight) {
        if (weight < 0 || weight > MAX) {
            throw new IllegalArgumentException("smoothing must be 0 to " + MAX + ", got " + weight);
        }
        double[] out = new double[in.length];
        double last = 0;
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            if (!Double.isFinite(v)) {
                out[i] = v;
                continue;
            }
            last = last * weight + (1 - weight) * v;
            n++;
            double debias = weight == 0 ? 1 : 1 - Math.pow(weight, n);
            out[i] = last / debias;
        }
        return out;
    }
}
