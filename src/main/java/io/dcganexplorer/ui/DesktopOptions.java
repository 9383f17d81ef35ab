package io.dcganexplorer.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Options the desktop app accepts on its command line, mainly for screenshots:
 * {@code --screenshot FILE --train-steps N} trains N steps, snapshots the window to FILE and exits;
 * {@code --screenshot FILE --demo} snapshots the demo's first face in the Explore tab.
 *
 * @param screenshot where to write the snapshot, or null for a normal session
 * @param trainSteps steps to train before the snapshot (0: start idle)
 * @param pause pause at {@code trainSteps} instead of finishing, and show an earlier grid
 * @param runDir a new run goes exactly here; a folder that holds a run is opened (and continued)
 * @param train start training as soon as the window is up, as if Train (or, for an opened run,
 *     Continue) had been pressed; {@code trainSteps}, when given, is the step budget
 * @param demo open the shipped demo in the Explore tab (as the first launch does when there is no run
 *     yet); with {@code screenshot}, snapshot the window once its first face shows and exit
 */
public record DesktopOptions(Path screenshot, long trainSteps, boolean pause, Path runDir, String dataset,
        Integer imageSize, Integer batchSize, Integer sampleEvery, Integer ngf, Integer ndf, Integer threads,
        boolean train, boolean demo) {

    /** Options that select the desktop app when they come first on Main's command line. */
    public static final Set<String> NAMES = Set.of("--screenshot", "--train-steps", "--pause", "--run-dir",
            "--dataset", "--image-size", "--batch-size", "--sample-every", "--ngf", "--ndf", "--threads", "--train",
            "--demo");

    /** The options that take no value. */
    private static final Set<String> FLAGS = Set.of("--pause", "--train", "--demo");

    public static final String USAGE = "desktop options: [--screenshot FILE (--train-steps N [--pause] | --demo)] "
            + "[--train [--train-steps N]] [--run-dir DIR] [--dataset SPEC] [--image-size S] [--batch-size N] "
            + "[--sample-every N] [--ngf N] [--ndf N] [--threads N]";

    /** True if {@code arg} (or its {@code --name=value} form) is a desktop option. */
    public static boolean isDesktopOption(String arg) {
        int eq = arg.indexOf('=');
        return NAMES.contains(eq < 0 ? arg : arg.substring(0, eq));
    }

    /** @throws IllegalArgumentException naming the bad option */
    public static DesktopOptions parse(List<String> args) {
        Path shot = null;
        long steps = 0;
        boolean pause = false;
        boolean train = false;
        boolean demo = false;
        Path runDir = null;
        String dataset = null;
        Integer size = null;
        Integer batch = null;
        Integer every = null;
        Integer ngf = null;
        Integer ndf = null;
        Integer threads = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (FLAGS.contains(a)) {
                if (value != null) {
                    throw new IllegalArgumentException(a + " takes no value; " + USAGE);
                }
                if (a.equals("--pause")) {
                    pause = true;
                } else if (a.equals("--demo")) {
                    demo = true;
                } else {
                    train = true;
                }
                continue;
            }
            if (!NAMES.contains(a)) {
                throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value; " + USAGE);
                }
                value = args.get(++i);
            }
            switch (a) {
                case "--screenshot" -> shot = Path.of(value);
                case "--train-steps" -> steps = number(a, value);
                case "--run-dir" -> runDir = Path.of(value);
                case "--dataset" -> dataset = value;
                case "--image-size" -> size = (int) number(a, value);
                case "--batch-size" -> batch = (int) number(a, value);
                case "--sample-every" -> every = (int) number(a, value);
                case "--ngf" -> ngf = (int) number(a, value);
                case "--ndf" -> ndf = (int) number(a, value);
                case "--threads" -> threads = (int) number(a, value);
                default -> throw new IllegalStateException(a);
            }
        }
        if (demo && (runDir != null || train || steps > 0)) {
            throw new IllegalArgumentException("--demo opens the shipped demo: it goes with neither --run-dir, "
                    + "--train nor --train-steps");
        }
        if (shot != null && steps <= 0 && !demo) {
            throw new IllegalArgumentException("--screenshot needs --train-steps N (N > 0), or --demo");
        }
        if (train && shot != null) {
            throw new IllegalArgumentException("--train and --screenshot do not go together (--screenshot trains "
                    + "by itself)");
        }
        return new DesktopOptions(shot, steps, pause, runDir, dataset, size, batch, every, ngf, ndf, threads, train,
                demo);
    }

    private static long number(String name, String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number of 0 or more, got '" + v + "'");
        }
    }

    /** Writes the given values into the settings fields, where they show and are validated. */
    public void applyTo(SettingsViewModel s) {
        if (dataset != null) {
            s.dataset.setText(dataset);
        }
        if (imageSize != null) {
            s.imageSize.setText(imageSize.toString());
        }
        if (batchSize != null) {
            s.batch.setText(batchSize.toString());
        }
        if (ngf != null) {
            s.ngf.setText(ngf.toString());
        }
        if (ndf != null) {
            s.ndf.setText(ndf.toString());
        }
        if (threads != null) {
            s.threads.setText(threads.toString());
        }
        if (sampleEvery != null) {
            s.sampleEvery.setText(sampleEvery.toString());
        } else if (screenshot != null) {
            s.sampleEvery.setText(Long.toString(Math.max(1, trainSteps / 10)));
        }
        if (screenshot != null) {
            s.steps.setText(pause ? "0" : Long.toString(trainSteps));
            s.checkpointEvery.setText("0");
        } else if (train && trainSteps > 0) {
            s.steps.setText(Long.toString(trainSteps));
        }
    }
}
