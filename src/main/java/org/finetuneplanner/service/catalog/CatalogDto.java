package org.finetuneplanner.service.catalog;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import org.finetuneplanner.service.io.Bounds;

/**
 * The JSON shape of the bundled catalogs, entry by entry ({@code assets/gpus.json} and {@code assets/models.json},
 * written by {@code assets/build_catalogs.py}). The catalogs carry much more than the planner reads (sources,
 * notes, units, achievable TFLOPS …): unknown keys are ignored. A null component is an absent key or JSON null.
 */
final class CatalogDto {

    private CatalogDto() {
    }

    /** {@code gpus.json}: an object with a {@code gpus} list and the citations of the caveats' source keys. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GpuFile(Map<String, String> caveatSources, List<Gpu> gpus) {
    }

    /** {@code models.json}: an object with a {@code models} list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelFile(List<Model> models) {
    }

    /** One GPU of {@code gpus.json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Gpu(String id, String name, String vendor,
               @Bounds(min = 0, minExclusive = true, max = 10_000) Double memoryGb,
               @Bounds(min = 1, max = 10_000_000) Long usableMemoryMib, String memoryType,
               @Bounds(min = 0, minExclusive = true, max = 1_000) Double memoryBandwidthTbs,
               Tflops tflops, Boolean fp8Supported, Link interconnect,
               @Bounds(min = 1, max = 100_000) Integer tdpW, @Bounds(min = 1990, max = 2100) Integer year,
               List<Price> prices, List<Caveat> caveats, RentalUnit rentalUnit, DevicesPerCard devicesPerCard,
               Tflops achievableMatmulTflops) {
    }

    /** A fact a buyer must know: a caveat id ({@code no-bf16}) and the keys of its sources ({@code S2}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Caveat(String id, List<String> sources) {
    }

    /** GPUs rented together at least, whatever the offer (a GB200 tray). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RentalUnit(@Bounds(min = 1, max = 1024) Integer gpus, List<String> sources) {
    }

    /** Devices one card shows the software (MI250X: two GCDs); the entry's figures are per device. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DevicesPerCard(@Bounds(min = 1, max = 64) Integer devices, List<String> sources) {
    }

    /** Dense peak TFLOPS by precision; null where the GPU has no such tensor cores. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tflops(@Bounds(min = 0, max = 1_000_000) Double fp32, @Bounds(min = 0, max = 1_000_000) Double tf32,
                  @Bounds(min = 0, max = 1_000_000) Double bf16, @Bounds(min = 0, max = 1_000_000) Double fp16,
                  @Bounds(min = 0, max = 1_000_000) Double fp8) {
        static final Tflops NONE = new Tflops(null, null, null, null, null);
    }

    /** GPU-to-GPU and host links, GB/s per direction. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Link(String type,
                @Bounds(min = 0, minExclusive = true, max = 100_000) Double gbpsPerGpuUnidirectional,
                @Bounds(min = 0, minExclusive = true, max = 100_000) Double hostGbpsUnidirectional,
                @Bounds(min = 1, max = 100_000) Integer nvlinkDomainGpus) {
        static final Link NONE = new Link(null, null, null, null);
    }

    /** One dated price observation. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(String provider, String instance, @Bounds(min = 1, max = 1024) Integer gpusPerInstance,
                 @Bounds(min = 0, max = 10_000) Double usdPerGpuHour, String tier, String seen, String source) {
    }

    /** One model preset of {@code models.json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Model(String id, String name, String family, String hfRepo, JsonNode config, Official officialParameters,
                 @Bounds(min = 0, max = 100_000_000_000_000L) Long computedParameters, String license,
                 List<Source> sources, String notes) {
    }

    /** The vendor's stated parameter count. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Official(@Bounds(min = 1, max = 100_000_000_000_000L) Long value, String stated, String source) {
        static final Official NONE = new Official(null, null, null);
    }

    /** Where a preset's values were read: an object, or a plain text naming the place. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Source(String repo, String path, String commit, String what) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Source {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Source of(String text) {
            return new Source(text, null, null, null);
        }
    }
}
