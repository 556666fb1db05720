#!/usr/bin/env python3
"""Derives tokens/s speed cases from MLPerf Training's Llama-2-70B LoRA results (rounds v4.0-v5.1).

Usage:  python3 mlperf_speed_cases.py DIR > cases.jsonl
  DIR holds git clones of mlcommons/training_results_v4.0, _v4.1, _v5.0, _v5.1 (each as
  DIR/training_results_vX.Y, or DIR/mlcommons+training_results_vX.Y/repo); the script reads the
  committed result logs with `git show HEAD:...` and prints one case per selected system.

Method (docs/research/fidelity-2.md, "MLPerf method"):
  * MLPerf's score is the wall time from `run_start` to `run_stop` (initialisation is before
    `run_start` and not timed; NVIDIA and AMD also run warm-up steps there, WARMUP=True), averaged
    over the runs without the fastest and slowest. It includes every evaluation (173 samples each).
  * Here: per run, training seconds = (run_stop - run_start) - sum(eval_stop - eval_start); trained
    tokens = samples_count at run_stop x 8192 (the GovReport set is packed to exactly 8192 tokens per
    sample). tokens/s = tokens / training seconds; the case takes the median over the successful runs.
  * The first training block after run_start is included (no warm-up is left out beyond MLPerf's own).
"""
import json
import os
import statistics
import subprocess
import sys

SEQ = 8192
ROUNDS = {"4.0": "6fe954378efe4a1a1bd665550b18ff8f26018def", "4.1": "b87b9e396f771345d4ef122ba33456304f15228d",
          "5.0": "0fdc28f013256aea84fa36fdaf1e0fa46094b18c", "5.1": "441d65f4445cd59687466533fd9f55399136e7a4"}

# (round, submitter, results dir, catalog gpu, gpus per node, config file, TP, CP, checkpointing, note)
N = "NVIDIA/benchmarks/llama2_70b_lora/implementations/"
A5 = "AMD/benchmarks/llama2_70b_lora/implementations/MI300X_EPYC_9575F_pytorch/"
A51 = "AMD/benchmarks/llama2_70b_lora/implementations/"
SYSTEMS = [
    ("4.0", "NVIDIA", "eos_ngc24.04_nemo", "h100-sxm-80gb", 8, N + "nemo/config_DGXH100_1x8x4xtp4pp1cp1.sh", 4, 1, "none", ""),
    ("4.0", "NVIDIA", "eos_n8_ngc24.04_nemo", "h100-sxm-80gb", 8, N + "nemo/config_DGXH100_8x8x1xtp4pp1cp2.sh", 4, 2, "none", ""),
    ("4.0", "NVIDIA", "eos_n128_ngc24.04_nemo", "h100-sxm-80gb", 8, N + "nemo/config_DGXH100_128x8x1xtp4pp1cp2.sh", 4, 2, "none", ""),
    ("4.0", "NVIDIA", "h200_ngc24.04_nemo", "h200-sxm-141gb", 8, N + "nemo/config_DGXH200_1x8x2xtp2pp1cp1.sh", 2, 1, "none", ""),
    ("4.0", "NVIDIA", "l40s_n16_ngc24.04_nemo", "l40s-48gb", 4, N + "nemo/config_L40S_16x4x2xtp4pp1cp2.sh", 4, 2, "none",
     "L40S nodes of 4 GPUs on PCIe (no NVLink): TP4 within a node over PCIe, CP2 and DP across nodes. "),
    ("4.0", "NVIDIA", "l40s_n96_ngc24.04_nemo", "l40s-48gb", 4, N + "nemo/config_L40S_96x4x1xtp4pp1cp2.sh", 4, 2, "none",
     "L40S nodes of 4 GPUs on PCIe (no NVLink). "),
    ("4.1", "NVIDIA", "eos_ngc24.09_nemo", "h100-sxm-80gb", 8, N + "eos_ngc24.09_nemo/config_DGXH100_1x8x4xtp4pp1cp1.sh", 4, 1, "none", ""),
    ("4.1", "NVIDIA", "eos_n8_ngc24.09_nemo", "h100-sxm-80gb", 8, N + "eos_n8_ngc24.09_nemo/config_DGXH100_8x8x1xtp4pp1cp2.sh", 4, 2, "none",
     "Layer CUDA graphs on (LAYER_CUDA_GRAPH=1), SHARP in-network reduction. "),
    ("4.1", "NVIDIA", "eos_n128_ngc24.09_nemo", "h100-sxm-80gb", 8, N + "eos_n128_ngc24.09_nemo/config_DGXH100_128x8x1xtp4pp1cp2.sh", 4, 2, "none",
     "Layer CUDA graphs on, SHARP. "),
    ("4.1", "NVIDIA", "h200_ngc24.09_nemo", "h200-sxm-141gb", 8, N + "h200_ngc24.09_nemo/config_DGXH200_1x8x2xtp1pp1cp2.sh", 1, 2, "none", ""),
    ("4.1", "NVIDIA", "b200_preview_nemo", "b200-sxm-180gb", 8, N + "b200_preview_nemo/config_DGXB200_1x8x2xtp1pp1cp2.sh", 1, 2, "none",
     "B200 in MLPerf's 'preview' category (system not yet available then). "),
    ("4.1", "Dell", "XE8640x4H100-SXM-80GB", "h100-sxm-80gb", 4, "Dell/benchmarks/llama2_70b_lora/implementations/nemo/config_XE8640_1x4x4xtp4pp1cp1_2.sh", 4, 1, "none",
     "Dell's run of NVIDIA's NeMo recipe on a 4-GPU H100 SXM node (the only 4-GPU config with a public file). "),
    ("5.0", "NVIDIA", "nyx_n1_ngc25.04_nemo", "b200-sxm-180gb", 8, N + "nyx_n1_ngc25.04_nemo/config_DGXB200_1x8x1xtp1pp1cp1.sh", 1, 1, "none",
     "No model parallelism: every B200 holds the whole FP8 model (fp8_params). "),
    ("5.0", "NVIDIA", "tyche_ngpu8_ngc25.04_nemo", "gb200-per-gpu", 4, N + "tyche_ngpu8_ngc25.04_nemo/config_GB200_2x4x1xtp1pp1cp1.sh", 1, 1, "none",
     "Two GB200 trays of 4 GPUs in one NVL72 rack (NVLink between trays). "),
    ("5.0", "NVIDIA", "tyche_ngpu72_ngc25.04_nemo", "gb200-per-gpu", 4, N + "tyche_ngpu72_ngc25.04_nemo/config_GB200_18x4x1xtp1pp1cp8.sh", 1, 8, "none",
     "One NVL72 rack (18 trays x 4); CP8 spans two trays over NVLink; full-iteration CUDA graphs (MCORE_CUDA_GRAPH=1). "),
    ("5.0", "NVIDIA", "tyche_ngpu512_ngc25.04_nemo", "gb200-per-gpu", 4, N + "tyche_ngpu512_ngc25.04_nemo/config_GB200_128x4x1xtp1pp1cp8.sh", 1, 8, "none",
     "Several NVL72 racks (128 trays x 4); CP8. "),
    ("5.0", "AMD", "MI300X_EPYC_9575F_pytorch", "mi300x-192gb", 8, A5 + "config_MI300X_1x8x1.sh", 1, 1, "none",
     "AMD's NeMo/Transformer Engine port on ROCm. APPROXIMATION: the config checkpoints 21 of the 80 layers "
     "(ACG=full, ACM=block, ACL=21), which the scenario format cannot say; 'none' is given, so an exact model "
     "would run about 21/80 of one extra forward more (~ +9 % of a LoRA step's FLOPs). "),
    ("5.0", "AMD", "MI325X_EPYC_9575F_pytorch", "mi325x-256gb", 8, A5 + "config_MI325X_1x8x1.sh", 1, 1, "none",
     "AMD's NeMo/Transformer Engine port on ROCm; no checkpointing on the 256 GB card. "),
    ("5.1", "NVIDIA", "tyche_ngpu72_ngc25.09_nemo", "gb200-per-gpu", 4, N + "nemo/config_GB200_18x4x1xtp1pp1cp8.sh", 1, 8, "none",
     "One NVL72 rack, CP8, FP8 (the round's 8-GPU GB200 entry used NVFP4 and is not a case: no fp4 precision in the format). "),
    ("5.1", "NVIDIA", "tyche_ngpu512_ngc25.09_nemo", "gb200-per-gpu", 4, N + "nemo/config_GB200_128x4x1xtp1pp1cp8.sh", 1, 8, "none", ""),
    ("5.1", "AMD", "MI300X_EPYC_9575F_pytorch_llama2_70b", "mi300x-192gb", 8,
     A51 + "MI300X_EPYC_9575F_pytorch_llama2_70b/config_MI300X_1x8x1.sh", 1, 1, "none",
     "APPROXIMATION as in v5.0: 21 of 80 layers checkpointed (ACL=21), given as 'none'. "),
    ("5.1", "AMD", "MI325X_EPYC_9575F_pytorch_llama2_70b", "mi325x-256gb", 8,
     A51 + "MI325X_EPYC_9575F_pytorch_llama2_70b/config_MI325X_1x8x1.sh", 1, 1, "none", ""),
]


def repo_dir(base, v):
    for cand in (os.path.join(base, f"training_results_v{v}"),
                 os.path.join(base, f"mlcommons+training_results_v{v}", "repo")):
        if os.path.isdir(cand):
            return cand
    raise SystemExit(f"no clone of training_results_v{v} under {base}")


def git_show(d, path):
    return subprocess.check_output(["git", "-C", d, "show", f"HEAD:{path}"], text=True, errors="replace",
                                   stderr=subprocess.DEVNULL)


def runs(d, sub, system):
    files = subprocess.check_output(["git", "-C", d, "ls-tree", "--name-only", "HEAD",
                                     f"{sub}/results/{system}/llama2_70b_lora/"], text=True).split()
    out = []
    for f in files:
        if not os.path.basename(f).startswith("result_"):
            continue
        ev = []
        for line in git_show(d, f).splitlines():
            i = line.find(":::MLLOG ")
            if i >= 0:
                try:
                    ev.append(json.loads(line[i + 9:]))
                except ValueError:
                    pass
        key = {e.get("key") for e in ev}
        if "run_start" not in key or "run_stop" not in key:
            continue
        start = next(e for e in ev if e["key"] == "run_start")["time_ms"]
        stop = [e for e in ev if e["key"] == "run_stop"][-1]
        if stop.get("metadata", {}).get("status") != "success":
            continue
        evals, open_e = 0, None
        for e in ev:
            if e["key"] == "eval_start":
                open_e = e["time_ms"]
            elif e["key"] == "eval_stop" and open_e is not None:
                evals += e["time_ms"] - open_e
                open_e = None
        meta = {e["key"]: e.get("value") for e in ev if e["key"] in ("global_batch_size", "gradient_accumulation_steps")}
        samples = stop["metadata"]["samples_count"]
        out.append(dict(file=f, run_s=(stop["time_ms"] - start) / 1000, eval_s=evals / 1000, samples=samples,
                        tps=samples * SEQ / ((stop["time_ms"] - start - evals) / 1000), **meta))
    return out


def case(base, sysrow):
    v, sub, system, gpu, per_node, config, tp, cp, ckpt, extra = sysrow
    d = repo_dir(base, v)
    rs = runs(d, sub, system)
    sysj = json.loads(git_show(d, f"{sub}/systems/{system}.json"))
    n = int(sysj["number_of_nodes"]) * int(sysj["accelerators_per_node"])
    gbs, ga = rs[0]["global_batch_size"], rs[0]["gradient_accumulation_steps"]
    dp = n // (tp * cp)
    mbs = gbs // (dp * ga)
    assert mbs * dp * ga == gbs, (system, gbs, dp, ga)
    times = sorted(r["run_s"] for r in rs)
    score = statistics.mean(times[1:-1]) / 60 if len(times) > 2 else statistics.mean(times) / 60
    tps = statistics.median(r["tps"] for r in rs)
    spread = (min(r["tps"] for r in rs), max(r["tps"] for r in rs))
    evshare = statistics.median(r["eval_s"] / r["run_s"] for r in rs)
    samples = sorted(r["samples"] for r in rs)
    git_show(d, config)  # the config must exist at this commit
    fp8 = True  # every selected config sets FP8=True itself or in its config_common.sh (checked by hand)
    requires = ["training.framework=megatron"]
    hw = {"gpu": gpu, "gpu_count": n, "gpus_per_node": min(per_node, n), "sharding": "ddp", "offload": "none"}
    if tp > 1:
        hw["tensor_parallel"] = tp
        requires.append("hardware.tensor_parallel")
        requires.append("sequence parallelism with TP (SP=1 in the config; no key in the spec)")
    if cp > 1:
        hw["context_parallel"] = cp
        requires.append("hardware.context_parallel")
    cid = f"mlperf-v{v}-{sub.lower()}-{system.lower().replace('_', '-')}"
    notes = (f"MLPerf Training v{v} closed division, {sub} system '{system}' ({sysj['accelerator_model_name']}, "
             f"{sysj['number_of_nodes']} node(s) x {sysj['accelerators_per_node']}; {sysj.get('framework', '')}). "
             f"Llama-2-70B LoRA r16 alpha 32 on the fused QKV and output projections (NeMo target_modules "
             f"['attention']), adapter dropout 0.1, GovReport (SCROLLS) packed to 8192 tokens per sample, "
             f"{'FP8 (Transformer Engine, fp8_params)' if fp8 else 'BF16'}, fused Adam, global batch {gbs} = micro-batch {mbs} "
             f"x DP {dp} x accumulation {ga}; TP {tp}, PP 1, CP {cp}. {extra}"
             f"Derivation: per run, tokens = samples at run_stop x 8192 and training time = (run_stop - run_start) "
             f"- evaluation intervals; median of {len(rs)} successful runs = {tps:.0f} tokens/s "
             f"({tps / n:.0f} per GPU; runs {spread[0]:.0f}-{spread[1]:.0f}). Samples to the 0.925 eval-loss target: "
             f"{samples[0]}-{samples[-1]}. MLPerf score (mean of the runs without the fastest and slowest) "
             f"{score:.2f} min, of which evaluation is {100 * evshare:.0f} %. Initialisation and warm-up steps "
             f"(WARMUP=True) are outside MLPerf's timed region.")
    scenario = {
        "format": "finetune-plan/1", "name": cid,
        "model": {"preset": "llama-2-70b"},
        "method": {"type": "lora", "rank": 16, "alpha": 32, "targets": ["q", "k", "v", "o"], "extra_trainable": []},
        "training": {"precision": "fp8" if fp8 else "bf16", "master_weights": False, "optimizer": "adamw",
                     "micro_batch_size": mbs, "sequence_length": SEQ, "gradient_accumulation_steps": ga,
                     "activation_checkpointing": ckpt, "attention": "flash", "loss": "standard",
                     "framework": "megatron", "compile": False},
        "hardware": hw,
    }
    return {"id": cid, "scenario": scenario,
            "expected": {"metric": "tokens_per_second", "tokens_per_second": round(tps), "complete": True},
            "requires": requires,
            "source": {"title": f"MLPerf Training v{v} results, {sub} {system}, llama2_70b_lora",
                       "repo": f"mlcommons/training_results_v{v}", "path": f"{sub}/results/{system}/llama2_70b_lora/",
                       "commit": ROUNDS[v], "location": f"result_*.txt MLLOG run_start/run_stop/eval_start/eval_stop; "
                                                         f"config {config}; system {sub}/systems/{system}.json"},
            "notes": notes}


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else "."
    for row in SYSTEMS:
        print(json.dumps(case(base, row), ensure_ascii=False))
