package io.dcganexplorer.latent;

import io.dcganexplorer.latent.ArithmeticEvaluation.Listener;
import io.dcganexplorer.latent.ArithmeticEvaluation.Settings;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.Durations;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --sweep}: the measured arithmetic on every checkpoint of a folder, a row each, the choice
 * of the best row and its re-run on held-out seeds. See {@link ArithmeticEvaluation#sweep}.
 */
final class ArithmeticSweep {
    private ArithmeticSweep() {}

    /** See {@link ArithmeticEvaluation#sweep}; {@code run} names the run folder in the provenance. */
    static SweepReport run(CheckpointArithmetic arithmetic, RoundClock clock, Settings settings,
            Listener listener, Path folder, List<Path> dirs, Checkpoint.Weights weights, long seed, Path out,
            ArithmeticProvenance provenance) throws IOException {
        if (dirs.isEmpty()) {
            throw new IOException("nothing to sweep: " + folder + " holds no step-NNNNNN checkpoint folder");
        }
        int repeat = settings.repeat();
        long heldOut = seed + repeat;
        clock.reset((long) (dirs.size() + 1) * repeat);
        List<SweepReport.Row> rows = new ArrayList<>();
        SweepReport.Row best = null;
        Path bestDir = null;
        List<SweepReport.Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            ArithmeticReport r;
            try (GeneratorSession session = GeneratorSession.open(dir, weights)) {
                r = arithmetic.evaluate(dir, session, seed, seed, null);
            } catch (IOException e) {
                // one damaged or foreign checkpoint should not cost the others: skip it, say so, count it
                skipped.add(new SweepReport.Skipped(dir.getFileName().toString(), String.valueOf(e.getMessage())));
                listener.say(String.format(Locale.ROOT, "[%d/%d] skipped %s: %s", i + 1, dirs.size(),
                        dir.getFileName(), e.getMessage()));
                listener.swept(dir, null, String.valueOf(e.getMessage()));
                clock.skip(repeat);
                continue;
            }
            SweepReport.Row row = SweepReport.Row.of(dir.getFileName().toString(), RunDirectory.stepOf(dir), r);
            rows.add(row);
            if (best == null || betterForArithmetic(row, best)) {
                best = row;
                bestDir = dir;
            }
            listener.say(String.format(Locale.ROOT,
                    "[%d/%d] %s: averaged %.3f, single %.3f on seeds %d-%d (about %s left)", i + 1, dirs.size(),
                    row.checkpoint(), row.meanAveragedShare(), row.meanSingleShare(), seed, seed + repeat - 1,
                    Durations.clock(clock.rounds().secondsLeft())));
            listener.swept(dir, row, null);
        }
        if (best == null) {
            throw new IOException("no checkpoint in " + folder + " could be swept: all " + dirs.size()
                    + " skipped (" + dirs.get(0).getFileName() + ": " + skipped.get(0).error() + ")");
        }
        // the chosen checkpoint again on seeds that took no part in choosing it: an honest estimate
        ArithmeticReport held;
        try (GeneratorSession session = GeneratorSession.open(bestDir, weights)) {
            held = arithmetic.evaluate(bestDir, session, heldOut, seed, out);
        }
        SweepReport report = new SweepReport(folder.toString(), settings.means().label(), settings.perGroup(),
                weights.name().toLowerCase(Locale.ROOT), List.of(seed, seed + repeat - 1), rows, skipped,
                best.checkpoint(), bestDir.toString(), "the highest mean_averaged_share on the sweep seeds, then the "
                        + "widest lead over mean_single_share, then the newest",
                List.of(heldOut, heldOut + repeat - 1), held, provenance);
        listener.say(String.format(Locale.ROOT,
                "chose %s of %d on seeds %d-%d (averaged %.3f, single %.3f); on held-out seeds %d-%d: averaged "
                        + "%.3f, single %.3f%s", best.checkpoint(), rows.size(), seed, seed + repeat - 1,
                best.meanAveragedShare(), best.meanSingleShare(), heldOut, heldOut + repeat - 1,
                held.meanAveragedShare(), held.meanSingleShare(), out == null ? "" : "; wrote " + out)
                + (skipped.isEmpty() ? "" : "; skipped " + skipped.size() + " unreadable checkpoint(s)"));
        return report;
    }

    /** See {@link ArithmeticEvaluation#betterForArithmetic(SweepReport.Row, SweepReport.Row)}. */
    static boolean betterForArithmetic(SweepReport.Row row, SweepReport.Row best) {
        return better(row.meanAveragedShare(), row.meanSingleShare(), best.meanAveragedShare(),
                best.meanSingleShare());
    }

    /** See {@link ArithmeticEvaluation#betterForArithmetic(Map, Map)}. */
    static boolean betterForArithmetic(Map<String, Object> row, Map<String, Object> best) {
        return better((Double) row.get("mean_averaged_share"), (Double) row.get("mean_single_share"),
                (Double) best.get("mean_averaged_share"), (Double) best.get("mean_single_share"));
    }

    /** A row of averaged share {@code a} and single share {@code sa} over one of {@code b}, {@code sb}. */
    private static boolean better(double a, double sa, double b, double sb) {
        if (Math.abs(a - b) > 1e-9) {
            return a > b;
        }
        double leadRow = a - sa;
        double leadBest = b - sb;
        return leadRow >= leadBest - 1e-9;
    }
}
