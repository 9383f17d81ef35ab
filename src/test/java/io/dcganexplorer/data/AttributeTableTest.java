package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeTableTest {
    @TempDir
    Path dir;

    private final AttributeTable table = new AttributeTable(List.of("Smiling", "Male"),
            new byte[] {1, -1, -1, -1, 1, 1});

    @Test
    void writesCelebATextAndReadsItBack() throws Exception {
        Path f = dir.resolve("list_attr_celeba.txt");
        table.writeCelebA(f, List.of("000001.jpg", "000002.jpg", "000003.jpg"));
        List<String> lines = Files.readAllLines(f);
        assertEquals(List.of("3", "Smiling Male", "000001.jpg  1 -1", "000002.jpg -1 -1", "000003.jpg  1  1"),
                lines);
        AttributeTable back = AttributeTable.parseCelebA(f);
        assertEquals(table.names(), back.names());
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(table.value(i, c), back.value(i, c));
            }
        }
    }

    @Test
    void lookups() {
        assertEquals(1, table.index("Male"));
        assertTrue(table.has(2, "Male"));
        assertArrayEquals(new int[] {0, 2}, table.images("Smiling", true));
        assertEquals(1, table.rows(2, 3).size());
        assertThrows(IllegalArgumentException.class, () -> table.index("Bald"));
    }

    @Test
    void malformedValueNamesFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("attrs.txt"), "2\nA B\nx.jpg 1 -1\ny.jpg 1 0\n");
        DatasetException e = assertThrows(DatasetException.class, () -> AttributeTable.parseCelebA(f));
        assertTrue(e.getMessage().contains("attrs.txt:4:"), e.getMessage());
    }

    @Test
    void wrongColumnCountAndCountMismatch() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "1\nA B\nx.jpg 1\n");
        DatasetException e = assertThrows(DatasetException.class, () -> AttributeTable.parseCelebA(f));
        assertTrue(e.getMessage().contains("a.txt:3:"), e.getMessage());
        Path g = Files.writeString(dir.resolve("b.txt"), "3\nA B\nx.jpg 1 1\n");
        e = assertThrows(DatasetException.class, () -> AttributeTable.parseCelebA(g));
        assertTrue(e.getMessage().contains("promises 3"), e.getMessage());
        Path h = Files.writeString(dir.resolve("c.txt"), "many\nA B\n");
        e = assertThrows(DatasetException.class, () -> AttributeTable.parseCelebA(h));
        assertTrue(e.getMessage().contains("c.txt:1:"), e.getMessage());
    }
}
