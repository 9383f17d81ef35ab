package io.dcganexplorer.latent;

import io.dcganexplorer.latent.ArithmeticEvaluation.Listener;
import io.dcganexplorer.latent.ArithmeticEvaluation.Settings;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.Durations;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --sweep}: the measured arithmetic on every checkpoint of a folder, a row each, the choice
 * of the best row and its re-run on held-out seeds. See {@link ArithmeticEvaluation#sweep}.
 */
final class ArithmeticSweep {
    private ArithmeticSweep() {}

    /** See {@link ArithmeticEvaluation#sweep}. */
    static Map<String, Object> run(CheckpointArithmetic arithmetic, RoundClock clock, Settings settings,
            Listener listener, Path folder, List<Path> dirs, Checkpoint.Weights weights, long seed, Path out)
            throws IOException {
        if (dirs.isEmpty()) {
            throw new IOException("nothing to sweep: " + folder + " holds no step-NNNNNN checkpoint folder");
        }
        int repeat = settings.repeat();
        long heldOut = seed + repeat;
        clock.reset((long) (dirs.size() + 1) * repeat);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> best = null;
        Path bestDir = null;
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            Map<String, Object> r;
            try (GeneratorSession session = GeneratorSession.open(dir, weights)) {
                r = arithmetic.evaluate(dir, session, seed, null);
            } catch (IOException e) {
                // one damaged or foreign checkpoint should not cost the others: skip it, say so, count it
                Map<String, Object> bad = new LinkedHashMap<>();
                bad.put("checkpoint", dir.getFileName().toString());
                bad.put("error", String.valueOf(e.getMessage()));
                skipped.add(bad);
                listener.say(String.format(Locale.ROOT, "[%d/%d] skipped %s: %s", i + 1, dirs.size(),
                        dir.getFileName(), e.getMessage()));
                listener.swept(dir, null, String.valueOf(e.getMessage()));
                clock.skip(repeat);
                continue;
            }
            Map<String, Object> row = row(dir, r);
            rows.add(row);
            if (best == null || betterForArithmetic(row, best)) {
                best = row;
                bestDir = dir;
            }
            listener.say(String.format(Locale.ROOT,
                    "[%d/%d] %s: averaged %.3f, single %.3f on seeds %d-%d (about %s left)", i + 1, dirs.size(),
                    row.get("checkpoint"), (Double) row.get("mean_averaged_share"),
                    (Double) row.get("mean_single_share"), seed, seed + repeat - 1,
                    Durations.clock(clock.rounds().secondsLeft())));
            listener.swept(dir, row, null);
        }
        if (best == null) {
            throw new IOException("no checkpoint in " + folder + " could be swept: all " + dirs.size()
                    + " skipped (" + dirs.get(0).getFileName() + ": " + skipped.get(0).get("error") + ")");
        }
        // the chosen checkpoint again on seeds that took no part in choosing it: an honest estimate
        Map<String, Object> held;
        try (GeneratorSession session = GeneratorSession.open(bestDir, weights)) {
            held = arithmetic.evaluate(bestDir, session, heldOut, out);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sweep_folder", folder.toString());
        report.put("means", settings.means().label());
        report.put("per_group", settings.perGroup());
        report.put("weights", weights.name().toLowerCase(Locale.ROOT));
        report.put("sweep_seeds", List.of(seed, seed + repeat - 1));
        report.put("checkpoints", rows);
        report.put("skipped", skipped);
        report.put("selected", best.get("checkpoint"));
        report.put("selected_dir", bestDir.toString());
        report.put("selected_by", "the highest mean_averaged_share on the sweep seeds, then the widest lead over "
                + "mean_single_share, then the newest");
        report.put("held_out_seeds", List.of(heldOut, heldOut + repeat - 1));
        report.put("held_out", held);
        listener.say(String.format(Locale.ROOT,
                "chose %s of %d on seeds %d-%d (averaged %.3f, single %.3f); on held-out seeds %d-%d: averaged "
                        + "%.3f, single %.3f%s", best.get("checkpoint"), rows.size(), seed, seed + repeat - 1,
                (Double) best.get("mean_averaged_share"), (Double) best.get("mean_single_share"), heldOut,
                heldOut + repeat - 1, (Double) held.get("mean_averaged_share"),
                (Double) held.get("mean_single_share"), out == null ? "" : "; wrote " + out)
                + (skipped.isEmpty() ? "" : "; skipped " + skipped.size() + " unreadable checkpoint(s)"));
        return report;
    }

    /** A checkpoint's row: its name, its step and the report's {@link ArithmeticEvaluation#SWEEP_FIELDS}. */
    private static Map<String, Object> row(Path dir, Map<String, Object> report) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("checkpoint", dir.getFileName().toString());
        row.put("step", RunDirectory.stepOf(dir));
        for (String k : ArithmeticEvaluation.SWEEP_FIELDS) {
            row.put(k, report.get(k));
        }
        return row;
    }

    /** See {@link ArithmeticEvaluation#betterForArithmetic}. */
    static boolean betterForArithmetic(Map<String, Object> row, Map<String, Object> best) {
        double a = (Double) row.get("mean_averaged_share");
        double b = (Double) best.get("mean_averaged_share");
        if (Math.abs(a - b) > 1e-9) {
            return a > b;
        }
        double leadRow = a - (Double) row.get("mean_single_share");
        double leadBest = b - (Double) best.get("mean_single_share");
        return leadRow >= leadBest - 1e-9;
    }

}
