/**
 * The command line: picocli commands ({@code train}, {@code sample}, {@code bench},
 * {@code datasets}) under the top-level {@link io.dcganexplorer.cli.Cli}, their progress output
 * and exit codes (0 done, 1 failed with an "error: ..." line, 2 bad arguments). Commands are thin:
 * they parse, validate and report, and leave the work to {@code train}, {@code model}, {@code data}
 * and {@code image}. Nothing below may depend on this package; only {@code io.dcganexplorer.Main}
 * (and later the desktop launcher) uses it. No JavaFX here.
 */
package io.dcganexplorer.cli;
