package io.dcganexplorer.cli;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.LabelledIdx;
import io.dcganexplorer.eval.ProbeListener;
import io.dcganexplorer.eval.ProbeProgress;
import io.dcganexplorer.eval.RepresentationProbe.Method;
import io.dcganexplorer.eval.RepresentationProbe;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.Durations;
import io.dcganexplorer.train.Json;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code probe}: the discriminator as a feature extractor (paper section 5), measured as test
 * error of a linear L2-SVM with few labels, beside raw pixels with the same SVM and the same
 * architecture trained supervised on the same labels ({@link RepresentationProbe}). Prints a
 * table (rows: label counts; columns: the three methods) and writes every draw to a JSON file.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Test error of a linear SVM on the discriminator's features with few labels (paper section 5),"
                + " against raw pixels and a supervised network of the same architecture.")
final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @Option(names = "--dataset", required = true, paramLabel = "SPEC",
            description = "Labelled IDX data with its official test split: fashion:PATH or mnist:PATH (a folder "
                    + "holding train-/t10k- images and labels, or its train-images file).")
    String dataset;

    @Option(names = "--labels", defaultValue = "100,1000,all", split = ",", paramLabel = "N",
            description = "Labelled training images per draw, class-balanced; 'all' for every one (default: "
                    + "100,1000,all).")
    List<String> labels;

    @Option(names = "--draws", defaultValue = "10", description = "Label draws per count (default: 10).")
    int draws;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the draws and baselines (default: 1).")
    long seed;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N",
            description = "Use the first N official test images (default: 0, all of them).")
    int testLimit;

    @Option(names = "--labels-limit", defaultValue = "0", paramLabel = "N",
            description = "Cap 'all' at N class-balanced labels (default: 0, no cap).")
    int labelsLimit;

    @Option(names = "--methods", defaultValue = "d,raw,supervised", split = ",", paramLabel = "M",
            description = "Columns to compute: d (D features), raw (raw pixels), supervised (default: all three).")
    List<String> methods;

    @Option(names = "--c-grid", split = ",", paramLabel = "C",
            description = "The SVM's regularisation values tried on the validation split (default: 1e-5 to 1 in "
                    + "half decades; each fit of a large C on many labels is slow).")
    List<Double> cGrid;

    @Option(names = "--bn-images", defaultValue = "4096", paramLabel = "N",
            description = "Training images to re-estimate BatchNorm statistics on (default: 4096).")
    int bnImages;

    @Option(names = "--supervised-steps", defaultValue = "3000", paramLabel = "N",
            description = "Step budget of the supervised baseline, which early-stops (default: 3000).")
    int supervisedSteps;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON report (default: RUN_DIR/probe.json).")
    Path out;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        List<Integer> counts = new ArrayList<>();
        for (String l : labels) {
            try {
                counts.add(RepresentationProbe.parseLabelCount(l));
            } catch (IllegalArgumentException e) {
                throw Commands.invalid(spec, "--labels", l, e.getMessage());
            }
        }
        if (draws < 1 || draws > 1000) {
            throw Commands.invalid(spec, "--draws", draws, "must be 1 to 1000");
        }
        if (testLimit < 0 || labelsLimit < 0 || bnImages < 1 || supervisedSteps < 1) {
            throw Commands.invalid(spec, "--test-limit/--labels-limit/--bn-images/--supervised-steps",
                    testLimit + "/" + labelsLimit + "/" + bnImages + "/" + supervisedSteps,
                    "limits must be 0 or more, image and step counts 1 or more");
        }
        Set<Method> which = EnumSet.noneOf(Method.class);
        for (String m : methods) {
            switch (m.trim().toLowerCase(Locale.ROOT)) {
                case "d", "features", "d-features" -> which.add(Method.D_FEATURES);
                case "raw", "pixels", "raw-pixels" -> which.add(Method.RAW_PIXELS);
                case "supervised" -> which.add(Method.SUPERVISED);
                default -> throw Commands.invalid(spec, "--methods", m, "expected d, raw or supervised");
            }
        }
        DatasetSpec ds;
        try {
            ds = DatasetSpec.parse(dataset);
        } catch (IllegalArgumentException e) {
            throw Commands.invalid(spec, "--dataset", dataset, e.getMessage());
        }
        if (!ds.kind().equals("mnist") && !ds.kind().equals("fashion")) {
            throw Commands.invalid(spec, "--dataset", dataset,
                    "the probe needs labels and an official test split: fashion:PATH or mnist:PATH");
        }
        RunDirectory run = source.run();
        Path dir = source.checkpointDir(run);
        DcganConfig cfg = run.config();
        if (out == null) {
            RunDirectory.requireWritable(run.root(), "pass --out FILE for the report");
        }
        Path report = out != null ? out : source.runDir.resolve("probe.json");
        say("dataset: " + ds + " at " + cfg.imageSize() + "x" + cfg.imageSize() + "x" + cfg.channels()
                + " (the run's size; IDX images are resized, gray is replicated into RGB)");
        LabelledIdx data = LabelledIdx.open(ds.path().orElseThrow(), cfg.imageSize(), cfg.channels());
        say("train: " + data.train().description() + "; test: " + data.test().description() + "; "
                + data.classes() + " classes");
        RepresentationProbe.Options o = RepresentationProbe.Options.defaults().withLabelCounts(counts)
                .withDraws(draws).withSeed(seed).withLimits(testLimit, labelsLimit).withMethods(which)
                .withBnImages(bnImages);
        if (cGrid != null) {
            for (double c : cGrid) {
                if (!(c > 0 && c < Double.POSITIVE_INFINITY)) {
                    throw Commands.invalid(spec, "--c-grid", c, "every C must be a positive number");
                }
            }
            o = o.withCGrid(cGrid.stream().mapToDouble(Double::doubleValue).toArray());
        }
        o = o.withSupervised(supervisedSteps, o.supervisedPatience(), o.supervisedMinStepsPerEvaluation());
        for (int c : counts) {
            int n = o.resolve(c, data.train().size());
            if (n < 2 * data.classes()) {
                throw Commands.invalid(spec, "--labels", c == RepresentationProbe.ALL ? "all" : c,
                        "need at least 2 labels a class (" + 2 * data.classes() + " for " + data.classes()
                                + " classes): one to fit, one to validate");
            }
        }
        Engines.configure(0);
        say("checkpoint: " + dir + " (" + cfg.summary() + "), " + RepresentationProbe.featureCount(cfg)
                + " D features, " + cfg.channels() * cfg.imageSize() * cfg.imageSize() + " pixels");
        PrintWriter err = spec.commandLine().getErr();
        RepresentationProbe.Result r = RepresentationProbe.run(dir, data, o, new ProbeListener() {
            int lastTask = -1;

            @Override
            public void onProgress(ProbeProgress p) {
                if (p.task() != lastTask) {
                    lastTask = p.task();
                    err.printf(Locale.ROOT, "[%d/%d] %s (elapsed %s, left ~%s)%n", p.task() + 1, p.tasks(), p.phase(),
                            Durations.clock(p.elapsedSeconds()),
                            p.secondsLeft() < 0 ? "?" : Durations.clock(p.secondsLeft()));
                    err.flush();
                }
            }

            @Override
            public void onDrawResult(RepresentationProbe.DrawResult d) {
                err.printf(Locale.ROOT, "  %s: test error %.2f %%, validation %.2f %%%s, %.1f s%n",
                        d.method().label(), 100 * d.testError(), 100 * d.validationError(),
                        d.method() == Method.SUPERVISED ? ", best step " + d.bestStep() + " of " + d.steps()
                                : String.format(Locale.ROOT, ", C %.0e", d.c()), d.seconds());
                err.flush();
            }
        });
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(table(r));
        stdout.flush();
        for (String warning : edgeWarnings(r)) {
            say("note: " + warning);
        }
        Json.write(report, json(r, run, ds));
        say("wrote " + report);
        return 0;
    }

    /**
     * One line per method and label count whose SVM chose the grid's largest C with the
     * validation error still falling there in some draws: the grid may stop short.
     */
    static List<String> edgeWarnings(RepresentationProbe.Result r) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (var d : r.draws()) {
            if (d.method() == Method.SUPERVISED) {
                continue;
            }
            String key = d.method().label() + ", " + (d.labels() == RepresentationProbe.ALL ? "all" : d.labels())
                    + " labels";
            int[] n = counts.computeIfAbsent(key, k -> new int[2]);
            n[1]++;
            if (d.cAtTopOfGrid()) {
                n[0]++;
            }
        }
        double[] grid = r.options().cGrid();
        List<String> out = new ArrayList<>();
        counts.forEach((key, n) -> {
            if (n[0] > 0) {
                out.add(String.format(Locale.ROOT, "%s: C was the largest of the grid (%.0e) in %d of %d draws, "
                        + "its validation error still falling; a larger C may do better (--c-grid)", key,
                        grid[grid.length - 1], n[0], n[1]));
            }
        });
        return out;
    }

    /** The table: one row a label count, one column a method. */
    static String table(RepresentationProbe.Result r) {
        List<Method> cols = new ArrayList<>();
        for (Method m : Method.values()) {
            if (r.options().methods().contains(m)) {
                cols.add(m);
            }
        }
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[cols.size() + 1];
        head[0] = "labels";
        for (int i = 0; i < cols.size(); i++) {
            head[i + 1] = cols.get(i).label();
        }
        rows.add(head);
        for (int c : r.options().labelCounts()) {
            String[] row = new String[cols.size() + 1];
            int n = r.options().resolve(c, r.trainSize());
            row[0] = c == RepresentationProbe.ALL ? "all (" + n + ")" : Integer.toString(n);
            for (int i = 0; i < cols.size(); i++) {
                row[i + 1] = r.cell(c, cols.get(i)).text();
            }
            rows.add(row);
        }
        int[] w = new int[head.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "test error on %d official test images, mean ± sample std over label draws%n", r.testSize()));
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + w[i] + "s", row[i]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static Map<String, Object> json(RepresentationProbe.Result r, RunDirectory run, DatasetSpec ds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_dir", run.root().toString());
        m.put("checkpoint", r.checkpoint().toString());
        m.put("dataset", ds.toString());
        m.put("config", r.config());
        RepresentationProbe.Options o = r.options();
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("labels", o.labelCounts().stream().map(c -> c == RepresentationProbe.ALL ? (Object) "all" : c)
                .toList());
        opt.put("draws", o.draws());
        opt.put("seed", o.seed());
        opt.put("test_limit", o.testLimit());
        opt.put("labels_limit", o.labelsLimit());
        opt.put("validation_fraction", o.validationFraction());
        opt.put("c_grid", o.cGrid());
        opt.put("svm", "liblinear L2R_L2LOSS_SVC_DUAL (L2-regularised squared hinge, one-vs-rest, bias), "
                + "features standardised on the fitted rows");
        opt.put("batchnorm_images", o.bnImages());
        opt.put("methods", o.methods().stream().map(Method::label).sorted().toList());
        opt.put("supervised", Map.of("max_steps", o.supervisedMaxSteps(), "patience", o.supervisedPatience(),
                "min_steps_per_evaluation", o.supervisedMinStepsPerEvaluation(), "batch", o.supervisedBatch(),
                "learning_rate", o.supervisedLearningRate(), "optimizer", "Adam(0.9, 0.999)"));
        m.put("options", opt);
        m.put("classes", r.classes());
        m.put("train_images", r.trainSize());
        m.put("test_images", r.testSize());
        m.put("d_features", r.featureCount());
        m.put("pixels", r.pixelCount());
        List<Map<String, Object>> table = new ArrayList<>();
        for (int c : o.labelCounts()) {
            for (Method meth : Method.values()) {
                if (!o.methods().contains(meth)) {
                    continue;
                }
                var cell = r.cell(c, meth);
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("labels", c == RepresentationProbe.ALL ? "all" : c);
                t.put("method", meth.label());
                t.put("mean_test_error", finite(cell.mean()));
                t.put("std_test_error", finite(cell.std()));
                t.put("draws", cell.n());
                table.add(t);
            }
        }
        m.put("table", table);
        List<Map<String, Object>> draws = new ArrayList<>();
        for (var d : r.draws()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("labels", d.labels() == RepresentationProbe.ALL ? "all" : d.labels());
            x.put("draw", d.draw());
            x.put("method", d.method().label());
            x.put("labelled", d.labelled());
            x.put("fit", d.fitSize());
            x.put("validation", d.validationSize());
            x.put("test_error", finite(d.testError()));
            x.put("validation_error", finite(d.validationError()));
            if (d.method() == Method.SUPERVISED) {
                x.put("steps", d.steps());
                x.put("best_step", d.bestStep());
            } else {
                x.put("c", d.c());
                Map<String, Object> byC = new LinkedHashMap<>();
                for (int i = 0; i < d.cGrid().length; i++) {
                    byC.put(String.format(Locale.ROOT, "%.0e", d.cGrid()[i]), finite(d.cValidationErrors()[i]));
                }
                x.put("validation_error_by_c", byC);
                x.put("c_at_top_of_grid", d.cAtTopOfGrid());
            }
            x.put("seconds", d.seconds());
            draws.add(x);
        }
        m.put("per_draw", draws);
        m.put("seconds", r.seconds());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void say(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
