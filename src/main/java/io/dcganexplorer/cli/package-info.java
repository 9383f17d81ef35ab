/**
 * The command line: picocli commands under the top-level {@link io.dcganexplorer.cli.Cli}
 * ({@code train}, {@code sample}, {@code interpolate}, {@code arithmetic}, {@code direction},
 * {@code probe}, {@code score}, {@code average}, {@code bench}, {@code datasets}), their progress
 * output ({@link io.dcganexplorer.cli.ProgressPrinter}, {@link io.dcganexplorer.cli.RoundProgress})
 * and exit codes (0 done, 1 failed with an "error: ..." line, 2 bad arguments; a configuration that
 * needs the instruction-set cap is reported to {@code io.dcganexplorer.Main} through
 * {@link io.dcganexplorer.cli.Cli#run}, which runs the command again capped). Commands are thin: they
 * parse, validate and report, and leave the work to the packages below ({@code latent},
 * {@code eval}, {@code train}, {@code model}, {@code data}, {@code image}, {@code files}). Nothing
 * below may depend on this package, nor may {@code ui}; only {@code io.dcganexplorer.Main} uses
 * it. No JavaFX here.
 */
package io.dcganexplorer.cli;
