import io.dcganexplorer.data.*;
import io.dcganexplorer.eval.*;
import io.dcganexplorer.image.*;
import io.dcganexplorer.latent.*;
import io.dcganexplorer.model.*;
import java.nio.file.*;
import java.util.*;

public class Look {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Engines.configure(0);
        GeneratorSession session = GeneratorSession.open(dir);
        DiscriminatorFeatures features = DiscriminatorFeatures.open(dir);
        DcganConfig cfg = session.config();
        ImageDataset data = DatasetSpec.parse("faces").open(cfg.imageSize(), cfg.channels(), 1);
        AttributeClassifier clf = AttributeClassifier.train(features, data, List.of("Smiling", "Male"), 8000, 2000, 1);
        AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, 512, 77, AutoExemplars.Progress.NONE);
        List<Integer> idx = new ArrayList<>(); for (int i = 0; i < pool.size(); i++) idx.add(i);
        idx.sort(Comparator.comparingDouble(i -> -pool.scores().get(i).get("Smiling")));
        List<float[]> pick = new ArrayList<>();
        for (int i = 0; i < 8; i++) pick.add(pool.zs().get(idx.get(i)));
        for (int i = 0; i < 8; i++) pick.add(pool.zs().get(idx.get(idx.size() / 2 + i)));
        for (int i = 0; i < 8; i++) pick.add(pool.zs().get(idx.get(idx.size() - 1 - i)));
        for (int i = 0; i < 8; i++) System.out.print(pool.scores().get(idx.get(idx.size() / 2 + i)).get("Smiling") + " ");
        System.out.println();
        float[] img = session.renderRaw(pick).join();
        PngFiles.write(GifWriter.zoom(ImageGrids.grid(img, 24, 3, cfg.imageSize(), 8, 2), 2), Path.of(a[1]));
        // real faces, 8 smiling 8 not
        float[] real = new float[16 * 3 * 64 * 64]; int s = 0, n = 0, plane = 3 * 64 * 64;
        var t = data.attributes().get();
        for (int i = 0; s + n < 16; i++) { boolean sm = t.value(i, t.index("Smiling")) > 0; if (sm && s < 8) data.read(i, real, (s++) * plane); else if (!sm && n < 8) data.read(i, real, (8 + n++) * plane); }
        PngFiles.write(GifWriter.zoom(ImageGrids.grid(real, 16, 3, 64, 8, 2), 2), Path.of(a[2]));
        System.exit(0);
    }
}
