#!/usr/bin/env python3
"""Prototype of the QLoRA mechanisms M1-M3 of docs/research/fidelity-2.md §5 on the validation table.

usage (from the repository root, after `mvn -B -o package -DskipTests`): python3 docs/research/qlora_prototype.py
Adds each mechanism's bytes (computed from the case's config) to today's per-case estimate and prints the
validate groups (MdAPE / P90 / bias). Estimator code is not changed.
"""
import json, subprocess, sys
sys.path.insert(0, "docs/research")
from ranges import percentile
cases=[json.loads(l) for l in open("src/main/resources/validation/public-cases.jsonl") if l.strip()]
out=subprocess.run(["java","-jar","target/finetune-planner.jar","estimate","--batch","-"],input="\n".join(json.dumps(c["scenario"]) for c in cases)+"\n",capture_output=True,text=True).stdout.splitlines()
res=[json.loads(l) for l in out]
GIB=2**30
def linear_params(cfg):
    h=cfg.get("hidden_size") or cfg.get("n_embd"); L=cfg.get("num_hidden_layers") or cfg.get("n_layer")
    a=cfg.get("num_attention_heads") or cfg.get("n_head"); kv=cfg.get("num_key_value_heads",a); d=h//a
    I=cfg.get("intermediate_size") or cfg.get("n_inner") or 4*h
    gated = cfg.get("model_type") in ("llama","mistral","qwen2")
    mlp=(3 if gated else 2)*h*I
    return L*(h*a*d+2*h*kv*d+a*d*h+mlp), h*I
def stats(pairs):
    e=sorted(pairs); a=sorted(abs(x) for x in pairs)
    return f"n={len(e):2d} MdAPE {100*percentile(a,.5):4.0f}% P90 {100*percentile(a,.9):4.0f}% bias {100*percentile(e,.5):+4.0f}%"
def table(adj, label):
    g={}
    for c,r in zip(cases,res):
        ex=c["expected"]
        if not ex.get("complete") or not ex.get("peak_gib"): continue
        p=r["memory_gib"][ex.get("metric","peak_allocated")]+adj.get(c["id"],0)
        e=(p-ex["peak_gib"])/ex["peak_gib"]
        m=c["scenario"]["method"]["type"]; multi=c["scenario"]["hardware"].get("gpu_count",1)>1
        for k in ("all","method="+m,"multi-GPU" if multi else "single-GPU"): g.setdefault(k,[]).append(e)
    print(label)
    for k in ("all","method=full","method=lora","method=qlora","single-GPU","multi-GPU"): print(f"  {k:14s} {stats(g[k])}")
base={}
table(base,"today")
# M1: nf4 without double quantisation (LitGPT --quantize bnb.nf4 = Lightning _NF4Linear, compress_statistics False)
m1={}
for c in cases:
    if c["id"].startswith("lit-rt") and "qlora-nf4-mb" in c["id"]:
        lp,_=linear_params(c["scenario"]["model"]["config"]); m1[c["id"]]=lp*(0.5-(8/64+32/(64*256)))/8/GIB
print({k:round(v,3) for k,v in m1.items()})
table(m1,"M1 double-quant key (nf4 rows 4.5 bit)")
# M2: torchao<=0.1 NF4 quantisation at load: (value-nf4).abs() on numel x 16 bf16 -> ~68 B per element of the largest linear, kept by the caching allocator: reserved >= weights + 68*numel_max
m2={}
for c,r in zip(cases,res):
    if c["id"] in ("tt-2404-l2-7b-qlora-4090","tt-tut-l2-7b-qlora"):
        _,hI=linear_params(c["scenario"]["model"]["config"])
        init=r["memory_gib"]["weights"]+68*hI/GIB
        m2[c["id"]]=max(0,init-r["memory_gib"]["peak_reserved"])
print({k:round(v,3) for k,v in m2.items()})
both=dict(m1); both.update(m2)
table(m2,"M2 torchao<=0.1 load-time NF4 transient kept in reserved (torchtune 2024-04/05, not compiled)")
table(both,"M1 + M2")
# M3: Lightning BitsandbytesPrecision converts every nn.Linear incl. LitGPT's lm_head (ignore_modules empty):
# head weight NF4 instead of bf16; the head becomes the largest dequantised linear (2 B x V x h transient)
m3={}
for c in cases:
    if c["id"].startswith("lit-rt") and "qlora" in c["id"] and "oom" not in c["id"]:
        cfg=c["scenario"]["model"]["config"]; h=cfg.get("hidden_size") or cfg.get("n_embd"); V=cfg["vocab_size"]
        _,hI=linear_params(cfg); head=V*h
        m3[c["id"]]=(-head*(2-0.5159)+max(0,head-hI)*2)/GIB
print({k:round(v,3) for k,v in m3.items()})
allm=dict(m1); allm.update(m2)
for k,v in m3.items(): allm[k]=allm.get(k,0)+v
table(allm,"M1 + M2 + M3")
