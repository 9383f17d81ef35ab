package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSpecTest {
    @TempDir
    Path dir;

    @Test
    void parsesAndRoundTrips() {
        for (String s : List.of("faces", "faces:500", "mnist:/data/mnist", "fashion:/usr/share/datasets/fashion-mnist",
                "folder:/tmp/x y", "celeba:/data/celeba", "faces-v1", "faces-v1:500")) {
            DatasetSpec spec = DatasetSpec.parse(s);
            assertEquals(s, spec.toString());
            assertEquals(spec, DatasetSpec.parse(spec.toString()));
        }
        DatasetSpec m = DatasetSpec.parse("MNIST:/a/b");
        assertEquals("mnist", m.kind());
        assertEquals(Optional.of(Path.of("/a/b")), m.path());
        assertEquals(Optional.empty(), DatasetSpec.parse("faces").path());
        assertEquals(FaceDataset.DEFAULT_COUNT, DatasetSpec.parse("faces").count());
        assertEquals(500, DatasetSpec.parse("faces:500").count());
        assertEquals(500, DatasetSpec.parse("FACES-V1:500").count());
        assertEquals("faces-v1", DatasetSpec.parse("Faces-v1").kind());
    }

    @Test
    void specsWrittenBeforeStylesMeanTheFirstStyle() {
        assertEquals("faces-v1", DatasetSpec.beforeStyles("faces"));
        assertEquals("faces-v1:32", DatasetSpec.beforeStyles("faces:32"));
        assertEquals("faces-v1:32", DatasetSpec.beforeStyles("faces-v1:32"));
        assertEquals("mnist:/a/faces", DatasetSpec.beforeStyles("mnist:/a/faces"));
    }

    @Test
    void facesOpenInTheirStyle() throws Exception {
        try (ImageDataset now = DatasetSpec.parse("faces:4").open(16, 3, 1);
                ImageDataset then = DatasetSpec.parse("faces-v1:4").open(16, 3, 1)) {
            assertEquals(FaceRenderer.Style.CURRENT, ((FaceDataset) now).style());
            assertEquals(FaceRenderer.Style.V1, ((FaceDataset) then).style());
        }
    }

    @Test
    void badSpecsListTheValidForms() {
        for (String s : List.of("", "cifar:/x", "faces:0", "faces:many", "mnist", "folder:", "faces-v1:0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse(s));
            assertTrue(e.getMessage().contains("faces:N") && e.getMessage().contains("celeba:PATH"), e.getMessage());
        }
    }

    @Test
    void opensFacesAndIdx() throws Exception {
        try (ImageDataset faces = DatasetSpec.parse("faces:64").open(32, 3, 1)) {
            assertInstanceOf(FaceDataset.class, faces);
            assertEquals(64, faces.size());
            assertEquals(3, faces.channels());
        }
        Files.write(dir.resolve("train-images-idx3-ubyte"),
                IdxDatasetTest.idx(IdxDataset.IMAGE_MAGIC, 3, 28, 28, 3 * 784));
        try (ImageDataset idx = DatasetSpec.parse("fashion:" + dir).open(64, 1, 1)) {
            assertEquals(3, idx.size());
            assertEquals(64, idx.imageSize());
        }
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetSpec.parse("folder:" + dir.resolve("none")).open(32, 3, 1));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }
}
