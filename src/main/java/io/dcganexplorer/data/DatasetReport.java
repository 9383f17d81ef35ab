package io.dcganexplorer.data;

import java.util.List;

/**
 * What a dataset skipped while opening.
 *
 * @param skipped number of files skipped as corrupt or unreadable
 * @param warnings one line per skipped file (file name and problem), capped by the dataset
 */
public record DatasetReport(int skipped, List<String> warnings) {
    public static final DatasetReport EMPTY = new DatasetReport(0, List.of());

    public DatasetReport {
        warnings = List.copyOf(warnings);
    }
}
