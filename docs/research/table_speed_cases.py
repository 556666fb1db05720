#!/usr/bin/env python3
"""Speed and fit cases typed from published framework tables (each row with its source), as JSON Lines.

Usage: python3 table_speed_cases.py > cases.jsonl   (no input: the rows are below, one per table line)
"""
import json

NEMO = {"title": "NeMo performance summary, 'Finetuning' table (container NeMo 24.07, DGX-H100, FP8)",
        "repo": "NVIDIA/NeMo", "path": "docs/source/performance/performance_summary.md",
        "commit": "070a0bb168d405d653b9734c0017cf5078e77c0d",
        "location": "### Finetuning: 'Model | Task | #-GPUs | GBS | MBS | Packed Sequence Length | TP | PP | Tokens / sec / GPU'"}
NEMO_NOTE = ("NeMo 24.07 on DGX-H100 (8 x H100 SXM per node, NVLink), FP8 (Transformer Engine), SQuAD v1.1 packed to "
             "4096 tokens, GBS 32, MBS 1; tokens/s = the table's tokens/s/GPU x GPUs. The table gives no VP, "
             "checkpointing or LoRA targets: VP 1 and no checkpointing are assumed, and LoRA is NeMo 1.x's default "
             "(megatron_gpt_finetuning_config.yaml at 00780235: target_modules ['attention_qkv'], adapter_dim 32). "
             "SFT runs Megatron's mixed precision (megatron_amp_O2, fp32 main params in the distributed optimizer: "
             "given as master_weights true, sharding zero1). Other versions of the same table differ by up to 5 % "
             "for the same rows (e.g. 7B SFT 16,891-17,617): the table's own noise. ")


def nemo(model, preset, task, gpus, tp, pp, tps_gpu, mflops):
    dp = gpus // (tp * pp)
    ga = 32 // dp
    full = task == "SFT"
    hw = {"gpu": "h100-sxm-80gb", "gpu_count": gpus, "gpus_per_node": 8, "sharding": "zero1" if full else "ddp",
          "offload": "none"}
    req = ["training.framework=megatron"]
    if tp > 1:
        hw["tensor_parallel"] = tp
        req += ["hardware.tensor_parallel", "sequence parallelism with TP (NeMo default for these recipes; no key)"]
    if pp > 1:
        hw["pipeline_parallel"] = pp
        req.append("hardware.pipeline_parallel (1F1B, bubble (PP-1)/m with m = " + str(ga) + " micro-batches)")
    method = {"type": "full"} if full else {"type": "lora", "rank": 32, "alpha": 32, "targets": ["q", "k", "v"],
                                            "extra_trainable": []}
    cid = f"nemo2407-{model.lower()}-{task.lower()}-{gpus}xh100"
    return {"id": cid, "scenario": {
        "format": "finetune-plan/1", "name": cid, "model": {"preset": preset}, "method": method,
        "training": {"precision": "fp8", "master_weights": full, "optimizer": "adamw", "micro_batch_size": 1,
                     "sequence_length": 4096, "gradient_accumulation_steps": ga, "activation_checkpointing": "none",
                     "attention": "flash", "loss": "standard", "framework": "megatron", "compile": False},
        "hardware": hw},
        "expected": {"metric": "tokens_per_second", "tokens_per_second": tps_gpu * gpus, "complete": True},
        "requires": req, "source": NEMO,
        "notes": NEMO_NOTE + f"Row: {model} {task}, {gpus} GPUs, TP {tp}, PP {pp} (DP {dp}, accumulation {ga}), "
                             f"{tps_gpu} tokens/s/GPU, {mflops} model TFLOP/s/GPU."}


CASES = [
    nemo("LLAMA2-7B", "llama-2-7b", "SFT", 8, 1, 1, 17120, 682),
    nemo("LLAMA2-13B", "llama-2-13b", "SFT", 8, 1, 4, 9741, 754),
    nemo("LLAMA2-70B", "llama-2-70b", "SFT", 16, 4, 4, 1833, 756),
    nemo("LLAMA2-7B", "llama-2-7b", "LoRA", 8, 1, 1, 25206, 673),
    nemo("LLAMA2-13B", "llama-2-13b", "LoRA", 8, 1, 1, 14161, 733),
    nemo("LLAMA2-70B", "llama-2-70b", "LoRA", 8, 2, 4, 2557, 705),
]

# NeMo AutoModel (PyTorch FSDP2/DTensor backend) LoRA benchmark
CASES.append({"id": "automodel-l33-70b-lora-8xh100", "scenario": {
    "format": "finetune-plan/1", "name": "automodel-l33-70b-lora-8xh100", "model": {"preset": "llama-3.3-70b"},
    "method": {"type": "lora", "rank": 16, "alpha": 32, "targets": ["all-linear"], "extra_trainable": []},
    "training": {"precision": "bf16", "master_weights": False, "optimizer": "adamw", "micro_batch_size": 1,
                 "sequence_length": 4096, "gradient_accumulation_steps": 4, "activation_checkpointing": "none",
                 "attention": "flash", "loss": "standard", "framework": "generic", "compile": False},
    "hardware": {"gpu": "h100-sxm-80gb", "gpu_count": 8, "gpus_per_node": 8, "sharding": "none", "offload": "none",
                 "tensor_parallel": 2, "pipeline_parallel": 4, "virtual_pipeline_stages": 10}},
    "expected": {"metric": "tokens_per_second", "tokens_per_second": round(608.42 * 8), "complete": True},
    "requires": ["hardware.tensor_parallel", "hardware.pipeline_parallel", "hardware.virtual_pipeline_stages"],
    "source": {"title": "NeMo AutoModel performance summary, 'Finetuning (LoRA) Performance'",
               "repo": "NVIDIA-NeMo/Automodel", "path": "docs/performance-summary.md",
               "commit": "01926a5c443b7979463c73341bf64adf79de638e",
               "location": "row 'Llama3 70B | 8 | 32 | 1 | 4 | 4 | 4096 | 2 | 4 | 1 | - | 10 | 1 | - | 26.92 | 176 | 608.42'"},
    "notes": "NeMo AutoModel (PyTorch backend, no TE kernels: 'Kernel Optimizations -'), mock data of full 4096-token "
             "sequences, GBS 32 = MBS 1 x local batch 4 (GA 4) x DP 8/(TP2 x PP4) = 1; interleaved PP with VP 10; "
             "step time 26.92 s for 131,072 tokens = 608.42 tokens/s/GPU; no gradient clipping. LoRA dim 16, alpha "
             "32 on all linear layers, BF16, Adam, no activation checkpointing, per the benchmark recipe "
             "custom_llama3_3_70b_instruct_peft_benchmark.yaml (that file's stored version at 01ad0c90 shows tp 8 / "
             "pp 1, so the table row, not the file, is the setup here). 4,867 tokens/s for the 8 GPUs."})

UNS = {"title": "Unsloth blog 'Llama 3.3 + ultra long context' (Dec 2024), 'Llama 3.3 (70B) max. context length'",
       "repo": "", "path": "", "commit": "", "url": "https://unsloth.ai/blog/llama3-3",
       "location": "table 'GPU VRAM | Unsloth (+ Apple CCE) | Unsloth (Old) | Hugging Face+FA2', row 80 GB"}


def uns(cid, seq, framework, loss, ckpt, note, req):
    return {"id": cid, "scenario": {
        "format": "finetune-plan/1", "name": cid, "model": {"preset": "llama-3.3-70b"},
        "method": {"type": "qlora", "rank": 32, "alpha": 32, "targets": ["q", "k", "v", "o", "gate", "up", "down"],
                   "extra_trainable": [], "base_weights": "nf4"},
        "training": {"precision": "bf16", "master_weights": False, "optimizer": "adamw_8bit", "micro_batch_size": 1,
                     "sequence_length": seq, "gradient_accumulation_steps": 1, "activation_checkpointing": ckpt,
                     "attention": "flash", "loss": loss, "framework": framework, "compile": False},
        "hardware": {"gpu": "a100-sxm-80gb", "gpu_count": 1, "sharding": "none", "offload": "none"}},
        "expected": {"metric": "total", "case_type": "fits", "capacity_gib": 80.0, "complete": True},
        "requires": req, "source": UNS,
        "notes": "Unsloth's measured longest sequence that trains on an 80 GB A100: Llama 3.3 70B Instruct, 4-bit "
                 "QLoRA on all linear layers, rank 32, batch 1, sequences padded to the length. Verdict case: the "
                 "estimate's total must fit 80 GB (it must not say OOM where the run fitted). Optimizer not stated "
                 "(Unsloth notebooks: adamw_8bit). " + note}


CASES += [
    uns("unsloth-l33-70b-qlora-cce-89389-a100", 89389, "unsloth", "fused", "offload",
        "Unsloth Dec 2024: Apple Cut Cross-Entropy (logits never materialised) and 'unsloth' offloaded checkpointing.",
        ["training.loss=fused"]),
    uns("unsloth-l33-70b-qlora-old-48447-a100", 48447, "unsloth", "standard", "offload",
        "'Unsloth (Old)': Unsloth's own cross-entropy kernel (the framework profile's fused loss keeps the bf16 "
        "logits) and offloaded checkpointing.", []),
    uns("hf-fa2-l33-70b-qlora-6916-a100", 6916, "hf", "standard", "full",
        "'Hugging Face + FA2': transformers + PEFT + bitsandbytes with FlashAttention-2; gradient checkpointing "
        "assumed on (the comparison's notebooks enable it).", []),
]

if __name__ == "__main__":
    for c in CASES:
        print(json.dumps(c, ensure_ascii=False))
