#!/usr/bin/env python3
"""Rebuild the bundled catalogs (assets/gpus.json, assets/models.json) from the reference tables.

Usage (from the repository root):

    python3 assets/build_catalogs.py REFERENCE_DIR

REFERENCE_DIR holds the team's reference `gpus.json` and `models.json` (the shared `reference/` folder). The
transformation is deterministic: running it twice on the same input gives byte-identical output.

What it does:
- gpus.json: every GPU keeps its id, specs, sources, notes and every dated price observation. One field is added:
  `interconnect.host_gbps_unidirectional`, the host link per direction in GB/s, read from the `pcie` text
  (PCIe x16 per direction: Gen3 16, Gen4 32, Gen5 64 GB/s = half the bidirectional figure the table states);
  a Grace-hosted GB200 uses NVLink-C2C (900 GB/s bidirectional per superchip of 2 GPUs → 225 GB/s per GPU and
  direction). `usable_memory_mib` stays null where no source measured it: the loader applies its documented rule.
  A rack-scale NVLink domain is added as `interconnect.nvlink_domain_gpus`, read from the `type` text ("NVL72":
  72 GPUs share one NVSwitch domain across the trays of a GB200 NVL72 rack, so collectives among them run at NVLink
  speed though each tray is a node of 4); other GPUs leave it out (their NVLink or xGMI domain is the node).
- models.json: every preset keeps its `config` map exactly as the reference copied it from `config.json`
  (including nulls, which a real config.json may hold) plus id, name, family, hf_repo, official and computed
  parameters, license, sources and notes.
"""
import json
import re
import sys
from pathlib import Path

PCIE_X16_UNIDIRECTIONAL = {"3": 16.0, "4": 32.0, "5": 64.0}
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


def build_gpus(reference):
    gpus = []
    for gpu in reference:
        gpu = json.loads(json.dumps(gpu))
        rate, rule = host_link(gpu)
        gpu["interconnect"]["host_gbps_unidirectional"] = rate
        gpu["interconnect"]["host_rule"] = rule
        domain = nvlink_domain(gpu)
        if domain:
            gpu["interconnect"]["nvlink_domain_gpus"] = domain
        gpus.append(gpu)
    return {
        "format": "finetune-planner-gpus/1",
        "about": "GPU catalog: dense peak TFLOPS, memory, interconnect, power and dated rental prices per "
                 "provider with their sources. Built by assets/build_catalogs.py from the reference gpus.json.",
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
