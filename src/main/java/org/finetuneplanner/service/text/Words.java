package org.finetuneplanner.service.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

import org.finetuneplanner.core.Bytes;
import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.Setting;
import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.core.scenario.Offload;

/**
 * The text layer: every word the product shows, in one language, for every surface (the app, the PDF report,
 * the command line's human output). Keys live in one bundle family per subject under
 * {@code org/finetuneplanner/service/text/} ({@link #FAMILIES}), English as the root and Vietnamese beside it
 * ({@code _vi}); a key exists in both or the build fails. Enum constants are {@code enum.<SimpleTypeName>.<CONSTANT>}.
 * Numbers go through {@link #format()}.
 *
 * <p>Not thread-safe (its {@link LocaleFormat} keeps formatters): one instance per thread or per screen. The
 * bundles themselves are read once per process and shared.
 */
public final class Words {
    /** Languages the product ships, in the order menus list them. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("vi"));
    /** Bundle families, each {@code <name>.properties} and {@code <name>_vi.properties}. */
    public static final List<String> FAMILIES = List.of("core", "terms", "sources", "app", "report", "cli");
    /** Where the families live on the class path. */
    public static final String FOLDER = "/org/finetuneplanner/service/text/";

    private static final Map<String, Map<String, String>> TABLES = new ConcurrentHashMap<>();
    private static final ThreadLocal<Words> ENGLISH = ThreadLocal.withInitial(() -> forLocale(Locale.ENGLISH));

    private final Locale locale;
    private final Map<String, String> table;
    private final LocaleFormat format;

    private Words(Locale locale, Map<String, String> table) {
        this.locale = locale;
        this.table = table;
        this.format = new LocaleFormat(locale, this::pattern);
    }

    /**
     * The words of {@code locale}'s language; English for a language the product does not ship (never the JVM's
     * default locale: an English report stays English on a Vietnamese desktop).
     */
    public static Words forLocale(Locale locale) {
        boolean vietnamese = locale != null && "vi".equals(locale.getLanguage());
        Locale effective = vietnamese || locale != null && "en".equals(locale.getLanguage()) ? locale
                : Locale.ENGLISH;
        return new Words(effective, table(vietnamese ? "vi" : ""));
    }

    /** English, one instance per thread (for the command line and JSON output, which speak English). */
    public static Words english() {
        return ENGLISH.get();
    }

    public Locale locale() {
        return locale;
    }

    /** Numbers in this language. */
    public LocaleFormat format() {
        return format;
    }

    /** Whether {@code key} has a text. */
    public boolean has(String key) {
        return table.containsKey(key);
    }

    /** The raw pattern of {@code key}, or the key itself when it is missing. */
    String pattern(String key) {
        return table.getOrDefault(key, key);
    }

    /**
     * The text of {@code key} with {@code args} put in (always through {@link MessageFormat}, so every pattern
     * follows one quoting rule: {@code ''} for an apostrophe); the key itself when it is missing (never throws).
     */
    public String text(String key, Object... args) {
        String pattern = table.get(key);
        if (pattern == null) {
            return key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** The name of an enum constant: {@code enum.<SimpleTypeName>.<CONSTANT>}; "" for null. */
    public String label(Enum<?> value) {
        if (value == null) {
            return "";
        }
        return text("enum." + value.getDeclaringClass().getSimpleName() + "." + value.name());
    }

    /** A note in this language: {@code note.<NoteId>} with the note's values written in ({@link #value}). */
    public String note(Note note) {
        Object[] args = new Object[note.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = value(note.args().get(i));
        }
        return text("note." + note.id().name(), args);
    }

    /** The planner's reasons for an option in this language, one sentence each, joined by a space. */
    public String reasons(List<PlanReason> reasons) {
        StringJoiner all = new StringJoiner(" ");
        reasons.forEach(r -> all.add(reason(r)));
        return all.toString();
    }

    /** One reason of the planner: {@code reason.<SimpleName>}. */
    public String reason(PlanReason reason) {
        String key = "reason." + reason.getClass().getSimpleName();
        if (reason instanceof PlanReason.NeedsGpus r) {
            return r.offload() == Offload.NONE
                    ? text(key, format.gib(r.oneGpuBytes()), format.gib(r.capacityBytes()), format.count(r.gpus()),
                            label(r.sharding()))
                    : text(key + ".offload", format.gib(r.oneGpuBytes()), format.gib(r.capacityBytes()),
                            format.count(r.gpus()), label(r.sharding()), label(r.offload()).toLowerCase(locale));
        }
        if (reason instanceof PlanReason.DoesNotFit r) {
            return text(key, format.count(r.maxGpus()), label(r.sharding()), format.gib(r.perGpuBytes()),
                    format.gib(r.capacityBytes()));
        }
        if (reason instanceof PlanReason.Fp8Fallback r) {
            return text(key, r.gpuName(), label(r.assumed()));
        }
        if (reason instanceof PlanReason.InexactSplit r) {
            return text(key, format.count(r.wanted()), format.count(r.got()));
        }
        if (reason instanceof PlanReason.Tight r) {
            return text(key, format.gib(r.highBytes()), format.gib(r.capacityBytes()));
        }
        if (reason instanceof PlanReason.PrecisionEmulated r) {
            return text(key, r.gpuName(), label(r.wanted()), label(r.assumed()));
        }
        if (reason instanceof PlanReason.HostMemoryShort r) {
            return text(key, format.gib(r.neededBytes()), format.gib(r.hostBytes()));
        }
        if (reason instanceof PlanReason.FitsWithMoreGpus r) {
            return text(key, format.count(r.gpus()), format.count(r.maxGpus()));
        }
        if (reason instanceof PlanReason.FitsWithMethod r) {
            return text(key, label(r.method()), format.count(r.gpus()));
        }
        if (reason instanceof PlanReason.FitsWithShorterSequence r) {
            return text(key, format.count(r.sequenceLength()), format.count(r.gpus()));
        }
        if (reason instanceof PlanReason.FitsIfNotKept r) {
            return text(key, r.setting().key(), format.count(r.gpus()));
        }
        if (reason instanceof PlanReason.NotOffered r) {
            return text(key, r.seller(), r.gpuName());
        }
        return text(key);
    }

    /**
     * A caveat of an option: {@code caveat.<CaveatId>} with its args written in; a rental at the scenario's own
     * price reads {@code caveat.RENTAL_UNIT.own}, a host memory the scenario gives {@code
     * caveat.OFFLOAD_HOST_MEMORY.checked}.
     */
    public String caveat(Caveat caveat) {
        String key = caveatKey(caveat);
        List<Object> args = caveat.args();
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(args.get(i));
        }
        return text(key, values);
    }

    /**
     * The key that words {@code caveat}: {@code caveat.<CaveatId>}, or its {@code .own} / {@code .checked} variant
     * (see {@link #caveat}); for a surface that puts the args in itself (the report marks names as names).
     */
    public String caveatKey(Caveat caveat) {
        String key = "caveat." + caveat.id().name();
        List<Object> args = caveat.args();
        if (caveat.id() == CaveatId.RENTAL_UNIT && args.size() > 2 && String.valueOf(args.get(2)).isEmpty()) {
            key += ".own";
        } else if (caveat.id() == CaveatId.OFFLOAD_HOST_MEMORY && args.size() > 1) {
            key += ".checked";
        }
        return key;
    }

    /**
     * One setting the planner changed: "micro-batch 8 → 2", "checkpointing none → full" (a choice by its short word
     * in this language, {@code adjustment.value.<SETTING>.<CHOICE>}: the same in the app, the report and the human
     * plan; {@code plan --json} keeps the scenario spelling).
     */
    public String adjustment(Adjustment a) {
        return text("adjustment", label(a.setting()), setting(a.setting(), a.from()), setting(a.setting(), a.to()));
    }

    private String setting(Setting setting, Object value) {
        return value instanceof Enum<?> choice ? text("adjustment.value." + setting.name() + "." + choice.name())
                : value(value);
    }

    /** A term's title: {@code term.<id>.title}, its subject named. */
    public String title(Term term) {
        return fill(pattern("term." + term.id().name() + ".title"), term);
    }

    /** A term's formula in symbols: {@code term.<id>.formula}. */
    public String formula(Term term) {
        return fill(pattern("term." + term.id().name() + ".formula"), term);
    }

    /** A term's formula with the numbers put in: {@code term.<id>.numbers}. */
    public String numbers(Term term) {
        return fill(pattern("term." + term.id().name() + ".numbers"), term);
    }

    /** Where a term's formula comes from: its sources' citations, joined by "; ". */
    public String sources(Term term) {
        StringJoiner all = new StringJoiner("; ");
        term.sources().forEach(src -> all.add(source(src)));
        return all.toString();
    }

    /** One source's citation: {@code source.<SourceId>}, written as it reads (no MessageFormat). */
    public String source(SourceId source) {
        return pattern("source." + source.name());
    }

    /**
     * Fills a term template: {@code {NAME}} is the number put in for {@link Input} NAME, written as its kind says;
     * {@code {SUBJECT}} names the term's subject; {@code {@key}} puts in another key's template; {@code [ … ]} is
     * shown only when every symbol inside has a number ({@code {?NAME}} there only asks for NAME's presence). A
     * symbol without a number outside brackets shows as "?".
     */
    String fill(String template, Term term) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '[') {
                int end = template.indexOf(']', i);
                if (end < 0) {
                    end = template.length();
                }
                StringBuilder part = new StringBuilder();
                if (fillPart(template.substring(i + 1, end), term, part)) {
                    out.append(part);
                }
                i = end + 1;
            } else if (ch == '{') {
                int end = template.indexOf('}', i);
                String value = end < 0 ? null : placeholder(template.substring(i + 1, end), term);
                out.append(value == null ? "?" : value);
                i = end < 0 ? template.length() : end + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** Fills an optional part; false when one of its symbols has no number. */
    private boolean fillPart(String part, Term term, StringBuilder out) {
        int i = 0;
        while (i < part.length()) {
            char ch = part.charAt(i);
            if (ch == '{') {
                int end = part.indexOf('}', i);
                String value = end < 0 ? null : placeholder(part.substring(i + 1, end), term);
                if (value == null) {
                    return false;
                }
                out.append(value);
                i = end < 0 ? part.length() : end + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
        return true;
    }

    /** The text of one placeholder, or null when the term lacks it. */
    private String placeholder(String name, Term term) {
        if (name.startsWith("@")) {
            String included = table.get(name.substring(1));
            return included == null ? null : fill(included, term);
        }
        if (name.equals("SUBJECT")) {
            return term.subject().map(this::label).orElse(null);
        }
        boolean marker = name.startsWith("?");
        Input input;
        try {
            input = Input.valueOf(marker ? name.substring(1) : name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Double value = term.inputs().get(input);
        if (value == null) {
            return null;
        }
        return marker ? "" : number(input, value);
    }

    /** A formula's number as its symbol's kind says. */
    private String number(Input input, double value) {
        return switch (input.kind()) {
            case COUNT -> format.count(Math.round(value));
            case NUMBER -> format.number(value);
            case SIGNIFICANT -> format.significant(value);
            case MEMORY -> format.gib(Math.round(value), 2);
            case FLAG -> "";
        };
    }

    /**
     * A typed value as this language writes it: {@link Bytes} in GiB, an enum constant by its name, whole numbers
     * grouped, other numbers to three decimals, text as it is.
     */
    public String value(Object value) {
        if (value instanceof Bytes b) {
            return format.gib(b.bytes());
        }
        if (value instanceof Enum<?> e) {
            return label(e);
        }
        if (value instanceof Integer || value instanceof Long) {
            return format.count(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return format.number(n.doubleValue());
        }
        return String.valueOf(value);
    }

    /**
     * A violation as a sentence: {@code violation.<CONSTANT>} with the key, the bounds, the value given and the
     * related key put in. Numbers are written as in a file (no grouping), lists joined by commas.
     */
    public String violation(Violation v) {
        return violation(v, UnaryOperator.identity());
    }

    /**
     * A violation as {@link #violation(Violation)} words it, with its key and related key named by {@code names}
     * (a form puts its fields' labels for the scenario's keys: "Tensor (TP)" for hardware.tensor_parallel).
     */
    public String violation(Violation v, UnaryOperator<String> names) {
        String key = "violation." + v.constraint().name();
        if (v.constraint() == Constraint.REQUIRED && v.value() instanceof List<?> aliases && !aliases.isEmpty()) {
            key += ".aliases";
        }
        return text(key, names.apply(v.key()), plain(v.min()), plain(v.max()), plain(v.value()),
                v.related() == null ? null : names.apply(v.related()));
    }

    /**
     * Why a memory range lies wholly above its estimate, "above the estimate: published runs of this kind used more"
     * (the error band of such runs is all negative: the estimator reads them low), or empty when the range's low end
     * is at or below the estimate. The one rule and words for the report, the app's memory card and its advice.
     */
    public Optional<String> aboveEstimate(long totalBytes, Range range) {
        return range.low() > totalBytes ? Optional.of(text("memory.aboveEstimate")) : Optional.empty();
    }

    /**
     * A sentence as data in this language: its key's pattern with its values put in, a value that is a sentence
     * worded first, an error by its {@link #message}, any other value as written.
     */
    public String sentence(Sentence sentence) {
        Object[] args = new Object[sentence.args().size()];
        for (int i = 0; i < args.length; i++) {
            Object arg = sentence.args().get(i);
            args[i] = arg instanceof Sentence inner ? sentence(inner)
                    : arg instanceof Throwable error ? message(error) : String.valueOf(arg);
        }
        return text(sentence.key(), args);
    }

    /**
     * What went wrong, for people: the error's sentence ({@link Sentence.Carrier}) in this language when it carries
     * one; else its own message when it is worded and this language is English (the services word their errors in
     * English, with the file and the context), else the core's violations behind it in this language, else its
     * message, else its type. Wrappers of asynchronous work are looked through.
     */
    public String message(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Sentence.Carrier carrier && carrier.sentence().isPresent()) {
            return sentence(carrier.sentence().get());
        }
        boolean english = "en".equals(locale.getLanguage());
        if (t instanceof PlannerException p && !p.violations().isEmpty() && (!p.worded() || !english)) {
            StringJoiner all = new StringJoiner("; ");
            p.violations().forEach(v -> all.add(violation(v)));
            return all.toString();
        }
        String text = t.getMessage();
        return text == null || text.isBlank() ? t.getClass().getSimpleName() : text;
    }

    /** A value of a violation as a user would write it in a file. */
    private static String plain(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // Plain digits from 10^-6 to 10^15; beyond, the exponent (1e-300 written out is 300 zeros long).
            boolean plainRange = d == 0 || Math.abs(d) >= 1e-6 && Math.abs(d) < 1e15;
            return Double.isFinite(d) && plainRange ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                    : String.valueOf(d);
        }
        if (value instanceof Collection<?> list) {
            StringJoiner j = new StringJoiner(", ");
            list.forEach(e -> j.add(String.valueOf(e)));
            return j.toString();
        }
        return String.valueOf(value);
    }

    /** Every key of one language's table (for tests that compare languages). */
    static Map<String, String> tableOf(String language) {
        return table(language);
    }

    private static Map<String, String> table(String language) {
        return TABLES.computeIfAbsent(language, Words::load);
    }

    /** The root of every family, then the language's own files over it. */
    private static Map<String, String> load(String language) {
        Map<String, String> merged = new HashMap<>(2048);
        for (String family : FAMILIES) {
            merged.putAll(read(family + ".properties"));
            if (!language.isEmpty()) {
                merged.putAll(read(family + "_" + language + ".properties"));
            }
        }
        return Collections.unmodifiableMap(merged);
    }

    /** One properties file, read as UTF-8. */
    static Map<String, String> read(String file) {
        Properties p = new Properties();
        try (InputStream in = Words.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("text bundle " + file + " is missing from the application");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>(p.size() * 2);
        for (String key : p.stringPropertyNames()) {
            map.put(key, p.getProperty(key));
        }
        return map;
    }
}
