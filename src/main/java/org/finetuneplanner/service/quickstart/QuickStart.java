package org.finetuneplanner.service.quickstart;

/**
 * The bundled scenarios that answer the common questions: each is a {@code finetune-plan/1} file in this package's
 * resources ({@link #resource()}), named in the app's words by {@code quickstart.<id>} (English and Vietnamese).
 * In the order the menus list them.
 */
public enum QuickStart {
    /** A 7B/8B model with QLoRA on one RTX 4090 (24 GB), 4k context. */
    LLAMA_8B_QLORA_RTX4090("llama-8b-qlora-rtx4090"),
    /** An 8B model with LoRA on one L40S (48 GB). */
    LLAMA_8B_LORA_L40S("llama-8b-lora-l40s"),
    /** A 70B model with LoRA on four H100 SXM, FSDP. */
    LLAMA_70B_LORA_H100("llama-70b-lora-h100"),
    /** A 70B model, full fine-tuning on 32 H100 SXM, FSDP. */
    LLAMA_70B_FULL_H100("llama-70b-full-h100"),
    /** Mixtral 8x7B (mixture of experts) with LoRA on two H100 SXM, FSDP. */
    MIXTRAL_8X7B_LORA_H100("mixtral-8x7b-lora-h100"),
    /** A model that reads and writes Vietnamese well (Qwen2.5 7B) with LoRA on one A100 80 GB. */
    QWEN_7B_VIETNAMESE_LORA_A100("qwen2.5-7b-vietnamese-lora-a100");

    /** The folder of the bundled files on the class path. */
    public static final String FOLDER = "/org/finetuneplanner/service/quickstart/";

    private final String id;

    QuickStart(String id) {
        this.id = id;
    }

    /** The stable id: the file's name without {@code .json} and the key of its words. */
    public String id() {
        return id;
    }

    /** The class-path resource of the scenario file. */
    public String resource() {
        return FOLDER + id + ".json";
    }
}
