package io.dcganexplorer.latent;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint's measured arithmetic ({@code arithmetic --auto}, and each checkpoint of a
 * sweep): the probes' accuracy, the data's and the generator's rates, the means over the rounds,
 * each round's numbers and, in {@link #provenance()}, everything that produced it. Serialised
 * with the project's Gson under the snake_case names of the command's JSON.
 *
 * @param checkpoint the checkpoint folder measured
 * @param scorer what the attribute probes read, in words
 * @param classifierHeldoutAccuracy each probe's accuracy on held-out real images, by attribute
 * @param groups the expressions A, B and C
 * @param means how a group became one vector ({@link GroupMean#label()})
 * @param perGroup exemplars per group
 * @param target what A - B + C should show
 * @param realAttributeRate each attribute's rate in the data
 * @param generatedCalledRate the share of generated samples the probes call each attribute (mean over rounds)
 * @param realTargetRate the share of the data's images that hold the target
 * @param generatedTargetRate the share of generated samples called the target (mean over rounds)
 * @param groupMeanHoldsShare per expression, the share of rounds whose G(mean of the group) still shows it
 * @param meanAveragedShare the share of the averaged 3x3 called the target (mean over rounds)
 * @param meanSingleShare the share of the single-exemplar 3x3 called the target (mean over rounds)
 * @param meanSingleShareByRank the single-exemplar share with each rank's exemplars (mean over rounds)
 * @param meanSingleShareAnyRank the mean of {@code meanSingleShareByRank}
 * @param meanTransferAveraged mean(A) - mean(B) added to other members of C: the share called the
 *     target (mean over the rounds that had such members; null: none had)
 * @param meanTransferSingle as {@code meanTransferAveraged} with A - B of the first exemplars
 * @param rounds each seed's numbers, in the order they ran
 * @param provenance the app, the run and every setting that produced this report
 */
public record ArithmeticReport(
        String checkpoint,
        String scorer,
        @SerializedName("classifier_heldout_accuracy") Map<String, Double> classifierHeldoutAccuracy,
        List<String> groups,
        String means,
        @SerializedName("per_group") int perGroup,
        String target,
        @SerializedName("real_attribute_rate") Map<String, Double> realAttributeRate,
        @SerializedName("generated_called_rate") Map<String, Double> generatedCalledRate,
        @SerializedName("real_target_rate") double realTargetRate,
        @SerializedName("generated_target_rate") double generatedTargetRate,
        @SerializedName("group_mean_holds_share") Map<String, Double> groupMeanHoldsShare,
        @SerializedName("mean_averaged_share") double meanAveragedShare,
        @SerializedName("mean_single_share") double meanSingleShare,
        @SerializedName("mean_single_share_by_rank") List<Double> meanSingleShareByRank,
        @SerializedName("mean_single_share_any_rank") double meanSingleShareAnyRank,
        @SerializedName("mean_transfer_averaged") Double meanTransferAveraged,
        @SerializedName("mean_transfer_single") Double meanTransferSingle,
        List<Round> rounds,
        ArithmeticProvenance provenance) {

    public ArithmeticReport {
        groups = List.copyOf(groups);
        meanSingleShareByRank = List.copyOf(meanSingleShareByRank);
        rounds = List.copyOf(rounds);
    }

    /**
     * One seed's numbers.
     *
     * @param seed the seed of the round's pool and noise
     * @param averagedShare the share of the averaged 3x3 called the target
     * @param singleShare the share of the single-exemplar 3x3 (the first exemplars) called the target
     * @param singleShareByRank the single-exemplar share with each rank's exemplars
     * @param averagedScores the probes' scores of the averaged 3x3, image by image
     * @param singleScores the probes' scores of the single-exemplar 3x3
     * @param groupMeanScores the probes' scores of G(mean of each group)
     * @param groupMeanHolds whether G(mean of each group) still shows its expression
     * @param transferSamples other members of C's expression that A - B was added to
     * @param transferAveraged the share of them called the target with mean(A) - mean(B); null: none
     * @param transferSingle as {@code transferAveraged} with the first exemplars' A - B
     */
    public record Round(
            long seed,
            @SerializedName("averaged_share") double averagedShare,
            @SerializedName("single_share") double singleShare,
            @SerializedName("single_share_by_rank") List<Double> singleShareByRank,
            @SerializedName("averaged_scores") List<Map<String, Double>> averagedScores,
            @SerializedName("single_scores") List<Map<String, Double>> singleScores,
            @SerializedName("group_mean_scores") List<Map<String, Double>> groupMeanScores,
            @SerializedName("group_mean_holds") List<Boolean> groupMeanHolds,
            @SerializedName("transfer_samples") int transferSamples,
            @SerializedName("transfer_averaged") Double transferAveraged,
            @SerializedName("transfer_single") Double transferSingle) {}
}
