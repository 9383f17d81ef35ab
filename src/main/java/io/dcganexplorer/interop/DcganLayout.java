package io.dcganexplorer.interop;

import io.dcganexplorer.interop.PthFile.PthTensor;
import io.dcganexplorer.model.KernelPreset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pytorch/examples' {@code dcgan/main.py} networks as their state dicts name them, beside the names
 * of our checkpoints. Their {@code Generator} is one {@code nn.Sequential} called {@code main} of
 * (ConvTranspose2d, BatchNorm2d, ReLU) stages and a last ConvTranspose2d and Tanh, so its tensors
 * are {@code main.0.weight}, {@code main.1.weight/bias/running_mean/running_var}, {@code main.3.weight}
 * ...; their {@code Discriminator} starts with Conv2d and LeakyReLU, then (Conv2d, BatchNorm2d,
 * LeakyReLU) stages and a last Conv2d and Sigmoid: {@code main.0.weight}, {@code main.2.weight},
 * {@code main.3.*}, ... At 64x64 each has five convolutions (main.py's own); 16, 32 and 128 follow the
 * same pattern with one stage fewer or more per halving or doubling, as our networks do.
 */
public final class DcganLayout {
    private DcganLayout() {}

    /**
     * One tensor.
     *
     * @param key its name in a PyTorch state dict, e.g. {@code main.1.running_mean}
     * @param ours its name in our checkpoint, e.g. {@code G/g.0.bn.running_mean}
     * @param shape its shape, the same in both
     */
    public record Entry(String key, String ours, long[] shape) {
        public String shapeString() {
            return Arrays.toString(shape);
        }
    }

    /** What a generator's or discriminator's tensors say about the architecture. */
    public record Found(int imageSize, int channels, int latentDim, int features, KernelPreset kernel) {}

    private static final Pattern MAIN_WEIGHT = Pattern.compile("main\\.(\\d+)\\.weight");

    /** The generator's tensors (see the class comment); {@code features} is ngf, {@code latentDim} nz. */
    public static List<Entry> generator(int imageSize, int channels, int latentDim, int features, KernelPreset k) {
        int n = stages(imageSize);
        List<Entry> out = new ArrayList<>();
        long in = latentDim;
        for (int i = 0; i < n; i++) {
            long width = (long) features << (n - 1 - i);
            int kernel = i == 0 ? 4 : k.kernel;
            out.add(new Entry("main." + 3 * i + ".weight", "G/g." + i + ".weight", new long[] {in, width, kernel,
                kernel}));
            batchNorm(out, "main." + (3 * i + 1), "G/g." + i + ".bn", width);
            in = width;
        }
        out.add(new Entry("main." + 3 * n + ".weight", "G/g." + n + ".weight", new long[] {in, channels, k.kernel,
            k.kernel}));
        return out;
    }

    /** The discriminator's tensors (see the class comment); {@code features} is ndf. */
    public static List<Entry> discriminator(int imageSize, int channels, int features, KernelPreset k) {
        int n = stages(imageSize);
        List<Entry> out = new ArrayList<>();
        long in = channels;
        for (int i = 0; i < n; i++) {
            long width = (long) features << i;
            out.add(new Entry("main." + (i == 0 ? 0 : 3 * i - 1) + ".weight", "D/d." + i + ".weight",
                    new long[] {width, in, k.kernel, k.kernel}));
            if (i > 0) {
                batchNorm(out, "main." + 3 * i, "D/d." + i + ".bn", width);
            }
            in = width;
        }
        out.add(new Entry("main." + (3 * n - 1) + ".weight", "D/d." + n + ".weight", new long[] {1, in, 4, 4}));
        return out;
    }

    private static void batchNorm(List<Entry> out, String key, String ours, long width) {
        out.add(new Entry(key + ".weight", ours + ".gamma", new long[] {width}));
        out.add(new Entry(key + ".bias", ours + ".beta", new long[] {width}));
        out.add(new Entry(key + ".running_mean", ours + ".running_mean", new long[] {width}));
        out.add(new Entry(key + ".running_var", ours + ".running_var", new long[] {width}));
    }

    /** Stride-2 stages between 4x4 and the image (4 at 64x64). */
    static int stages(int imageSize) {
        return Integer.numberOfTrailingZeros(imageSize) - 2;
    }

    /** Reads nz, ngf, channels, image size and kernel from a generator's convolution weights. */
    public static Found findGenerator(Map<String, PthTensor> t, Path file) throws IOException {
        List<PthTensor> convs = convolutions(t, file, "generator", 3, 0);
        int n = convs.size() - 1;
        PthTensor first = convs.get(0);
        PthTensor last = convs.get(n);
        return new Found(size(n, file), (int) last.shape()[1], (int) first.shape()[0], (int) last.shape()[0],
                kernel(last, file, "main." + 3 * n + ".weight"));
    }

    /** Reads ndf, channels, image size and kernel from a discriminator's convolution weights. */
    public static Found findDiscriminator(Map<String, PthTensor> t, Path file) throws IOException {
        List<PthTensor> convs = convolutions(t, file, "discriminator", 3, -1);
        PthTensor first = convs.get(0);
        int n = convs.size() - 1;
        return new Found(size(n, file), (int) first.shape()[1], 0, (int) first.shape()[0],
                kernel(first, file, "main.0.weight"));
    }

    /**
     * The 4-d {@code main.N.weight} tensors in order, checked to sit where the examples' networks put
     * them: N = 0, then {@code step * i + shift} for i = 1, 2, ...
     */
    private static List<PthTensor> convolutions(Map<String, PthTensor> t, Path file, String what, int step,
            int shift) throws IOException {
        TreeMap<Integer, PthTensor> byIndex = new TreeMap<>();
        for (var e : t.entrySet()) {
            Matcher m = MAIN_WEIGHT.matcher(e.getKey());
            if (m.matches() && e.getValue().shape().length == 4) {
                byIndex.put(Integer.parseInt(m.group(1)), e.getValue());
            }
        }
        List<Integer> want = new ArrayList<>();
        for (int i = 0; i < byIndex.size(); i++) {
            want.add(i == 0 ? 0 : step * i + shift);
        }
        if (byIndex.size() < 3 || !new ArrayList<>(byIndex.keySet()).equals(want)) {
            throw new IOException(file + " is not a " + what + " in pytorch/examples' dcgan layout: its convolution "
                    + "weights are " + byIndex.keySet().stream().map(i -> "main." + i + ".weight").toList()
                    + ", the layout has " + want.stream().map(i -> "main." + i + ".weight").toList()
                    + " (keys found: " + String.join(", ", t.keySet().stream().limit(8).toList())
                    + (t.size() > 8 ? ", ..." : "") + ")");
        }
        return new ArrayList<>(byIndex.values());
    }

    private static int size(int stages, Path file) throws IOException {
        if (stages < 2 || stages > 5) {
            throw new IOException(file + " has " + (stages + 1) + " convolutions, which make " + (4 << stages)
                    + "x" + (4 << stages) + " images; this app reads 16x16 to 128x128 (3 to 6 convolutions)");
        }
        return 4 << stages;
    }

    private static KernelPreset kernel(PthTensor w, Path file, String key) throws IOException {
        long k = w.shape()[2];
        for (KernelPreset p : KernelPreset.values()) {
            if (p.kernel == k && w.shape()[3] == k) {
                return p;
            }
        }
        throw new IOException(file + ": " + key + " has " + k + "x" + w.shape()[3] + " kernels (shape "
                + w.shapeString() + "); this app reads 4x4 (stride 2, padding 1, as pytorch/examples) and 5x5 "
                + "(padding 2, output padding 1)");
    }

    /**
     * Checks that {@code t} holds exactly {@code expected} (BatchNorm's {@code num_batches_tracked}
     * aside), naming the first key that is missing, extra or of another shape.
     *
     * @param what e.g. "a pytorch/examples generator with nz=100, ngf=64, 64x64x3"
     */
    public static void check(Map<String, PthTensor> t, List<Entry> expected, Path file, String what)
            throws IOException {
        for (Entry e : expected) {
            PthTensor found = t.get(e.key());
            if (found == null) {
                throw new IOException(file + ": " + e.key() + " is missing; " + what + " has it, of shape "
                        + e.shapeString());
            }
            if (!Arrays.equals(found.shape(), e.shape())) {
                throw new IOException(file + ": " + e.key() + " has shape " + found.shapeString() + ", " + what
                        + " needs " + e.shapeString());
            }
            if (found.integral()) {
                throw new IOException(file + ": " + e.key() + " holds integers (" + found.dtype() + "), not weights");
            }
        }
        List<String> known = expected.stream().map(Entry::key).toList();
        for (String key : t.keySet()) {
            if (!known.contains(key) && !key.endsWith(".num_batches_tracked")) {
                throw new IOException(file + ": " + key + " (shape " + t.get(key).shapeString() + ") is not in "
                        + what);
            }
        }
    }
}
