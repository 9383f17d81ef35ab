package io.dcganexplorer.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binary per-image attributes in CelebA's form: named columns, one row per image, each value
 * {@code +1} (present) or {@code -1} (absent). Row {@code i} belongs to dataset image {@code i}.
 *
 * <p>Values are kept in one flat byte array, so CelebA's 200k x 40 table costs 8 MB, not 8M
 * boxed objects.
 */
public final class AttributeTable {
    private final List<String> names;
    private final Map<String, Integer> indexByName;
    private final byte[] values;
    private final int rows;

    /**
     * @param names attribute names, unique, no whitespace
     * @param values row-major {@code rows x names.size()} entries, each +1 or -1
     */
    public AttributeTable(List<String> names, byte[] values) {
        this.names = List.copyOf(names);
        this.indexByName = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            String n = this.names.get(i);
            if (n.isEmpty() || n.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("attribute name must be one word, got '" + n + "'");
            }
            if (indexByName.put(n, i) != null) {
                throw new IllegalArgumentException("attribute '" + n + "' appears twice");
            }
        }
        int cols = this.names.size();
        if (cols == 0 ? values.length != 0 : values.length % cols != 0) {
            throw new IllegalArgumentException(values.length + " values do not fill rows of " + cols
                    + " attributes");
        }
        for (byte v : values) {
            if (v != 1 && v != -1) {
                throw new IllegalArgumentException("attribute values must be +1 or -1, got " + v);
            }
        }
        this.values = values.clone();
        this.rows = cols == 0 ? 0 : values.length / cols;
    }

    /** Attribute names in column order. */
    public List<String> names() {
        return names;
    }

    /** Number of images (rows). */
    public int size() {
        return rows;
    }

    /**
     * Column of attribute {@code name}.
     *
     * @throws IllegalArgumentException if there is no such attribute (the message lists them)
     */
    public int index(String name) {
        Integer i = indexByName.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no attribute '" + name + "'; known: " + names);
        }
        return i;
    }

    /** +1 or -1 for image {@code image}, attribute column {@code attribute}. */
    public int value(int image, int attribute) {
        Objects.checkIndex(image, rows);
        Objects.checkIndex(attribute, names.size());
        return values[image * names.size() + attribute];
    }

    /** Whether image {@code image} has attribute {@code name} (+1). */
    public boolean has(int image, String name) {
        return value(image, index(name)) > 0;
    }

    /** Indices of the images that have ({@code present}) or lack the attribute. */
    public int[] images(String name, boolean present) {
        int col = index(name);
        int cols = names.size();
        int n = 0;
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            if ((values[i * cols + col] > 0) == present) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The table restricted to rows {@code [from, to)}, e.g. to write a range of a dataset. */
    public AttributeTable rows(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        int cols = names.size();
        return new AttributeTable(names, java.util.Arrays.copyOfRange(values, from * cols, to * cols));
    }

    /** The table restricted to the given rows, in that order. */
    public AttributeTable select(int[] rowIndices) {
        int cols = names.size();
        byte[] out = new byte[rowIndices.length * cols];
        for (int k = 0; k < rowIndices.length; k++) {
            Objects.checkIndex(rowIndices[k], rows);
            System.arraycopy(values, rowIndices[k] * cols, out, k * cols, cols);
        }
        return new AttributeTable(names, out);
    }

    /**
     * Reads a table in the text format of CelebA's {@code list_attr_celeba.txt}; image names in the
     * first column are read but not kept (see {@link CelebADataset} for a dataset that uses them).
     *
     * @throws DatasetException naming the file and line if the text is malformed
     */
    public static AttributeTable parseCelebA(Path file) throws DatasetException {
        return CelebAText.parse(file).table();
    }

    /**
     * Writes this table as CelebA's text: line 1 the row count, line 2 the names separated by
     * spaces, then one line per image, {@code 000001.jpg  1 -1 ...} (each value right-aligned in
     * two columns after a space, as in the original file).
     *
     * @param imageNames first column, one per row
     */
    public void writeCelebA(Path file, List<String> imageNames) throws IOException {
        if (imageNames.size() != rows) {
            throw new IllegalArgumentException(imageNames.size() + " image names for " + rows + " rows");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int cols = names.size();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(Integer.toString(rows));
            w.write('\n');
            w.write(String.join(" ", names));
            w.write('\n');
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                line.append(imageNames.get(i));
                for (int c = 0; c < cols; c++) {
                    line.append(values[i * cols + c] > 0 ? "  1" : " -1");
                }
                line.append('\n');
                w.write(line.toString());
            }
        }
    }

    /** CelebA's text parsed with its image-name column. */
    record CelebAText(List<String> imageNames, AttributeTable table) {

        static CelebAText parse(Path file) throws DatasetException {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                String first = r.readLine();
                if (first == null || first.isBlank()) {
                    throw bad(file, 1, "empty file; expected the image count");
                }
                int count;
                try {
                    count = Integer.parseInt(first.trim());
                } catch (NumberFormatException e) {
                    throw bad(file, 1, "expected the image count, got '" + clip(first) + "'");
                }
                if (count < 0) {
                    throw bad(file, 1, "negative image count " + count);
                }
                String second = r.readLine();
                if (second == null || second.isBlank()) {
                    throw bad(file, 2, "expected the attribute names");
                }
                List<String> names = List.of(second.trim().split("\\s+"));
                int cols = names.size();
                List<String> images = new ArrayList<>(count);
                byte[] values = new byte[Math.multiplyExact(count, cols)];
                int lineNo = 2;
                String line;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] parts = line.trim().split("\\s+");
                    if (images.size() == count) {
                        throw bad(file, lineNo, "more rows than the " + count + " promised on line 1");
                    }
                    if (parts.length != cols + 1) {
                        throw bad(file, lineNo, "expected an image name and " + cols + " values, got "
                                + (parts.length - 1) + " values");
                    }
                    int row = images.size();
                    for (int c = 0; c < cols; c++) {
                        String v = parts[c + 1];
                        if (v.equals("1") || v.equals("+1")) {
                            values[row * cols + c] = 1;
                        } else if (v.equals("-1")) {
                            values[row * cols + c] = -1;
                        } else {
                            throw bad(file, lineNo, "value '" + clip(v) + "' for " + names.get(c)
                                    + " is not 1 or -1");
                        }
                    }
                    images.add(parts[0]);
                }
                if (images.size() != count) {
                    throw bad(file, lineNo, "line 1 promises " + count + " rows, found " + images.size());
                }
                try {
                    return new CelebAText(List.copyOf(images), new AttributeTable(names, values));
                } catch (IllegalArgumentException e) {
                    throw bad(file, 2, e.getMessage());
                }
            } catch (DatasetException e) {
                throw e;
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot read attribute file: " + e.getMessage(), e);
            }
        }

        private static DatasetException bad(Path file, int line, String problem) {
            return new DatasetException(file + ":" + line + ": " + problem);
        }

        private static String clip(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "...";
        }
    }
}
