package io.dcganexplorer.cli;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.interop.PytorchImport;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code import-pytorch}: makes a run folder from a generator (and discriminator) that
 * pytorch/examples' dcgan trained ({@link PytorchImport}). The architecture comes from the file;
 * only the z prior, which no .pth records, is an option.
 */
@Command(name = "import-pytorch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make a run folder from netG.pth (and netD.pth) saved by pytorch/examples' dcgan/main.py.")
final class ImportPytorchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--generator", paramLabel = "FILE", required = true,
            description = "The generator: torch.save(netG.state_dict(), FILE) or torch.save(netG, FILE).")
    Path generator;

    @Option(names = "--discriminator", paramLabel = "FILE",
            description = "The discriminator (default: none; D is initialised afresh, ndf = ngf).")
    Path discriminator;

    @Option(names = "--run-dir", paramLabel = "DIR", required = true,
            description = "The run folder to make (absent or empty).")
    Path runDir;

    @Option(names = "--prior", paramLabel = "normal|uniform", defaultValue = "normal",
            description = "The z the generator was trained with (default: normal, as main.py's torch.randn).")
    String prior;

    @Option(names = "--image-size", paramLabel = "S",
            description = "Checked against the file (default: the file's; 16, 32, 64 or 128).")
    int imageSize;

    @Option(names = "--dataset", paramLabel = "SPEC",
            description = "What training the run further would use (default: faces).")
    String dataset;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seeds the run's fixed noise, and D's weights when none is given (default: 1).")
    long seed;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::importRun);
    }

    private int importRun() throws IOException {
        ZPrior p = switch (prior.toLowerCase(Locale.ROOT)) {
            case "normal" -> ZPrior.NORMAL;
            case "uniform" -> ZPrior.UNIFORM;
            default -> throw Commands.invalid(spec, "--prior", prior, "must be normal or uniform");
        };
        TrainingOptions options;
        try {
            String d = dataset != null ? DatasetSpec.parse(dataset).toString() : TrainingOptions.DEFAULT_DATASET;
            options = TrainingOptions.defaults().withDataset(d).withSeed(seed).withBatchSize(64); // main.py's batch
        } catch (IllegalArgumentException e) {
            throw Commands.invalid(spec, "--dataset", dataset, e.getMessage());
        }
        PytorchImport.Result r = PytorchImport.run(new PytorchImport.Request(generator, discriminator, runDir, p,
                imageSize, options));
        PrintWriter out = spec.commandLine().getOut();
        for (String n : r.notes()) {
            out.println(n);
        }
        out.println("made " + r.runDir() + ": " + r.config().summary() + "; checkpoint " + r.checkpoint());
        out.flush();
        return 0;
    }
}
