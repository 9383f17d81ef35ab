package io.dcganexplorer.latent;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import java.util.Map;

/**
 * {@code arithmetic --sweep}'s result: a row per checkpoint on the sweep seeds, the skipped ones,
 * the choice and the chosen checkpoint's report on held-out seeds, with the sweep's provenance.
 * Serialised with the project's Gson under the command's snake_case names.
 *
 * @param sweepFolder the folder swept
 * @param means how a group became one vector
 * @param perGroup exemplars per group
 * @param weights which of each checkpoint's generators drew the samples
 * @param sweepSeeds the first and last seed of the sweep's rounds
 * @param checkpoints a row per checkpoint read, oldest first
 * @param skipped the checkpoints that could not be read, and why
 * @param selected the chosen checkpoint's name
 * @param selectedDir the chosen checkpoint's folder
 * @param selectedBy how it was chosen, in words
 * @param heldOutSeeds the first and last seed of the held-out rounds
 * @param heldOut the chosen checkpoint's report on the held-out seeds: the one to quote
 * @param provenance the app, the run and every setting of the sweep
 */
public record SweepReport(
        @SerializedName("sweep_folder") String sweepFolder,
        String means,
        @SerializedName("per_group") int perGroup,
        String weights,
        @SerializedName("sweep_seeds") List<Long> sweepSeeds,
        List<Row> checkpoints,
        List<Skipped> skipped,
        String selected,
        @SerializedName("selected_dir") String selectedDir,
        @SerializedName("selected_by") String selectedBy,
        @SerializedName("held_out_seeds") List<Long> heldOutSeeds,
        @SerializedName("held_out") ArithmeticReport heldOut,
        ArithmeticProvenance provenance) {

    public SweepReport {
        sweepSeeds = List.copyOf(sweepSeeds);
        checkpoints = List.copyOf(checkpoints);
        skipped = List.copyOf(skipped);
        heldOutSeeds = List.copyOf(heldOutSeeds);
    }

    /**
     * A checkpoint's row: its name, its step and its report's
     * {@link ArithmeticEvaluation#SWEEP_FIELDS}.
     */
    public record Row(
            String checkpoint,
            long step,
            @SerializedName("mean_averaged_share") double meanAveragedShare,
            @SerializedName("mean_single_share") double meanSingleShare,
            @SerializedName("mean_single_share_any_rank") double meanSingleShareAnyRank,
            @SerializedName("generated_target_rate") double generatedTargetRate,
            @SerializedName("generated_called_rate") Map<String, Double> generatedCalledRate,
            @SerializedName("mean_transfer_averaged") Double meanTransferAveraged) {

        /** The row of checkpoint {@code name} at {@code step} from its report. */
        public static Row of(String name, long step, ArithmeticReport r) {
            return new Row(name, step, r.meanAveragedShare(), r.meanSingleShare(), r.meanSingleShareAnyRank(),
                    r.generatedTargetRate(), r.generatedCalledRate(), r.meanTransferAveraged());
        }
    }

    /** A checkpoint that could not be read, and the error. */
    public record Skipped(String checkpoint, String error) {}
}
