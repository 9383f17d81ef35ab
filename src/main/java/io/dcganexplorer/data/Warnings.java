package io.dcganexplorer.data;

import java.util.ArrayList;
import java.util.List;

/** Collects skip warnings for a {@link DatasetReport}, keeping at most {@link #MAX_LINES} lines. */
final class Warnings {
    static final int MAX_LINES = 20;

    private final List<String> lines = new ArrayList<>();
    private int skipped;

    /** Records one skipped item; {@code line} names the file and the problem. */
    void skip(String line) {
        skipped++;
        if (lines.size() < MAX_LINES) {
            lines.add(line);
        }
    }

    int skipped() {
        return skipped;
    }

    DatasetReport report() {
        if (skipped == 0) {
            return DatasetReport.EMPTY;
        }
        List<String> out = new ArrayList<>(lines);
        if (skipped > lines.size()) {
            out.add("and " + (skipped - lines.size()) + " more");
        }
        return new DatasetReport(skipped, out);
    }
}
