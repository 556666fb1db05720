package org.finetuneplanner.service.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;

/**
 * One model preset of the bundled catalog: a Hugging Face {@code config.json} map with where it comes from.
 *
 * @param id                  catalog id, e.g. "llama-3.1-8b" (what {@code model.preset} names)
 * @param name                display name, e.g. "Llama 3.1 8B"
 * @param family              family, e.g. "Llama 3.1"
 * @param hfRepo              Hugging Face repository the config belongs to
 * @param config              the {@code config.json} map, deeply unmodifiable, read exactly as an opened file
 * @param officialParameters  the vendor's stated parameter count, if one was read
 * @param officialStated      the vendor's wording, e.g. "8B" or "47B total / 13B active" ("" if none)
 * @param officialSource      where the stated figure was read ("" if none)
 * @param computedParameters  the reference count computed from the dimensions (a cross-check, not used by the
 *                            estimators, which count parameters themselves)
 * @param license             licence name
 * @param sources             where the config values were read
 * @param notes               remarks on disagreements between sources ("" if none)
 */
public record CatalogModel(String id, String name, String family, String hfRepo, Map<String, Object> config,
                           OptionalLong officialParameters, String officialStated, String officialSource,
                           long computedParameters, String license, List<Source> sources, String notes) {

    public CatalogModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(officialParameters, "officialParameters");
        name = name == null ? id : name;
        family = family == null ? "" : family;
        hfRepo = hfRepo == null ? "" : hfRepo;
        officialStated = officialStated == null ? "" : officialStated;
        officialSource = officialSource == null ? "" : officialSource;
        license = license == null ? "" : license;
        notes = notes == null ? "" : notes;
        sources = sources == null ? List.of() : List.copyOf(sources);
        config = ModelSpec.frozenConfig(Objects.requireNonNull(config, "config"));
    }

    /**
     * The preset as a model to plan for: the architecture is read from {@link #config()} by
     * {@link ArchitectureFactory#fromConfig(Map)}, exactly as an opened {@code config.json} is.
     *
     * @throws IllegalArgumentException naming the key when the config cannot be read (a catalog bug; the test
     *                                  suite reads every preset)
     */
    public ModelSpec toModelSpec() {
        return new ModelSpec(id, name, ArchitectureFactory.fromConfig(config), ModelSpec.Origin.PRESET, config,
                OptionalLong.empty());
    }

    /**
     * One place a preset's values were read.
     *
     * @param repo   repository (or site)
     * @param path   file inside it
     * @param commit commit read
     * @param what   what was taken from it
     */
    public record Source(String repo, String path, String commit, String what) {
        public Source {
            repo = repo == null ? "" : repo;
            path = path == null ? "" : path;
            commit = commit == null ? "" : commit;
            what = what == null ? "" : what;
        }

        /** "repo path@commit". */
        public String reference() {
            return repo + (path.isEmpty() ? "" : " " + path) + (commit.isEmpty() ? "" : "@" + commit);
        }
    }
}
