package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of text made of {@link Span}s: the report's words with names and citations inside. Adjacent spans of one
 * kind are merged; empty spans are dropped. Immutable.
 *
 * @param spans the runs, in reading order
 */
public record Text(List<Span> spans) {
    /** No text. */
    public static final Text EMPTY = new Text(List.of());

    public Text {
        List<Span> merged = new ArrayList<>(spans.size());
        for (Span s : spans) {
            if (s.text().isEmpty()) {
                continue;
            }
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).kind() == s.kind()) {
                merged.set(last, new Span(merged.get(last).text() + s.text(), s.kind()));
            } else {
                merged.add(s);
            }
        }
        spans = List.copyOf(merged);
    }

    /** The report's own words. */
    public static Text words(String text) {
        return new Text(List.of(new Span(text, Span.Kind.WORDS)));
    }

    /** A name as its owner writes it. */
    public static Text name(String text) {
        return new Text(List.of(new Span(text, Span.Kind.NAME)));
    }

    /** A citation as published. */
    public static Text citation(String text) {
        return new Text(List.of(new Span(text, Span.Kind.CITATION)));
    }

    /** This text followed by {@code other}. */
    public Text then(Text other) {
        List<Span> all = new ArrayList<>(spans);
        all.addAll(other.spans);
        return new Text(all);
    }

    /** This text followed by words. */
    public Text then(String words) {
        return then(words(words));
    }

    /** Every span's characters, in order. */
    public String plain() {
        if (spans.size() == 1) {
            return spans.get(0).text();
        }
        StringBuilder out = new StringBuilder();
        spans.forEach(s -> out.append(s.text()));
        return out.toString();
    }

    /** The characters of the spans of one kind, each span on its own line (for tests and checks). */
    public List<String> of(Span.Kind kind) {
        return spans.stream().filter(s -> s.kind() == kind).map(Span::text).toList();
    }

    /** Whether there is no character at all. */
    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /** The characters, as {@link #plain()}. */
    @Override
    public String toString() {
        return plain();
    }
}
