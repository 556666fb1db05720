package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportMeta;

/**
 * What a report says, as data: builds a {@link ReportDocument} from the report's data and the text layer, in the
 * report's language. No layout here: a section is a function from the data to blocks, so a new section is one more
 * entry in {@link #SECTIONS}. Pure; a new {@link Wording} per call, so it is thread-safe.
 */
public final class ReportContent {
    /** Document information keeps a name whole up to this many characters (a PDF viewer shows the title bar). */
    public static final int METADATA_CHARACTERS = 1_000;

    /** The glossary: the one section a comparison shows once for all its scenarios (see {@link #SECTIONS}). */
    static final BiFunction<ReportData, Wording, List<Block>> GLOSSARY = GlossarySection::blocks;

    /**
     * The body's sections, in reading order: what the customer decides on first, the method last. A comparison
     * shows each of them for each scenario, except the shared {@link #GLOSSARY}.
     */
    static final List<BiFunction<ReportData, Wording, List<Block>>> SECTIONS = List.of(
            SummarySection::blocks,
            ScenarioSection::blocks,
            MemorySection::blocks,
            OptionsSection::blocks,
            CostSection::blocks,
            SensitivitySection::blocks,
            NextStepsSection::blocks,
            GLOSSARY,
            MethodSection::blocks);

    private ReportContent() {
    }

    /** The whole report of {@code data}. */
    public static ReportDocument of(ReportData data) {
        ReportMeta meta = data.meta();
        Wording w = new Wording(meta.language(), meta.prices());
        List<Block> body = new ArrayList<>();
        for (BiFunction<ReportData, Wording, List<Block>> section : SECTIONS) {
            body.addAll(section.apply(data, w));
        }
        String date = w.f().date(meta.date());
        Text title = Text.name(data.title());
        Text product = Text.words(w.plain("report.product"));
        ReportDocument.Running running = new ReportDocument.Running(product.then(" · ").then(title),
                runningRight(meta, w, date), Text.words(date));
        return new ReportDocument(meta.language(), meta.paper(), cover(meta, w, Text.words(w.plain("report.title")),
                title, product, date), body, running, metadata(meta, w.plain("report.title"), data.title()), late(w));
    }

    /** The running header's right side: who the report is for, or its date. */
    static Text runningRight(ReportMeta meta, Wording w, String date) {
        return meta.customer().isEmpty() ? Text.words(date) : w.text("header.for", Text.name(meta.customer()));
    }

    /** A cover with {@code heading} ("Fine-tuning plan") over {@code subtitle}, and who it is for and by. */
    static ReportDocument.Cover cover(ReportMeta meta, Wording w, Text heading, Text subtitle, Text product,
                                     String date) {
        List<ReportDocument.Entry> entries = new ArrayList<>();
        if (!meta.customer().isEmpty()) {
            entries.add(new ReportDocument.Entry(Text.words(w.plain("cover.preparedFor")), Text.name(meta.customer())));
        }
        NextStepsSection.contact(meta).ifPresent(by -> entries.add(new ReportDocument.Entry(
                Text.words(w.plain("cover.preparedBy")), by)));
        entries.add(new ReportDocument.Entry(Text.words(w.plain("cover.date")), Text.words(date)));
        return new ReportDocument.Cover(product, heading, subtitle, entries,
                Text.words(w.plain("section.contents")), w.sellers("cover.disclaimer"), meta.logo());
    }

    /** The file's information: "{heading} — {subject}", who prepared it, the subject, the language. */
    static ReportDocument.Metadata metadata(ReportMeta meta, String heading, String subject) {
        List<String> by = new ArrayList<>();
        if (!meta.consultant().isEmpty()) {
            by.add(meta.consultant());
        }
        if (!meta.company().isEmpty()) {
            by.add(meta.company());
        }
        return new ReportDocument.Metadata(info(heading + " — " + subject), info(String.join(", ", by)),
                info(subject), meta.language().id());
    }

    /** Document information: no control or direction characters, at most {@link #METADATA_CHARACTERS}. */
    private static String info(String s) {
        return SafeText.shorten(SafeText.strip(SafeText.shorten(s, 2 * METADATA_CHARACTERS)), METADATA_CHARACTERS);
    }

    static ReportDocument.Late late(Wording w) {
        return new ReportDocument.Late() {
            @Override
            public Text page(int page, int pages) {
                return Text.words(w.plain("footer.page", page, pages));
            }

            @Override
            public Text missingCharacters(String characters, String shownAs) {
                return w.text("report.missingCharacters", Text.citation(characters), shownAs);
            }
        };
    }
}
