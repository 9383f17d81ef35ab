package io.dcganexplorer.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code RUN_DIR/scores.csv}: one row per scored checkpoint or training snapshot, written by the
 * {@code score} command and by scoring during training in the window. Append-safe: each row goes
 * to the file in one append of a whole line (the header once, when the file is created), so rows
 * of two writers never interleave within a line; a cut-off last line is skipped on reading.
 * Plain Java, no NDArray: the window reads it to show a reopened run's curve.
 */
public final class ScoreLog {
    public static final String FILE = "scores.csv";
    /**
     * Source prefix of a row scoring an averaged generator ({@code average}): it carries the newest
     * averaged step, but is not the generator of that step.
     */
    public static final String AVERAGED = "averaged:";
    /**
     * Source prefix of a row scoring the trained generator of a checkpoint that also holds a moving
     * average ({@code score --weights trained} on a run trained with {@code --ema}): the run renders
     * with the average, so the curve is the average's and this row is left out of it.
     */
    public static final String TRAINED = "trained:";

    public static final String HEADER = "step,fd,count,floor,ceiling,classifier_accuracy,seconds,source";

    private ScoreLog() {}

    /**
     * One score.
     *
     * @param step training step of the generator scored
     * @param fd Frechet distance of {@code count} generated images to the test split
     * @param count generated images (and real images of the floor, noise images of the ceiling)
     * @param floor FD of {@code count} real training images (NaN if not computed)
     * @param ceiling FD of {@code count} uniform-noise images (NaN if not computed)
     * @param classifierAccuracy the feature classifier's test accuracy
     * @param seconds time the score took (rendering, features, FD)
     * @param source "cli:CHECKPOINT", "training", or {@link #AVERAGED} or {@link #TRAINED} + the folder
     */
    public record Row(long step, double fd, int count, double floor, double ceiling, double classifierAccuracy,
            double seconds, String source) {
        public String toCsv() {
            return String.format(Locale.ROOT, "%d,%.6g,%d,%.6g,%.6g,%.4f,%.2f,%s", step, fd, count, floor, ceiling,
                    classifierAccuracy, seconds, source.replace(',', ';').replace('\n', ' '));
        }

        /** Parses a line of {@link #toCsv()}. */
        public static Row fromCsv(String line) {
            String[] f = line.split(",", 8);
            if (f.length < 8) {
                throw new IllegalArgumentException("expected 8 fields, got " + f.length + ": " + line);
            }
            return new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]), Integer.parseInt(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), f[7]);
        }
    }

    public static Path file(Path runRoot) {
        return runRoot.resolve(FILE);
    }

    /** Appends {@code row}, creating the file with its header first if needed. */
    public static void append(Path runRoot, Row row) throws IOException {
        io.dcganexplorer.train.RunDirectory.requireWritable(runRoot, "pass --out FILE to append the scores there");
        appendTo(file(runRoot), row);
    }

    /** Appends {@code row} to the scores file {@code f} (a run's or the user's), with the header first if new. */
    public static synchronized void appendTo(Path f, Row row) throws IOException {
        if (!Files.exists(f)) {
            try {
                Files.writeString(f, HEADER + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // another writer created it meanwhile: its header stands
            }
        }
        Files.writeString(f, row.toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Every row of a run, by step; when a step was scored more than once, the last row written
     * counts. Rows of averaged generators ({@link #AVERAGED} sources) and of trained generators where
     * the run renders a moving average ({@link #TRAINED}) are not part of the training curve and are
     * left out. Damaged lines are skipped; no file gives an empty list.
     */
    public static List<Row> read(Path runRoot) throws IOException {
        Path f = file(runRoot);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        TreeMap<Long, Row> byStep = new TreeMap<>();
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            try {
                Row r = Row.fromCsv(lines.get(i));
                if (!r.source().startsWith(AVERAGED) && !r.source().startsWith(TRAINED)) {
                    byStep.put(r.step(), r);
                }
            } catch (RuntimeException e) {
                // a line cut off by a crash, or edited by hand
            }
        }
        return new ArrayList<>(byStep.values());
    }
}
