package org.finetuneplanner.service.persistence;

import java.util.List;
import java.util.Locale;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.cost.Rental;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ResultJson.CaveatLine;
import org.finetuneplanner.service.persistence.ResultJson.RangeDto;
import org.finetuneplanner.service.text.Words;

/**
 * The {@code plan --json} object: the scenario format's "Other commands" section with the additions of
 * {@code advice-and-prices.md} ("The planner's advice"). Per option: {@code gpu, gpu_count, sharding, offload,
 * status, fits, headroom_gib, adjustments [{key, from, to}], memory_gib} (the result's, with {@code range}),
 * {@code gpu_memory_gib, host_memory_gib, tokens_per_second, hours, range_hours, usd_per_gpu_hour, usd, range_usd,
 * provider, caveats [{id, text, sources}]}. Added keys: {@code price_seen}, {@code price_origin},
 * {@code rented_gpus}, the option's {@code micro_batch_size}, {@code gradient_accumulation_steps},
 * {@code activation_checkpointing}, {@code loss} and {@code sequences_per_step}, {@code max_micro_batch_size} and
 * {@code max_sequence_length} (the largest that keep the status; null for {@code no}), {@code reason} (the reasons
 * in one English text), {@code reasons} ({@code [{kind, text}]}) and {@code warnings}. An option whose status is
 * {@code no} has null speed, hours, price and cost. Top level: {@code cheapest}, {@code fastest} and
 * {@code only_tight} (the recommendation is tight: nothing fits with margin). Unknown values are JSON null; text
 * is English.
 *
 * <p>With a seller's price list in force ({@code advice-and-prices.md}, "Price lists") each option also carries
 * {@code currency} (the list's ISO 4217 code), {@code price_per_gpu_hour}, {@code total} and {@code range_total} in
 * that currency (the {@code usd} figures times {@code usd_rate}; whole units for a currency without cents, else two
 * decimals), and {@code provider} is the seller's name; without one these four keys are left out. The shape is
 * the {@link PlanDto} record and its {@link OptionDto}s, written by {@link SafeJson}'s mapper.
 */
public final class PlanJson {

    private static final CostProjector PRICES = new CostProjector();

    private PlanJson() {
    }

    /** The plan object. */
    record PlanDto(String name, List<OptionDto> options, String cheapest, String fastest, boolean onlyTight) {
    }

    /** One GPU's option. */
    record OptionDto(String gpu, int gpuCount, Sharding sharding, Offload offload, String status, boolean fits,
                     double headroomGib, List<AdjustmentDto> adjustments, int microBatchSize,
                     int gradientAccumulationSteps, Checkpointing activationCheckpointing, Loss loss,
                     int sequencesPerStep, ResultJson.Memory memoryGib, double gpuMemoryGib, double hostMemoryGib,
                     Double tokensPerSecond, Double hours, RangeDto rangeHours, Double usdPerGpuHour, Double usd,
                     RangeDto rangeUsd, String provider, String priceSeen, String priceOrigin, Integer rentedGpus,
                     Integer maxMicroBatchSize, Integer maxSequenceLength, List<CaveatLine> caveats, String reason,
                     List<ReasonDto> reasons, List<String> warnings,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String currency,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Double pricePerGpuHour,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Double total,
                     @JsonInclude(JsonInclude.Include.NON_NULL) RangeDto rangeTotal) {
    }

    /** A changed setting: its dotted key, the scenario's value and the option's (a count, or a choice's id). */
    record AdjustmentDto(String key, Object from, Object to) {

        static AdjustmentDto of(Adjustment a) {
            return new AdjustmentDto(a.key(), value(a.from()), value(a.to()));
        }

        private static Object value(Object v) {
            return v instanceof Identified id ? id.id() : v;
        }
    }

    /** A reason: its kind ({@code DoesNotFit}) and its words in English. */
    record ReasonDto(String kind, String text) {
    }

    /** The plan as a JSON tree, priced by the catalog. */
    public static ObjectNode toTree(Plan plan) {
        return toTree(plan, PRICES);
    }

    /** The plan as a JSON tree, priced by {@code prices} (the projector the planner used). */
    public static ObjectNode toTree(Plan plan, CostProjector prices) {
        return SafeJson.toTree(dto(plan, prices));
    }

    /** Indented JSON of the plan, priced by the catalog. */
    public static String write(Plan plan) {
        return write(plan, PRICES);
    }

    /** Indented JSON of the plan, priced by {@code prices} (the projector the planner used: a price list's). */
    public static String write(Plan plan, CostProjector prices) {
        return SafeJson.pretty(dto(plan, prices));
    }

    private static PlanDto dto(Plan plan, CostProjector prices) {
        List<OptionDto> options = plan.options().stream().map(o -> option(o, prices)).toList();
        return new PlanDto(plan.name(), options, plan.cheapest().orElse(null), plan.fastest().orElse(null),
                plan.onlyTight());
    }

    private static OptionDto option(PlanOption option, CostProjector prices) {
        Estimate e = option.estimate();
        HardwareSpec hw = e.scenario().hardware();
        TrainingSpec t = e.scenario().training();
        boolean fits = option.fits();
        Double hours = option.hours().isPresent() ? ResultJson.round(option.hours().getAsDouble(), 3) : null;
        Optional<CostEstimate> cost = option.cost();
        // Without a data size there is no total; the price per GPU-hour is still shown for an option that fits.
        Optional<Rental> rental = fits && cost.isEmpty() ? prices.rental(e.scenario()) : Optional.empty();
        OptionalDouble usdPerHour = cost.isPresent() ? OptionalDouble.of(cost.get().usdPerGpuHour())
                : rental.isPresent() ? OptionalDouble.of(rental.get().usdPerGpuHour()
                * (1 - prices.assumptions().discount())) : OptionalDouble.empty();
        Double perHour = usdPerHour.isPresent() ? ResultJson.round(usdPerHour.getAsDouble(), 4) : null;
        Optional<Exchange> seller = prices.seller().map(SellerPrices::exchange);
        int digits = seller.map(x -> Math.max(0, Currency.getInstance(x.currency()).getDefaultFractionDigits()))
                .orElse(2);
        Words english = Words.english();
        return new OptionDto(option.gpu().id(), hw.gpuCount(), hw.sharding(), hw.offload(), option.status().id(),
                fits, ResultJson.gib(e.memory().headroomBytes()),
                option.adjustments().stream().map(AdjustmentDto::of).toList(), t.microBatchSize(),
                t.gradientAccumulationSteps(), t.checkpointing(), t.loss(), option.sequencesPerStep(),
                ResultJson.Memory.of(e.memory(), option.ranges().memoryBytes()),
                ResultJson.gib(e.memory().capacityBytes()), ResultJson.gib(option.hostBytes()),
                option.tokensPerSecond().isPresent() ? ResultJson.round(option.tokensPerSecond().getAsDouble(), 1)
                        : null,
                hours, option.ranges().hours().map(r -> RangeDto.of(r, 3)).orElse(null), perHour,
                cost.map(c -> ResultJson.round(c.usd(), 2)).orElse(null),
                option.ranges().usd().map(r -> RangeDto.of(r, 2)).orElse(null),
                cost.map(CostEstimate::provider).orElse(rental.map(Rental::provider).orElse(null)),
                cost.map(CostEstimate::priceSeen).orElse(rental.map(Rental::seen).orElse(null)),
                cost.map(c -> c.origin().name().toLowerCase(Locale.ROOT)).orElse(rental.map(r -> r.origin().name()
                        .toLowerCase(Locale.ROOT)).orElse(null)),
                cost.map(CostEstimate::rentedGpus).orElse(rental.map(Rental::gpus).orElse(null)),
                fits ? option.largestMicroBatch() : null, fits ? option.largestSequenceLength() : null,
                CaveatLine.of(option.caveats()), english.reasons(option.reasons()),
                option.reasons().stream().map(r -> new ReasonDto(r.getClass().getSimpleName(), english.reason(r)))
                        .toList(),
                ResultJson.warnings(e.notes()), seller.map(Exchange::currency).orElse(null),
                seller.isPresent() && usdPerHour.isPresent()
                        ? ResultJson.round(seller.get().fromUsd(usdPerHour.getAsDouble()), 2) : null,
                seller.isPresent() ? cost.map(c -> ResultJson.round(seller.get().fromUsd(c.usd()), digits))
                        .orElse(null) : null,
                seller.isPresent() ? option.ranges().usd().map(r -> RangeDto.of(r.times(seller.get().perUsd()),
                        digits)).orElse(null) : null);
    }
}
