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
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.finetuneplanner.core.cost.PriceRule;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.gpu.GpuCaveat;
import org.finetuneplanner.core.gpu.GpuFacts;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.gpu.Interconnect;
import org.finetuneplanner.core.gpu.PeakTflops;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.JsonBinding;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Sentence;
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
 *       link per direction ({@code host_gbps_unidirectional}, added by {@code assets/build_catalogs.py}), and a
 *       rack-scale NVLink domain where one spans several nodes ({@code nvlink_domain_gpus}, GB200 NVL72).</li>
 *   <li><b>Achievable matmul</b>: the best-shape TFLOPS measured on the card ({@code achievable_matmul_tflops},
 *       Bekman's MAMF table) where the catalog has it.</li>
 *   <li><b>Prices</b>: the catalog keeps every dated observation; the {@code GpuSpec} gets the latest one per
 *       provider, instance and tier ({@code PriceRule.current}: an undated observation counts as older than any
 *       dated one, names compare without regard to case), so an outdated price never wins "cheapest". {@link #priceHistory(String)} gives all of them. Which offer prices a job is
 *       {@code core.cost.PriceRule}'s.</li>
 *   <li><b>Facts</b> ({@link GpuFacts}): {@code caveats} (each {@code {id, sources}}, the ids of
 *       {@link CaveatId}, the sources keys of the file's {@code caveat_sources}, written out as
 *       "S4: citation"), {@code rental_unit.gpus} and {@code devices_per_card.devices}. The catalog's figures of a
 *       multi-device card are already per device ({@code assets/build_catalogs.py}).</li>
 * </ul>
 *
 * <p>Each entry is bound to a {@link CatalogDto} record; an invalid entry is a {@link CatalogException} naming the
 * file, the entry's id and the key.
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
        CatalogDto.GpuFile gpuFile = bind(text(gpusJson, gpusName), gpusName, CatalogDto.GpuFile.class, "gpus");
        List<CatalogDto.Gpu> gpuEntries = gpuFile.gpus();
        Map<String, String> caveatSources = gpuFile.caveatSources() == null ? Map.of() : gpuFile.caveatSources();
        List<CatalogDto.Model> modelEntries = bind(text(modelsJson, modelsName), modelsName,
                CatalogDto.ModelFile.class, "models").models();
        List<GpuSpec> gpus = new ArrayList<>();
        Map<String, List<GpuPrice>> history = new LinkedHashMap<>();
        for (CatalogDto.Gpu entry : entries(gpuEntries, "gpus", gpusName)) {
            String id = entryId(entry.id(), gpusName);
            if (history.containsKey(id)) {
                throw new CatalogException(gpusName + ": GPU id \"" + id + "\" appears twice");
            }
            try {
                List<GpuPrice> all = prices(entry.prices());
                history.put(id, List.copyOf(all));
                gpus.add(gpu(entry, id, PriceRule.current(all), facts(entry, caveatSources)));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(gpusName + ": GPU \"" + id + "\": " + Words.english().message(e), e);
            }
        }
        List<CatalogModel> models = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (CatalogDto.Model entry : entries(modelEntries, "models", modelsName)) {
            String id = entryId(entry.id(), modelsName);
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

    /**
     * These catalogs with {@code extra} GPUs after the catalog's own (a price list's custom GPUs, so that a scenario
     * may name one while the list is in force); the price history stays the catalog's.
     *
     * @throws IllegalArgumentException when an extra GPU's id is already used
     */
    public Catalogs withGpus(List<GpuSpec> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<GpuSpec> all = new ArrayList<>(gpus);
        for (GpuSpec g : extra) {
            if (gpusById.containsKey(g.id()) || all.stream().anyMatch(o -> o.id().equals(g.id()))) {
                throw new IllegalArgumentException("GPU id \"" + g.id() + "\" is already used");
            }
            all.add(g);
        }
        return new Catalogs(all, priceHistory, models);
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

    private static String text(InputStream in, String name) {
        try {
            return SafeJson.readText(in);
        } catch (JsonProcessingException e) {
            throw new CatalogException(Sentence.of("read.inFile", name, SafeJson.problem(e)), e);
        } catch (IOException e) {
            throw new CatalogException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Binds a whole catalog file in one pass. A refused value is named by the entry's id, its key, the value as
     * written and its line and column: {@code gpus.json: GPU "t1": tflops.bf16 = -1: expected … (line 7, …)}.
     */
    private static <F> F bind(String text, String file, Class<F> type, String list) {
        try {
            return SafeJson.bind(text, type);
        } catch (JsonProcessingException refused) {
            JsonNode tree;
            try {
                tree = SafeJson.readTree(text);
            } catch (JsonProcessingException e) {
                throw new CatalogException(Sentence.of("read.inFile", file, SafeJson.problem(e)), e);
            }
            InvalidValueException e = JsonBinding.describe(refused, tree, false);
            Matcher entry = Pattern.compile(Pattern.quote(list) + "\\[(\\d+)\\]\\.(.+)").matcher(e.key());
            if (!entry.matches()) {
                throw new CatalogException(file + ": expected an object with a \"" + list + "\" list of objects ("
                        + e.getMessage() + ")", e);
            }
            String prefix = e.key().substring(0, e.key().length() - entry.group(2).length());
            JsonNode id = JsonBinding.at(tree, list + "[" + entry.group(1) + "].id");
            throw new CatalogException(file + ": " + ("gpus".equals(list) ? "GPU " : "model ")
                    + JsonBinding.show(id) + ": " + e.getMessage().substring(prefix.length()), e);
        }
    }

    private static <E> List<E> entries(List<E> listed, String list, String file) {
        if (listed == null) {
            throw new CatalogException(file + ": expected an object with a \"" + list + "\" list");
        }
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i) == null) {
                throw new CatalogException(file + ": entry " + i + " of \"" + list + "\" is not an object");
            }
        }
        return listed;
    }

    private static String entryId(String id, String file) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,79}")) {
            throw new CatalogException(file + ": id = " + JsonBinding.show(id == null ? null
                    : SafeJson.nodes().textNode(id)) + ": expected lower-case letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    /** A GPU's caveats, rental unit and devices per card; every caveat names a known id and known sources. */
    private static GpuFacts facts(CatalogDto.Gpu e, Map<String, String> sources) {
        List<GpuCaveat> caveats = new ArrayList<>();
        List<CatalogDto.Caveat> listed = e.caveats() == null ? List.of() : e.caveats();
        for (int i = 0; i < listed.size(); i++) {
            CatalogDto.Caveat c = listed.get(i);
            String key = "caveats[" + i + "]";
            if (c == null) {
                throw JsonBinding.invalid(key, null, "an object {id, sources}");
            }
            CaveatId id = CaveatId.fromId(required(c.id(), key + ".id")).orElseThrow(() -> JsonBinding.invalid(
                    key + ".id", SafeJson.nodes().textNode(c.id()), "a caveat id: " + Identified.allowed(
                    CaveatId.values())));
            caveats.add(new GpuCaveat(id, citations(c.sources(), key, sources)));
        }
        int unit = e.rentalUnit() == null ? 1 : or(e.rentalUnit().gpus(), 1);
        int devices = e.devicesPerCard() == null ? 1 : or(e.devicesPerCard().devices(), 1);
        return new GpuFacts(caveats, unit, devices);
    }

    /** The citations of a fact's source keys ("S4: …"); a key the file does not define is an error. */
    private static List<String> citations(List<String> keys, String key, Map<String, String> sources) {
        List<String> result = new ArrayList<>();
        for (int i = 0; keys != null && i < keys.size(); i++) {
            String citation = sources.get(keys.get(i));
            if (citation == null) {
                throw JsonBinding.invalid(key + ".sources[" + i + "]", SafeJson.nodes().textNode(keys.get(i)),
                        "a key of caveat_sources: " + String.join(", ", sources.keySet()));
            }
            result.add(keys.get(i) + ": " + citation);
        }
        return result;
    }

    private static GpuSpec gpu(CatalogDto.Gpu e, String id, List<GpuPrice> prices, GpuFacts facts) {
        double memoryGb = required(e.memoryGb(), "memory_gb");
        String name = or(e.name(), id);
        double usableGib = e.usableMemoryMib() != null ? e.usableMemoryMib() / 1024.0
                : usableFromLabel(memoryGb, or(e.memoryType(), ""), name);
        CatalogDto.Tflops t = Objects.requireNonNullElse(e.tflops(), CatalogDto.Tflops.NONE);
        PeakTflops tflops = new PeakTflops(or(t.fp32(), 0.0), or(t.tf32(), 0.0), or(t.bf16(), 0.0),
                or(t.fp16(), 0.0), or(t.fp8(), 0.0));
        CatalogDto.Link link = Objects.requireNonNullElse(e.interconnect(), CatalogDto.Link.NONE);
        Interconnect interconnect = new Interconnect(or(link.type(), ""),
                required(link.gbpsPerGpuUnidirectional(), "interconnect.gbps_per_gpu_unidirectional"),
                required(link.hostGbpsUnidirectional(), "interconnect.host_gbps_unidirectional"),
                or(link.nvlinkDomainGpus(), 0));
        CatalogDto.Tflops m = e.achievableMatmulTflops();
        PeakTflops achievable = m == null ? null
                : new PeakTflops(0, 0, or(m.bf16(), 0.0), or(m.fp16(), 0.0), or(m.fp8(), 0.0));
        return new GpuSpec(id, name, or(e.vendor(), ""), memoryGb, usableGib,
                required(e.memoryBandwidthTbs(), "memory_bandwidth_tbs"), tflops, or(e.fp8Supported(), false),
                interconnect, or(e.tdpW(), 0), or(e.year(), 0), prices, facts, achievable);
    }

    /** The documented fallback when no source measured usable memory (see the class comment). */
    static double usableFromLabel(double memoryGb, String memoryType, String name) {
        boolean eccGddr = memoryType.toUpperCase(Locale.ROOT).contains("GDDR")
                && !name.toLowerCase(Locale.ROOT).contains("geforce");
        return memoryGb * (eccGddr ? ECC_GDDR_FRACTION : DRIVER_RESERVE_FRACTION);
    }

    private static List<GpuPrice> prices(List<CatalogDto.Price> listed) {
        List<GpuPrice> result = new ArrayList<>();
        for (int i = 0; listed != null && i < listed.size(); i++) {
            CatalogDto.Price p = listed.get(i);
            String key = "prices[" + i + "]";
            if (p == null) {
                throw JsonBinding.invalid(key, null, "an object");
            }
            result.add(new GpuPrice(required(p.provider(), key + ".provider"), or(p.instance(), ""),
                    or(p.gpusPerInstance(), 1), required(p.usdPerGpuHour(), key + ".usd_per_gpu_hour"),
                    or(p.tier(), ""), or(p.seen(), ""), or(p.source(), "")));
        }
        return result;
    }

    private static CatalogModel model(CatalogDto.Model e, String id) {
        if (e.config() == null || !e.config().isObject()) {
            throw JsonBinding.invalid("config", e.config(), "a config.json object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> configMap = (Map<String, Object>) SafeJson.toPlain(e.config());
        CatalogDto.Official official = Objects.requireNonNullElse(e.officialParameters(), CatalogDto.Official.NONE);
        List<CatalogModel.Source> sources = new ArrayList<>();
        for (int i = 0; e.sources() != null && i < e.sources().size(); i++) {
            CatalogDto.Source s = e.sources().get(i);
            if (s == null) {
                throw JsonBinding.invalid("sources[" + i + "]", null, "a source object or text");
            }
            sources.add(new CatalogModel.Source(s.repo(), s.path(), s.commit(), s.what()));
        }
        return new CatalogModel(id, or(e.name(), id), or(e.family(), ""), or(e.hfRepo(), ""), configMap,
                official.value() == null ? OptionalLong.empty() : OptionalLong.of(official.value()),
                or(official.stated(), ""), or(official.source(), ""), or(e.computedParameters(), 0L),
                or(e.license(), ""), sources, or(e.notes(), ""));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static <T> T required(T value, String key) {
        if (value == null) {
            throw JsonBinding.missing(key, "");
        }
        return value;
    }
}
