package org.finetuneplanner.core;

/**
 * Every kind of note the estimates and the scenario reader attach, with its severity and its stable code (the
 * {@code code} of a note in the JSON output). The text layer words each as {@code note.<CONSTANT>}; the values put
 * in are the note's {@link Note#args()} in the order listed here.
 */
public enum NoteId {
    /** args: the {@code memory.Phase} of the peak. */
    MEMORY_PEAK_PHASE(Note.Severity.INFO, "memory.peak_phase"),
    /** args: the logits' {@link Bytes}. */
    MEMORY_LOGITS_DOMINANT(Note.Severity.INFO, "memory.logits_dominant"),
    /** args: the saved activations' {@link Bytes}. */
    MEMORY_ACTIVATIONS_DOMINANT(Note.Severity.INFO, "memory.activations_dominant"),
    /** No args. */
    MEMORY_FP8_WEIGHTS(Note.Severity.INFO, "memory.fp8_weights"),
    /** No args. */
    MEMORY_GUESSED_ARCHITECTURE(Note.Severity.WARNING, "memory.guessed_architecture"),
    /** args: the paged states' {@link Bytes} per GPU. */
    MEMORY_PAGED_OPTIMIZER(Note.Severity.WARNING, "memory.paged_optimizer"),
    /** args: the element count under which tensors keep 32-bit states. */
    MEMORY_8BIT_SMALL_TENSORS(Note.Severity.INFO, "memory.8bit_small_tensors"),
    /** No args. */
    MEMORY_FSDP_FULL_MODEL(Note.Severity.WARNING, "memory.fsdp_full_model"),
    /** args: GPU name, the {@code Precision} wanted, the FP32 peak used (TFLOPS). */
    TIME_NO_PEAK(Note.Severity.WARNING, "time.no_peak"),
    /** args: GPU name, the {@code Precision} assumed instead. */
    FP8_UNSUPPORTED(Note.Severity.WARNING, "fp8.unsupported"),
    /** args: GPU name, the FP32 peak used (TFLOPS). */
    BF16_UNSUPPORTED(Note.Severity.WARNING, "bf16.unsupported"),
    /** args: the longest time reported, hours ({@code Limits.MAX_HOURS}). */
    TIME_BEYOND_LIMIT(Note.Severity.WARNING, "time.beyond_limit"),
    /** args: the highest cost reported, USD ({@code Limits.MAX_USD}). */
    COST_BEYOND_LIMIT(Note.Severity.WARNING, "cost.beyond_limit"),
    /** args: provider, GPU name. */
    COST_PROVIDER_UNLISTED(Note.Severity.WARNING, "cost.provider_unlisted"),
    /** args: GPU name. */
    COST_NO_PRICE(Note.Severity.WARNING, "cost.no_price"),
    /** args: the seller of the price list in force, GPU name. */
    COST_NOT_OFFERED(Note.Severity.WARNING, "cost.not_offered"),
    /** args: the seller of the price list in force, GPU name, the most GPUs of it one job can rent. */
    COST_OFFER_LIMIT(Note.Severity.WARNING, "cost.offer_limit"),
    /** args: the dotted key, the format. */
    SCENARIO_UNKNOWN_KEY(Note.Severity.WARNING, "scenario.unknown_key"),
    /** args: the dotted key, the format, the known key it resembles. */
    SCENARIO_UNKNOWN_KEY_NEAR(Note.Severity.WARNING, "scenario.unknown_key"),
    /** args: the preset id that was ignored. */
    MODEL_PRESET_IGNORED(Note.Severity.INFO, "model.preset.ignored"),
    /** args: the parameter count, the hidden size and the layers guessed. */
    MODEL_GUESSED(Note.Severity.WARNING, "model.guessed");

    private final Note.Severity severity;
    private final String code;

    NoteId(Note.Severity severity, String code) {
        this.severity = severity;
        this.code = code;
    }

    /** How much a note of this kind matters. */
    public Note.Severity severity() {
        return severity;
    }

    /** The stable code of the JSON output ({@code "memory.peak_phase"}). */
    public String code() {
        return code;
    }
}
