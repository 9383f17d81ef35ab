package io.dcganexplorer.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentStoreTest {
    @TempDir
    Path run;

    @Test
    void vectorsAndSetsSurviveAReload() throws Exception {
        LatentStore s = LatentStore.open(run, 3);
        s.putVector("smile", new float[] {1, 2, 3});
        s.putSet("A", List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {0, 0, 1}));
        LatentStore again = LatentStore.open(run, 3);
        assertArrayEquals(new float[] {1, 2, 3}, again.vector("smile"));
        assertEquals(3, again.set("A").size());
        assertArrayEquals(new float[] {0, 1, 0}, again.set("A").get(1));
        assertThrows(IllegalArgumentException.class, () -> again.vector("nope"));
    }

    @Test
    void aStoreOfAnotherLatentSizeIsRefusedNamingTheFile() throws Exception {
        LatentStore.open(run, 3).putVector("v", new float[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> LatentStore.open(run, 100));
        assertTrue(e.getMessage().contains(LatentStore.FILE) && e.getMessage().contains("100"), e.getMessage());
    }

    @Test
    void aDamagedFileIsAClearErrorAndIsNotOverwritten() throws Exception {
        Files.writeString(run.resolve(LatentStore.FILE), "{ not json");
        IOException e = assertThrows(IOException.class, () -> LatentStore.open(run, 3));
        assertTrue(e.getMessage().contains(LatentStore.FILE), e.getMessage());
        assertEquals("{ not json", Files.readString(run.resolve(LatentStore.FILE)));
    }

    @Test
    void aLatentIsReadFromItsOwnFileOrByItsSavedName() throws Exception {
        Path file = run.resolve("out").resolve("z.json");
        Files.createDirectories(file.getParent());
        LatentStore.writeLatentFile(file, "projection", new float[] {1, 2, 3});
        assertArrayEquals(new float[] {1, 2, 3}, LatentStore.resolve(run, file.toString(), 3));
        LatentStore.update(run, 3, s -> s.putVector("mine", new float[] {4, 5, 6}));
        assertArrayEquals(new float[] {4, 5, 6}, LatentStore.resolve(run, "mine", 3));
        IOException none = assertThrows(IOException.class, () -> LatentStore.resolve(run, "nope", 3));
        assertTrue(none.getMessage().contains("'nope'") && none.getMessage().contains("mine"), none.getMessage());
        IOException size = assertThrows(IOException.class, () -> LatentStore.resolve(run, file.toString(), 4));
        assertTrue(size.getMessage().contains(file.toString()), size.getMessage());
        Path runFile = run.resolve(LatentStore.FILE);
        LatentStore.update(run, 3, s -> s.putVector("other", new float[] {7, 8, 9}));
        IOException two = assertThrows(IOException.class, () -> LatentStore.resolve(run, runFile.toString(), 3));
        assertTrue(two.getMessage().contains("#NAME"), two.getMessage());
        assertArrayEquals(new float[] {7, 8, 9}, LatentStore.resolve(run, runFile + "#other", 3));
    }
}
