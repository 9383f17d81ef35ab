package io.dcganexplorer.train;

/**
 * What one training step measured, as pytorch/examples logs it.
 *
 * @param step steps completed so far in this run, counting from 1
 * @param epoch epoch this step's batch came from (0-based)
 * @param lossD discriminator loss: BCE on real (label 1) plus BCE on fake (label 0)
 * @param lossG generator loss, non-saturating: BCE of D(G(z)) against label 1
 * @param dReal mean D(x) on the real batch
 * @param dFakeBefore mean D(G(z)) before D's update
 * @param dFakeAfter mean D(G(z)) after D's update (the batch G is trained on)
 * @param imagesPerSecond real images consumed per second, averaged over recent steps
 * @param wallSeconds seconds of training time in this run, across resumes
 */
public record StepMetrics(
        long step,
        long epoch,
        float lossD,
        float lossG,
        float dReal,
        float dFakeBefore,
        float dFakeAfter,
        double imagesPerSecond,
        double wallSeconds) {

    public static final String CSV_HEADER = "step,epoch,lossD,lossG,dx,dgz1,dgz2,img_per_s,wall_s";

    public boolean finite() {
        return Float.isFinite(lossD) && Float.isFinite(lossG);
    }

    public String toCsv() {
        return step + "," + epoch + "," + lossD + "," + lossG + "," + dReal + "," + dFakeBefore + ","
                + dFakeAfter + "," + String.format(java.util.Locale.ROOT, "%.2f,%.3f", imagesPerSecond, wallSeconds);
    }

    /** Parses a line written by {@link #toCsv()}. */
    public static StepMetrics fromCsv(String line) {
        String[] f = line.split(",");
        if (f.length < 9) {
            throw new IllegalArgumentException("expected 9 fields, got " + f.length + ": " + line);
        }
        return new StepMetrics(Long.parseLong(f[0]), Long.parseLong(f[1]), Float.parseFloat(f[2]),
                Float.parseFloat(f[3]), Float.parseFloat(f[4]), Float.parseFloat(f[5]), Float.parseFloat(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]));
    }
}
