package io.dcganexplorer.research;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.image.GifWriter;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What does a sample the discriminator-feature probe calls "smiling" look like? Of a pool of 512
 * generated samples (seed 77), scored by the probes on D's features ({@code --scorer d}), writes
 * the 8 the Smiling probe ranks highest, the 8 at the median and the 8 lowest as one grid
 * (GENERATED.png, zoomed 2x; the median eight's P(Smiling) on stdout), and 8 real smiling and 8
 * real neutral faces of the run's data (REAL.png).
 *
 * <p>Run (see the package documentation for target/cp.txt):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) [-Drun=RUN] \
 *     io.dcganexplorer.research.SmileRankedSamples runs/faces64full/checkpoints/step-004000 look.png real.png
 * </pre>
 *
 * <p>Result: {@code docs/experiments/faces64-full-width/classifier-ranked-smiling.png} and
 * {@code docs/experiments/faces64-full-width/real-smiling-neutral.png}, described in
 * {@code docs/experiments/faces64-full-width/diagnosis/README.md} (the median sample scores 0.998 Smiling and shows
 * no drawn smile) and the README section "Face arithmetic at full widths (ngf = ndf = 64), step
 * 4,000: not the paper's effect". Formerly {@code assets/faces64full/diagnosis/Look.java}.
 */
public final class SmileRankedSamples {
    private SmileRankedSamples() {}

    public static void main(String[] a) throws Exception {
        if (a.length < 3) {
            SmileArithmetic.usage("SmileRankedSamples", "CHECKPOINT GENERATED.png REAL.png",
                    "Generated samples the D-feature probe ranks most, median and least smiling, and real smiling / "
                            + "neutral faces.");
        }
        Path dir = Path.of(a[0]);
        Engines.configure(0);
        RunDirectory run = SmileArithmetic.runOf(dir);
        DcganConfig cfg = run.config();
        try (ArithmeticEvaluation ev = SmileArithmetic.open(run, false, 3, 1);
                GeneratorSession session = GeneratorSession.open(dir);
                DiscriminatorFeatures features = DiscriminatorFeatures.open(dir);
                ImageDataset data = DatasetSpec.parse(run.options().dataset()).open(cfg.imageSize(), cfg.channels(),
                        run.options().seed())) {
            AttributeClassifier clf = ev.probes(features);
            AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, 512, 77, AutoExemplars.Progress.NONE);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                idx.add(i);
            }
            idx.sort(Comparator.comparingDouble(i -> -pool.scores().get(i).get("Smiling")));
            List<float[]> pick = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pick.add(pool.zs().get(idx.get(i)));
            }
            for (int i = 0; i < 8; i++) {
                pick.add(pool.zs().get(idx.get(idx.size() / 2 + i)));
            }
            for (int i = 0; i < 8; i++) {
                pick.add(pool.zs().get(idx.get(idx.size() - 1 - i)));
            }
            for (int i = 0; i < 8; i++) {
                System.out.print(pool.scores().get(idx.get(idx.size() / 2 + i)).get("Smiling") + " ");
            }
            System.out.println();
            int size = cfg.imageSize();
            int channels = cfg.channels();
            float[] img = session.renderRaw(pick).join();
            PngFiles.write(GifWriter.zoom(ImageGrids.grid(img, 24, channels, size, 8, 2), 2), Path.of(a[1]));
            // real faces, 8 smiling then 8 neutral, the first of each in the data's order
            AttributeTable t = data.attributes().orElseThrow();
            int plane = channels * size * size;
            float[] real = new float[16 * plane];
            int smiling = 0;
            int neutral = 0;
            for (int i = 0; smiling + neutral < 16; i++) {
                boolean sm = t.value(i, t.index("Smiling")) > 0;
                if (sm && smiling < 8) {
                    data.read(i, real, (smiling++) * plane);
                } else if (!sm && neutral < 8) {
                    data.read(i, real, (8 + neutral++) * plane);
                }
            }
            PngFiles.write(GifWriter.zoom(ImageGrids.grid(real, 16, channels, size, 8, 2), 2), Path.of(a[2]));
        }
        System.exit(0);
    }
}
