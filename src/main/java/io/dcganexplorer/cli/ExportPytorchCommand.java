package io.dcganexplorer.cli;

import io.dcganexplorer.interop.PytorchExport;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export-pytorch}: writes a run's checkpoint as netG.pth and netD.pth in pytorch/examples'
 * layout and a TorchScript netG.pt ({@link PytorchExport}).
 */
@Command(name = "export-pytorch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a checkpoint as netG.pth, netD.pth (pytorch/examples' keys) and TorchScript netG.pt.")
final class ExportPytorchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the files into.")
    Path out;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::export);
    }

    private int export() throws IOException {
        RunDirectory run = source.run();
        Path dir = source.checkpointDir(run);
        PytorchExport.Result r = PytorchExport.export(dir, source.weights(spec), out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + r.generator() + ", " + r.discriminator() + " and " + r.torchScript() + " from " + dir
                + " (step " + r.step() + ", " + r.weights() + "): " + r.config().summary());
        boolean examples = r.config().imageSize() == 64 && r.config().kernel() == KernelPreset.K4;
        w.println(examples ? "pytorch/examples' Generator and Discriminator (nz=" + r.config().latentDim() + ", ngf="
                + r.config().generatorFeatures() + ", ndf=" + r.config().discriminatorFeatures() + ", nc="
                + r.config().channels() + ") load these with load_state_dict"
                : "same key pattern as pytorch/examples' networks, with " + (r.config().stages() + 1)
                        + " convolutions each (main.py's are 64x64 with 4x4 kernels: five); netG.pt runs as is");
        w.println("z is " + r.config().prior().name().toLowerCase(Locale.ROOT) + ": importing back needs --prior "
                + r.config().prior().name().toLowerCase(Locale.ROOT));
        w.flush();
        return 0;
    }
}
