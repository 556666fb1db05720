#!/usr/bin/env python3
"""Rebuild the bundled catalogs (assets/gpus.json, assets/models.json) from the reference tables.

Usage (from the repository root):

    python3 assets/build_catalogs.py REFERENCE_DIR

REFERENCE_DIR holds the team's reference `gpus.json` and `models.json` (the shared `reference/` folder). The
transformation is deterministic: running it twice on the same input gives byte-identical output.

What it does:
- gpus.json: every GPU keeps its id, specs, sources, notes and every dated price observation. Fields added:
  - `interconnect.host_gbps_unidirectional`, the host link per direction in GB/s, read from the `pcie` text
    (PCIe x16 per direction: Gen3 16, Gen4 32, Gen5 64 GB/s = half the bidirectional figure the table states);
    a Grace-hosted GB200 uses NVLink-C2C (900 GB/s bidirectional per superchip of 2 GPUs → 225 GB/s per GPU and
    direction). `usable_memory_mib` stays null where no source measured it: the loader applies its documented rule.
  - `interconnect.nvlink_domain_gpus`, a rack-scale NVLink domain, read from the `type` text ("NVL72": 72 GPUs
    share one NVSwitch domain across the trays of a GB200 NVL72 rack, so collectives among them run at NVLink
    speed though each tray is a node of 4); other GPUs leave it out (their NVLink or xGMI domain is the node).
  - `caveats`: the facts a buyer must know ([{id, sources}]), from the CAVEATS table below, which transcribes
    the team's reference/gpu-caveats.md (§1–§5; its source keys S1–S16 are the `caveat_sources` at the top of
    the file). Facts that file marks unconfirmed (⚠U) are left out: they are never hard rules here.
  - `rental_unit` ({gpus, sources}) where the GPU is only rented in groups whatever the offer (GB200: trays of
    4, S7/S11); an offer's own `gpus_per_instance` rounds counts too (core.cost.PriceRule).
  - `devices_per_card` ({devices, sources, card}) for a card that shows the software several devices (MI250X:
    two 64 GB GCDs, S6). Its figures become per device: memory_gb, tflops, memory_bandwidth_tbs, tdp_w and every
    price per GPU-hour are divided by the devices (prices: gpus_per_instance multiplied), the card's own figures
    kept under `devices_per_card.card`, and the name says "per GCD". Counts in a plan are then devices.
- models.json: every preset keeps its `config` map exactly as the reference copied it from `config.json`
  (including nulls, which a real config.json may hold) plus id, name, family, hf_repo, official and computed
  parameters, license, sources and notes.
"""
import json
import re
import sys
from pathlib import Path

PCIE_X16_UNIDIRECTIONAL = {"3": 16.0, "4": 32.0, "5": 64.0}

# The source keys of reference/gpu-caveats.md §0, as it cites them.
CAVEAT_SOURCES = {
    "S1": "Transformer Engine support matrix (NVIDIA/TransformerEngine docs/support_matrix.rst; "
          "transformer_engine/pytorch/quantization.py; README: FP8 requires Compute Capability 8.9+)",
    "S2": "PyTorch BF16 below CC 8.0: pytorch/pytorch issue #124996 and PR #148322 (BF16 software-emulated, slow); "
          "torch/amp/autocast_mode.py ('Current CUDA Device does not support bfloat16'); unsloth/__init__.py "
          "(including_emulation)",
    "S3": "Dao-AILab/flash-attention README.md (FA2: Ampere, Ada, Hopper; FA3: H100; ROCm CK and Triton backends) "
          "and setup.py (FLASH_ATTN_CUDA_ARCHS, ROCm allowed_archs)",
    "S4": "bitsandbytes-foundation/bitsandbytes docs/source/installation.mdx (0.48.0-0.50.x); #1683 ROCm backend "
          "(0.47.0); #1856, #1873 blocksize-64 4-bit on ROCm (0.49.2); issue #1271",
    "S5": "Unsloth AMD install docs (unsloth.ai/docs/get-started/install/amd.md: MI300X); unsloth/device_type.py "
          "and kernels/utils.py (is_cdna: gfx940/941/942/950)",
    "S6": "ROCm/ROCm docs: conceptual/gpu-arch/mi250.md (two GCDs per OAM, each one GPU device), mi300.md, "
          "reference/gpu-arch-specs.rst, reference/precision-support.rst (MI200 FP8 no; MI300 FP8 FNUZ); "
          "ROCm/TransformerEngine issue #359",
    "S7": "AWS Specifications for Amazon EC2 accelerated computing instances (per-instance GPU count and host "
          "RAM; p6e-gb200.36xlarge = 4 GPUs with Grace arm64 hosts, sold in UltraServers of 36 or 72)",
    "S10": "PCIe P2P on consumer cards: tinygrad/open-gpu-kernel-modules README (4090 P2P disabled in the stock "
           "driver); huggingface/accelerate utils/environment.py check_cuda_p2p_ib_support (RTX 40)",
    "S11": "NVLink figures and topology: MLPerf inference_results_v4.1 system descriptions, scaleway docs (H100 SXM "
           "900 GB/s vs PCIe 128 GB/s), NVIDIA GA102 whitepaper (2-way NVLink 112.5 GB/s), hardwareluxx (Ada "
           "cards have no NVLink), GB200 NVL72 tray = 2 Grace + 4 Blackwell",
    "S12": "ECC: public nvidia-smi samples (Volatile Uncorr. ECC 'N/A' on RTX 3090 and RTX 5090, 'Off' on RTX "
           "4090, RTX 6000 Ada, RTX 4000 Ada); notebookcheck (RTX 5090 has no ECC toggle); Chaos support (RTX "
           "4090 ECC toggle, off by default)",
    "S13": "pytorch/pytorch #157517 (CUDA 12.8/12.9 wheels of PyTorch 2.8+ omit sm_70); NVIDIA/cuDecomp PR #97 "
           "(CUDA 13.0 dropped Volta); bitsandbytes CUDA-13 wheels sm75+ only",
}

AMPERE_NO_FP8 = ["a100-sxm-40gb", "a100-sxm-80gb", "a100-pcie-80gb", "a10g-24gb", "a10-24gb", "rtx-a6000-48gb",
                 "rtx-3090-24gb"]
VOLTA_TURING = ["v100-sxm2-16gb", "v100-sxm2-32gb", "t4-16gb"]
ADA = ["l40s-48gb", "l40-48gb", "l4-24gb", "rtx-6000-ada-48gb", "rtx-4000-ada-20gb", "rtx-4090-24gb"]
INSTINCT = ["mi300x-192gb", "mi325x-256gb", "mi250x-128gb"]

# reference/gpu-caveats.md §5 (and the rows of §1-§4 behind it): caveat id -> (GPU ids, source keys). Only
# confirmed facts; the file's ⚠U entries (no-p2p on RTX 5090/3090 and cloud L40S, A10's missing datasheet, the
# optional bridges of H100/A100 PCIe) are left out.
CAVEATS = [
    ("no-bf16", VOLTA_TURING, ["S2"]),
    ("no-fp8", AMPERE_NO_FP8 + VOLTA_TURING, ["S1"]),
    ("no-fp8", ["mi250x-128gb"], ["S6"]),
    ("fp8-ada-limited", ADA, ["S1"]),
    ("fp8-blackwell-consumer", ["rtx-5090-32gb"], ["S1"]),
    ("rocm-fp8", ["mi300x-192gb", "mi325x-256gb"], ["S6"]),
    ("no-flash-attn-2", VOLTA_TURING, ["S3"]),
    ("rocm-flash-attention", INSTINCT, ["S3"]),
    ("rocm-bitsandbytes", INSTINCT, ["S4"]),
    ("rocm-unsloth", INSTINCT, ["S5"]),
    ("blackwell-stack", ["b200-sxm-180gb", "gb200-per-gpu", "rtx-5090-32gb"], ["S3", "S13"]),
    ("no-nvlink", ["l40s-48gb", "l40-48gb", "l4-24gb", "a10g-24gb", "rtx-6000-ada-48gb", "rtx-4000-ada-20gb",
                   "rtx-4090-24gb", "rtx-5090-32gb", "t4-16gb"], ["S11"]),
    ("nvlink-pairs-only", ["rtx-3090-24gb", "rtx-a6000-48gb", "h100-nvl-94gb"], ["S11"]),
    ("no-p2p", ["rtx-4090-24gb"], ["S10"]),
    ("no-ecc", ["rtx-5090-32gb", "rtx-3090-24gb"], ["S12"]),
    ("ecc-off-by-default", ["rtx-4090-24gb", "rtx-6000-ada-48gb", "rtx-4000-ada-20gb"], ["S12"]),
    ("legacy-cuda-arch", ["v100-sxm2-16gb", "v100-sxm2-32gb"], ["S13"]),
    ("arm64-host", ["gb200-per-gpu"], ["S7"]),
    ("multi-device-card", ["mi250x-128gb"], ["S6"]),
    ("rental-unit", ["gb200-per-gpu"], ["S7", "S11"]),
]

# GPUs rented only in groups whatever the offer: GPUs per group and the sources.
RENTAL_UNITS = {"gb200-per-gpu": (4, ["S7", "S11"])}

# Cards that show the software several devices: devices per card and the sources.
DEVICES_PER_CARD = {"mi250x-128gb": (2, ["S6"])}
GB200_C2C_PER_GPU_UNIDIRECTIONAL = 900.0 / 2 / 2


def host_link(gpu):
    pcie = gpu["interconnect"].get("pcie", "")
    if "NVLink-C2C" in pcie:
        return GB200_C2C_PER_GPU_UNIDIRECTIONAL, "NVLink-C2C 900 GB/s bidirectional per Grace superchip of 2 GPUs"
    match = re.search(r"PCIe Gen(\d)\s*x16", pcie)
    if not match or match.group(1) not in PCIE_X16_UNIDIRECTIONAL:
        raise SystemExit(f"{gpu['id']}: cannot read the host link from interconnect.pcie = {pcie!r}")
    gen = match.group(1)
    return PCIE_X16_UNIDIRECTIONAL[gen], f"PCIe Gen{gen} x16 per direction"


def nvlink_domain(gpu):
    match = re.search(r"NVL(\d+)", gpu["interconnect"].get("type", ""))
    return int(match.group(1)) if match else None


def per_device(gpu, devices, sources):
    """A card of several devices becomes one device: its figures divided, the card's kept beside them."""
    card = {key: gpu[key] for key in ("name", "memory_gb", "memory_bandwidth_tbs", "tdp_w")}
    card["tflops"] = dict(gpu["tflops"])
    gpu["name"] = gpu["name"].replace(f" {gpu['memory_gb']}GB", "") + \
        f" (per GCD: {gpu['memory_gb'] // devices} GB, {devices} per card)"
    gpu["memory_gb"] = gpu["memory_gb"] / devices
    gpu["memory_bandwidth_tbs"] = gpu["memory_bandwidth_tbs"] / devices
    gpu["tdp_w"] = gpu["tdp_w"] // devices
    gpu["tflops"] = {k: (v / devices if isinstance(v, (int, float)) else v) for k, v in gpu["tflops"].items()}
    for price in gpu.get("prices", []):
        price["usd_per_gpu_hour"] = price["usd_per_gpu_hour"] / devices
        price["gpus_per_instance"] = price["gpus_per_instance"] * devices
    gpu["devices_per_card"] = {"devices": devices, "sources": sources, "card": card}


def build_gpus(reference):
    ids = {gpu["id"] for gpu in reference}
    for caveat, gpu_ids, sources in CAVEATS:
        unknown = set(gpu_ids) - ids
        if unknown or set(sources) - set(CAVEAT_SOURCES):
            raise SystemExit(f"caveat {caveat}: unknown GPU ids {sorted(unknown)} or sources {sources}")
    gpus = []
    for gpu in reference:
        gpu = json.loads(json.dumps(gpu))
        rate, rule = host_link(gpu)
        gpu["interconnect"]["host_gbps_unidirectional"] = rate
        gpu["interconnect"]["host_rule"] = rule
        domain = nvlink_domain(gpu)
        if domain:
            gpu["interconnect"]["nvlink_domain_gpus"] = domain
        gpu["caveats"] = [{"id": caveat, "sources": sources} for caveat, gpu_ids, sources in CAVEATS
                          if gpu["id"] in gpu_ids]
        if gpu["id"] in RENTAL_UNITS:
            unit, sources = RENTAL_UNITS[gpu["id"]]
            gpu["rental_unit"] = {"gpus": unit, "sources": sources}
        if gpu["id"] in DEVICES_PER_CARD:
            devices, sources = DEVICES_PER_CARD[gpu["id"]]
            per_device(gpu, devices, sources)
        gpus.append(gpu)
    return {
        "format": "finetune-planner-gpus/1",
        "about": "GPU catalog: dense peak TFLOPS, memory, interconnect, power and dated rental prices per "
                 "provider with their sources, and the caveats a buyer must know with theirs. Built by "
                 "assets/build_catalogs.py from the reference gpus.json and gpu-caveats.md.",
        "caveat_sources": CAVEAT_SOURCES,
        "gpus": gpus,
    }


MODEL_KEYS = ["id", "name", "family", "hf_repo", "config", "official_parameters", "official_non_embedding_parameters",
              "computed_parameters", "computed_non_embedding_parameters", "computed_details", "defaults_applied",
              "license", "sources", "notes", "disagreement"]


def build_models(reference):
    models = []
    for model in reference:
        unknown = set(model) - set(MODEL_KEYS)
        if unknown:
            raise SystemExit(f"{model['id']}: unexpected keys {sorted(unknown)}")
        if not isinstance(model.get("config"), dict):
            raise SystemExit(f"{model['id']}: config must be an object")
        models.append({key: model[key] for key in MODEL_KEYS if key in model})
    return {
        "format": "finetune-planner-models/1",
        "about": "Model presets: each `config` is a Hugging Face config.json map, read exactly as an opened "
                 "config.json. Built by assets/build_catalogs.py from the reference models.json.",
        "models": models,
    }


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    reference = Path(sys.argv[1])
    out = Path(__file__).resolve().parent
    for name, build in (("gpus.json", build_gpus), ("models.json", build_models)):
        data = build(json.loads((reference / name).read_text(encoding="utf-8")))
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        (out / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(data['gpus' if name == 'gpus.json' else 'models'])} entries")


if __name__ == "__main__":
    main()
