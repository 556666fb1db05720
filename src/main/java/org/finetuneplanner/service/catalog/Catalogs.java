package org.finetuneplanner.service.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.gpu.Interconnect;
import org.finetuneplanner.core.gpu.PeakTflops;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.JsonFields;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;

/**
 * The bundled GPU and model catalogs ({@code assets/gpus.json}, {@code assets/models.json} on the class path),
 * read once into core records. Immutable and thread-safe.
 *
 * <h2>How a catalog GPU becomes a {@link GpuSpec}</h2>
 * <ul>
 *   <li><b>Usable memory</b> (what {@code nvidia-smi} shows as total): {@code usable_memory_mib / 1024} where a
 *       source measured it. Otherwise from the vendor label {@code memory_gb} (binary GiB of physical memory):
 *       <ul>
 *         <li>GDDR on data-centre and professional cards (not GeForce): ECC is on by default and takes 1/16 of
 *             the memory, so {@code memory_gb × 15/16} (T4: 16 GiB → 15,360 MiB as nvidia-smi shows; L40S:
 *             48 GiB → 46,080 MiB against 46,068 MiB measured);</li>
 *         <li>everything else (HBM, whose ECC needs no capacity; GeForce GDDR without ECC): {@code memory_gb ×
 *             81,559 / 81,920}, the driver reserve measured on the H100 80GB (0.44 %; the H100 NVL gives 93.6
 *             GiB of 94).</li>
 *       </ul></li>
 *   <li><b>Peak TFLOPS</b>: the dense (no sparsity) figures; a null (unsupported) precision becomes 0.</li>
 *   <li><b>Interconnect</b>: GPU-to-GPU GB/s per direction ({@code gbps_per_gpu_unidirectional}) and the host
 *       link per direction ({@code host_gbps_unidirectional}, added by {@code assets/build_catalogs.py}).</li>
 *   <li><b>Prices</b>: the catalog keeps every dated observation; the {@code GpuSpec} gets the latest one per
 *       provider, instance and tier (an undated observation counts as older than any dated one), so an outdated
 *       price never wins "cheapest". {@link #priceHistory(String)} gives all of them.</li>
 * </ul>
 */
public final class Catalogs {

    /** Class-path location of the bundled GPU catalog. */
    public static final String GPUS_RESOURCE = "/assets/gpus.json";
    /** Class-path location of the bundled model catalog. */
    public static final String MODELS_RESOURCE = "/assets/models.json";

    private static final double ECC_GDDR_FRACTION = 15.0 / 16.0;
    private static final double DRIVER_RESERVE_FRACTION = 81_559.0 / 81_920.0;

    private final List<GpuSpec> gpus;
    private final Map<String, GpuSpec> gpusById;
    private final Map<String, List<GpuPrice>> priceHistory;
    private final List<CatalogModel> models;
    private final Map<String, CatalogModel> modelsById;
    /** Presets read once: reading a config is pure, and a batch names the same presets thousands of times. */
    private final Map<String, ModelSpec> modelSpecs = new ConcurrentHashMap<>();

    private Catalogs(List<GpuSpec> gpus, Map<String, List<GpuPrice>> priceHistory, List<CatalogModel> models) {
        this.gpus = List.copyOf(gpus);
        this.priceHistory = Collections.unmodifiableMap(new LinkedHashMap<>(priceHistory));
        this.models = List.copyOf(models);
        Map<String, GpuSpec> g = new LinkedHashMap<>();
        gpus.forEach(gpu -> g.put(gpu.id(), gpu));
        this.gpusById = Collections.unmodifiableMap(g);
        Map<String, CatalogModel> m = new LinkedHashMap<>();
        models.forEach(model -> m.put(model.id(), model));
        this.modelsById = Collections.unmodifiableMap(m);
    }

    /**
     * The bundled catalogs, read on first use and shared afterwards.
     *
     * @throws CatalogException when a bundled file is missing or invalid (a packaging bug)
     */
    public static Catalogs load() {
        return Bundled.INSTANCE;
    }

    /** Holder idiom: the bundled catalogs are parsed once, thread-safely, when first asked for. */
    private static final class Bundled {
        static final Catalogs INSTANCE = readBundled();

        private static Catalogs readBundled() {
            try (InputStream g = open(GPUS_RESOURCE); InputStream m = open(MODELS_RESOURCE)) {
                return read(g, "gpus.json", m, "models.json");
            } catch (IOException e) {
                throw new CatalogException("cannot read the bundled catalogs: " + e.getMessage(), e);
            }
        }

        private static InputStream open(String resource) {
            InputStream in = Catalogs.class.getResourceAsStream(resource);
            if (in == null) {
                throw new CatalogException("bundled catalog " + resource + " is missing from the class path");
            }
            return in;
        }
    }

    /**
     * Reads catalogs from streams (not closed here).
     *
     * @param gpusName   name of the GPU file for messages
     * @param modelsName name of the model file for messages
     * @throws CatalogException naming the file, the entry and the key of the first invalid value
     */
    public static Catalogs read(InputStream gpusJson, String gpusName, InputStream modelsJson, String modelsName) {
        JsonNode gpuTree = parse(gpusJson, gpusName);
        JsonNode modelTree = parse(modelsJson, modelsName);
        List<GpuSpec> gpus = new ArrayList<>();
        Map<String, List<GpuPrice>> history = new LinkedHashMap<>();
        for (JsonNode entry : entries(gpuTree, "gpus", gpusName)) {
            String id = entryId(entry, gpusName);
            if (history.containsKey(id)) {
                throw new CatalogException(gpusName + ": GPU id \"" + id + "\" appears twice");
            }
            try {
                List<GpuPrice> all = prices(entry);
                history.put(id, List.copyOf(all));
                gpus.add(gpu(entry, id, latestPerOffer(all)));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(gpusName + ": GPU \"" + id + "\": " + Words.english().message(e), e);
            }
        }
        List<CatalogModel> models = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (JsonNode entry : entries(modelTree, "models", modelsName)) {
            String id = entryId(entry, modelsName);
            if (seen.put(id, Boolean.TRUE) != null) {
                throw new CatalogException(modelsName + ": model id \"" + id + "\" appears twice");
            }
            try {
                models.add(model(entry, id));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(modelsName + ": model \"" + id + "\": " + Words.english().message(e),
                        e);
            }
        }
        return new Catalogs(gpus, history, models);
    }

    /** Every GPU, in catalog order. */
    public List<GpuSpec> gpus() {
        return gpus;
    }

    /** The GPU with this id (exact, as in the catalog), if any. */
    public Optional<GpuSpec> gpu(String id) {
        return Optional.ofNullable(id == null ? null : gpusById.get(id.strip().toLowerCase(Locale.ROOT)));
    }

    /** Every GPU id, in catalog order. */
    public List<String> gpuIds() {
        return List.copyOf(gpusById.keySet());
    }

    /** Every price observation of a GPU, dated and undated, in catalog order (empty for an unknown id). */
    public List<GpuPrice> priceHistory(String gpuId) {
        return priceHistory.getOrDefault(gpuId, List.of());
    }

    /** Every model preset, in catalog order. */
    public List<CatalogModel> models() {
        return models;
    }

    /** The preset with this id, if any. */
    public Optional<CatalogModel> model(String id) {
        return Optional.ofNullable(id == null ? null : modelsById.get(id.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The preset with this id as a model to plan for ({@link CatalogModel#toModelSpec()}), read once and shared.
     *
     * @throws IllegalArgumentException naming the key when the preset's config cannot be read
     */
    public Optional<ModelSpec> modelSpec(String id) {
        return model(id).map(entry -> modelSpecs.computeIfAbsent(entry.id(), key -> entry.toModelSpec()));
    }

    /** Every preset id, in catalog order. */
    public List<String> modelIds() {
        return List.copyOf(modelsById.keySet());
    }

    private static JsonNode parse(InputStream in, String name) {
        try {
            return SafeJson.readTree(in);
        } catch (JsonProcessingException e) {
            throw new CatalogException(name + ": " + SafeJson.describe(e), e);
        } catch (IOException e) {
            throw new CatalogException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> entries(JsonNode tree, String arrayKey, String file) {
        JsonNode array = tree.isObject() ? tree.get(arrayKey) : tree;
        if (array == null || !array.isArray()) {
            throw new CatalogException(file + ": expected an object with a \"" + arrayKey + "\" list");
        }
        List<JsonNode> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isObject()) {
                throw new CatalogException(file + ": entry " + i + " of \"" + arrayKey + "\" is not an object");
            }
            result.add(array.get(i));
        }
        return result;
    }

    private static String entryId(JsonNode entry, String file) {
        JsonNode id = entry.get("id");
        if (id == null || !id.isTextual() || !id.textValue().matches("[a-z0-9][a-z0-9._-]{0,79}")) {
            throw new CatalogException(file + ": id = " + JsonFields.show(id)
                    + ": expected lower-case letters, digits, '.', '_' or '-'");
        }
        return id.textValue();
    }

    private static GpuSpec gpu(JsonNode e, String id, List<GpuPrice> prices) {
        double memoryGb = JsonFields.number(e, "memory_gb", "memory_gb", 0, true, 10_000)
                .orElseThrow(() -> missing("memory_gb"));
        OptionalLong usableMib = JsonFields.integer(e, "usable_memory_mib", "usable_memory_mib", 1, 10_000_000L);
        String memoryType = JsonFields.string(e, "memory_type", "memory_type").orElse("");
        String name = JsonFields.string(e, "name", "name").orElse(id);
        double usableGib = usableMib.isPresent() ? usableMib.getAsLong() / 1024.0
                : usableFromLabel(memoryGb, memoryType, name);
        JsonNode t = JsonFields.object(e, "tflops", "tflops");
        PeakTflops tflops = new PeakTflops(tflops(t, "fp32"), tflops(t, "tf32"), tflops(t, "bf16"),
                tflops(t, "fp16"), tflops(t, "fp8"));
        JsonNode link = JsonFields.object(e, "interconnect", "interconnect");
        Interconnect interconnect = new Interconnect(
                JsonFields.string(link, "type", "interconnect.type").orElse(""),
                JsonFields.number(link, "gbps_per_gpu_unidirectional", "interconnect.gbps_per_gpu_unidirectional",
                        0, true, 100_000).orElseThrow(() -> missing("interconnect.gbps_per_gpu_unidirectional")),
                JsonFields.number(link, "host_gbps_unidirectional", "interconnect.host_gbps_unidirectional",
                        0, true, 100_000).orElseThrow(() -> missing("interconnect.host_gbps_unidirectional")),
                JsonFields.integer(link, "nvlink_domain_gpus", "interconnect.nvlink_domain_gpus", 0, 100_000, 0));
        JsonNode mamf = e.get("achievable_matmul_tflops");
        PeakTflops achievable = mamf == null || !mamf.isObject() ? null
                : new PeakTflops(0, 0, tflops(mamf, "bf16"), tflops(mamf, "fp16"), tflops(mamf, "fp8"));
        return new GpuSpec(id, name,
                JsonFields.string(e, "vendor", "vendor").orElse(""),
                memoryGb, usableGib,
                JsonFields.number(e, "memory_bandwidth_tbs", "memory_bandwidth_tbs", 0, true, 1_000)
                        .orElseThrow(() -> missing("memory_bandwidth_tbs")),
                tflops,
                JsonFields.bool(e, "fp8_supported", "fp8_supported", false),
                interconnect,
                JsonFields.integer(e, "tdp_w", "tdp_w", 1, 100_000, 0),
                JsonFields.integer(e, "year", "year", 1990, 2100, 0),
                prices, achievable);
    }

    /** The documented fallback when no source measured usable memory (see the class comment). */
    static double usableFromLabel(double memoryGb, String memoryType, String name) {
        boolean eccGddr = memoryType.toUpperCase(Locale.ROOT).contains("GDDR")
                && !name.toLowerCase(Locale.ROOT).contains("geforce");
        return memoryGb * (eccGddr ? ECC_GDDR_FRACTION : DRIVER_RESERVE_FRACTION);
    }

    private static double tflops(JsonNode t, String precision) {
        return JsonFields.number(t, precision, "tflops." + precision, 0, false, 1_000_000).orElse(0);
    }

    private static List<GpuPrice> prices(JsonNode e) {
        JsonNode array = e.get("prices");
        List<GpuPrice> result = new ArrayList<>();
        if (array == null || array.isNull()) {
            return result;
        }
        if (!array.isArray()) {
            throw JsonFields.invalid("prices", array, "a list of price objects");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode p = array.get(i);
            String key = "prices[" + i + "]";
            if (!p.isObject()) {
                throw JsonFields.invalid(key, p, "an object");
            }
            result.add(new GpuPrice(
                    JsonFields.string(p, "provider", key + ".provider").orElseThrow(() -> missing(key + ".provider")),
                    JsonFields.string(p, "instance", key + ".instance").orElse(""),
                    JsonFields.integer(p, "gpus_per_instance", key + ".gpus_per_instance", 1, 1024, 1),
                    JsonFields.number(p, "usd_per_gpu_hour", key + ".usd_per_gpu_hour", 0, false, 10_000)
                            .orElseThrow(() -> missing(key + ".usd_per_gpu_hour")),
                    JsonFields.string(p, "tier", key + ".tier").orElse(""),
                    JsonFields.string(p, "seen", key + ".seen").orElse(""),
                    JsonFields.string(p, "source", key + ".source").orElse("")));
        }
        return result;
    }

    /** The latest observation per provider, instance and tier, in the order each offer first appears. */
    static List<GpuPrice> latestPerOffer(List<GpuPrice> all) {
        Map<String, GpuPrice> latest = new LinkedHashMap<>();
        for (GpuPrice price : all) {
            String offer = price.provider() + "\u0000" + price.instance() + "\u0000" + price.tier();
            GpuPrice kept = latest.get(offer);
            if (kept == null || dateKey(price.seen()).compareTo(dateKey(kept.seen())) > 0) {
                latest.put(offer, price);
            }
        }
        return List.copyOf(latest.values());
    }

    /** ISO dates sort as text; anything that is not a date ("undated", "") sorts before every date. */
    private static String dateKey(String seen) {
        return seen.matches("\\d{4}-\\d{2}-\\d{2}.*") ? seen : "";
    }

    private static CatalogModel model(JsonNode e, String id) {
        JsonNode config = e.get("config");
        if (config == null || !config.isObject()) {
            throw JsonFields.invalid("config", config, "a config.json object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> configMap = (Map<String, Object>) SafeJson.toPlain(config);
        JsonNode official = JsonFields.field(e, "official_parameters").orElse(SafeJson.nodes().objectNode());
        if (!official.isObject()) {
            throw JsonFields.invalid("official_parameters", official, "an object or null");
        }
        List<CatalogModel.Source> sources = new ArrayList<>();
        JsonNode list = JsonFields.field(e, "sources").orElse(SafeJson.nodes().arrayNode());
        if (!list.isArray()) {
            throw JsonFields.invalid("sources", list, "a list of sources");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String key = "sources[" + i + "]";
            if (s.isTextual()) {
                sources.add(new CatalogModel.Source(s.textValue(), "", "", ""));
            } else if (s.isObject()) {
                sources.add(new CatalogModel.Source(
                        JsonFields.string(s, "repo", key + ".repo").orElse(""),
                        JsonFields.string(s, "path", key + ".path").orElse(""),
                        JsonFields.string(s, "commit", key + ".commit").orElse(""),
                        JsonFields.string(s, "what", key + ".what").orElse("")));
            } else {
                throw JsonFields.invalid(key, s, "a source object or text");
            }
        }
        return new CatalogModel(id,
                JsonFields.string(e, "name", "name").orElse(id),
                JsonFields.string(e, "family", "family").orElse(""),
                JsonFields.string(e, "hf_repo", "hf_repo").orElse(""),
                configMap,
                JsonFields.integer(official, "value", "official_parameters.value", 1, 100_000_000_000_000L),
                JsonFields.string(official, "stated", "official_parameters.stated").orElse(""),
                JsonFields.string(official, "source", "official_parameters.source").orElse(""),
                JsonFields.integer(e, "computed_parameters", "computed_parameters", 0, 100_000_000_000_000L)
                        .orElse(0),
                JsonFields.string(e, "license", "license").orElse(""),
                sources,
                JsonFields.string(e, "notes", "notes").orElse(""));
    }

    private static InvalidValueException missing(String key) {
        return new InvalidValueException(key, key + " is missing");
    }
}
