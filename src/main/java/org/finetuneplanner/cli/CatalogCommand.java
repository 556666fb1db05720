package org.finetuneplanner.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.cost.PriceRule;
import org.finetuneplanner.core.cost.Rental;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.service.catalog.CatalogModel;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.io.SafeText;

/** {@code catalog gpus|models [--json]}: the ids a scenario may name, with the figures behind them. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"Lists the bundled GPUs or model presets: the ids that hardware.gpu and model.preset accept."})
final class CatalogCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "gpus|models", description = "what to list: gpus or models")
    private String kind;

    @Option(names = "--json", description = "print a JSON array instead of a table")
    private boolean json;

    private final CliContext context;

    CatalogCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String what = kind.strip().toLowerCase(Locale.ROOT);
        if (!what.equals("gpus") && !what.equals("models")) {
            throw new ParameterException(spec.commandLine(), "catalog " + kind + ": expected gpus or models");
        }
        Catalogs catalogs = context.scenarios().catalogs();
        PrintWriter out = context.out();
        if (what.equals("gpus")) {
            if (json) {
                ArrayNode array = SafeJson.nodes().arrayNode();
                catalogs.gpus().forEach(gpu -> array.add(gpuJson(gpu)));
                out.println(SafeJson.pretty(array));
            } else {
                out.printf(Locale.ROOT, "%-20s %-48s %8s %9s %4s %10s %5s  %s%n", "id", "name", "GiB", "bf16 TF",
                        "fp8", "$/GPU-h", "unit", "price (the rule of estimate and plan, for one GPU)");
                for (GpuSpec gpu : catalogs.gpus()) {
                    Rental price = PriceRule.rent(gpu, Optional.empty(), 1).orElse(null);
                    out.printf(Locale.ROOT, "%-20s %-48s %8.2f %9.1f %4s %10s %5s  %s%n", SafeText.escape(gpu.id()),
                            SafeText.escape(gpu.name()),
                            gpu.usableMemoryGib(), gpu.tflops().dense(Precision.BF16),
                            gpu.fp8Supported() ? "yes" : "no",
                            price == null ? "-" : String.format(Locale.ROOT, "%.2f", price.usdPerGpuHour()),
                            price == null ? "-" : String.valueOf(price.unit()),
                            price == null ? "no listed price"
                                    : SafeText.escape(price.provider() + " (" + price.seen() + ")"
                                    + (price.origin() == PriceOrigin.MARKETPLACE ? ", marketplace" : "")));
                }
            }
        } else if (json) {
            ArrayNode array = SafeJson.nodes().arrayNode();
            catalogs.models().forEach(model -> array.add(modelJson(model)));
            out.println(SafeJson.pretty(array));
        } else {
            out.printf(Locale.ROOT, "%-30s %-34s %-14s %-24s %s%n", "id", "name", "family", "official", "hf_repo");
            for (CatalogModel model : catalogs.models()) {
                out.printf(Locale.ROOT, "%-30s %-34s %-14s %-24s %s%n", SafeText.escape(model.id()),
                        SafeText.escape(model.name()), SafeText.escape(model.family()),
                        model.officialStated().isEmpty() ? "-" : SafeText.escape(model.officialStated()),
                        SafeText.escape(model.hfRepo()));
            }
        }
        return context.finishOutput("the catalog");
    }

    private static ObjectNode gpuJson(GpuSpec gpu) {
        ObjectNode o = SafeJson.nodes().objectNode();
        o.put("id", gpu.id());
        o.put("name", gpu.name());
        o.put("usable_memory_gib", Math.round(gpu.usableMemoryGib() * 1000) / 1000.0);
        o.put("bf16_tflops", gpu.tflops().dense(Precision.BF16));
        o.put("fp8_supported", gpu.fp8Supported());
        o.put("memory_bandwidth_tbs", gpu.memoryBandwidthTBs());
        Optional<Rental> rule = PriceRule.rent(gpu, Optional.empty(), 1);
        if (rule.isPresent()) {
            Rental r = rule.get();
            ObjectNode price = o.putObject("price");
            price.put("provider", r.provider());
            price.put("instance", r.offer().map(GpuPrice::instance).orElse(""));
            price.put("usd_per_gpu_hour", r.usdPerGpuHour());
            price.put("rental_unit", r.unit());
            price.put("origin", r.origin().name().toLowerCase(Locale.ROOT));
            price.put("seen", r.seen());
        } else {
            o.putNull("price");
        }
        ArrayNode caveats = o.putArray("caveats");
        gpu.facts().caveats().forEach(c -> caveats.add(c.id().id()));
        o.put("devices_per_card", gpu.facts().devicesPerCard());
        ArrayNode prices = o.putArray("prices");
        for (GpuPrice p : gpu.prices()) {
            ObjectNode price = prices.addObject();
            price.put("provider", p.provider());
            price.put("instance", p.instance());
            price.put("usd_per_gpu_hour", p.usdPerGpuHour());
            price.put("tier", p.tier());
            price.put("seen", p.seen());
        }
        return o;
    }

    private static ObjectNode modelJson(CatalogModel model) {
        ObjectNode o = SafeJson.nodes().objectNode();
        o.put("id", model.id());
        o.put("name", model.name());
        o.put("family", model.family());
        o.put("hf_repo", model.hfRepo());
        if (model.officialParameters().isPresent()) {
            o.put("official_parameters", model.officialParameters().getAsLong());
        } else {
            o.putNull("official_parameters");
        }
        o.put("official_stated", model.officialStated());
        return o;
    }
}
