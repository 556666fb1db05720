package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A table: its columns, rows of typed cells and an optional footnote kept with its last rows. The layout repeats
 * the header on a continued page and never leaves one row, or the footnote, alone on a page.
 *
 * @param columns   the columns, left to right
 * @param rows      the rows, top to bottom; each has one cell per column
 * @param density   how much it holds per line (font size)
 * @param keyColumn the first column names what the others give (label and value tables): set in bold
 * @param footnote  small print under the table (units, legend), kept with it
 */
public record Table(List<Column> columns, List<Row> rows, Density density, boolean keyColumn,
                    Optional<Text> footnote) implements Block {

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        Objects.requireNonNull(density, "density");
        Objects.requireNonNull(footnote, "footnote");
        for (Row r : rows) {
            if (r.cells().size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + r.cells().size() + " cells for " + columns.size()
                        + " columns");
            }
        }
    }

    @Override
    public boolean keepWithNext() {
        return false;
    }

    /** Whether any column has a header (label and value tables have none). */
    public boolean hasHeader() {
        return columns.stream().anyMatch(c -> !c.header().isEmpty());
    }

    /** The same table with a footnote. */
    public Table withFootnote(Text note) {
        return new Table(columns, rows, density, keyColumn, Optional.of(note));
    }

    /** A table of one row per item, built column by column: a new column is one more {@link Builder#column}. */
    public static <T> Builder<T> of(List<T> items) {
        return new Builder<>(items);
    }

    /** A two-column table of labels and values, without a header: a quarter of the width for the labels. */
    public static Table keyValue(List<Cell[]> pairs, Density density) {
        return keyValue(pairs, density, 1.1f);
    }

    /** A two-column table of labels and values, without a header, the labels' column {@code labels}/4 wide. */
    public static Table keyValue(List<Cell[]> pairs, Density density, float labels) {
        List<Row> rows = new ArrayList<>(pairs.size());
        for (Cell[] pair : pairs) {
            rows.add(new Row(List.of(pair[0], pair[1]), false));
        }
        return new Table(List.of(new Column(Text.EMPTY, labels, Align.LEFT), new Column(Text.EMPTY, 4.1f - labels,
                Align.LEFT)), rows, density, true, Optional.empty());
    }

    /** Font size classes, from roomy to dense. */
    public enum Density {
        /** Label and value tables of the summary and the scenario. */
        ROOMY,
        /** Comparisons of a few columns. */
        NORMAL,
        /** Wide comparisons. */
        COMPACT,
        /** Formulas with their sources. */
        DENSE
    }

    /** Where a column's cells sit. */
    public enum Align { LEFT, RIGHT }

    /**
     * A column.
     *
     * @param header its heading (empty for label and value tables)
     * @param weight its share of the width, against the other columns'
     * @param align  left for words, right for figures
     */
    public record Column(Text header, float weight, Align align) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(align, "align");
            if (!(weight > 0)) {
                throw new IllegalArgumentException("weight " + weight);
            }
        }
    }

    /**
     * A row.
     *
     * @param cells       one per column
     * @param highlighted tinted (the recommended option, a total)
     */
    public record Row(List<Cell> cells, boolean highlighted) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * A cell: words that wrap at spaces, or a figure (a number with its unit or currency) that is never broken.
     *
     * @param text the content
     * @param kind how it may be broken
     * @param tone how it stands out: plain, or a warning the reader must not miss (a {@code tight} fit)
     */
    public record Cell(Text text, Kind kind, Tone tone) {
        public Cell {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(tone, "tone");
        }

        /** A plain cell. */
        public Cell(Text text, Kind kind) {
            this(text, kind, Tone.PLAIN);
        }

        /** The same cell in another tone. */
        public Cell in(Tone value) {
            return new Cell(text, kind, value);
        }

        /** Words. */
        public static Cell of(Text text) {
            return new Cell(text, Kind.TEXT);
        }

        /** Words of the report. */
        public static Cell words(String text) {
            return of(Text.words(text));
        }

        /** A name as given. */
        public static Cell name(String text) {
            return of(Text.name(text));
        }

        /** A figure, kept on one line. */
        public static Cell figure(String text) {
            return new Cell(Text.words(text), Kind.FIGURE);
        }

        /** How a cell stands out. */
        public enum Tone {
            /** As the table's other cells. */
            PLAIN,
            /** A warning: bold, in the warning colour (a {@code tight} fit, a risk to read before buying). */
            WARNING
        }

        /** How a cell may be broken across lines. */
        public enum Kind {
            /** Words: broken at spaces (a no-break space holds), a word longer than the cell where it must. */
            TEXT,
            /**
             * A number with its unit or currency ("76,82 US$", "36,9 / 191,2"): never broken; a line feed puts a
             * second figure on a line of its own (a figure over its range).
             */
            FIGURE
        }
    }

    /**
     * Builds a table of one row per item.
     *
     * @param <T> the item of a row
     */
    public static final class Builder<T> {
        private final List<T> items;
        private final List<Column> columns = new ArrayList<>();
        private final List<Function<T, Cell>> cells = new ArrayList<>();
        private Predicate<T> highlighted = t -> false;
        private Density density = Density.NORMAL;

        private Builder(List<T> items) {
            this.items = List.copyOf(items);
        }

        /** A column of words or names. */
        public Builder<T> column(Text header, float weight, Function<T, Cell> cell) {
            return add(new Column(header, weight, Align.LEFT), cell);
        }

        /** A column of cells aligned as {@code align} says (right-aligned words: a figure with its range below). */
        public Builder<T> column(Text header, float weight, Align align, Function<T, Cell> cell) {
            return add(new Column(header, weight, align), cell);
        }

        /** A column of figures, right-aligned. */
        public Builder<T> figures(Text header, float weight, Function<T, String> figure) {
            return add(new Column(header, weight, Align.RIGHT), t -> Cell.figure(figure.apply(t)));
        }

        private Builder<T> add(Column column, Function<T, Cell> cell) {
            columns.add(column);
            cells.add(cell);
            return this;
        }

        /** Which rows are tinted. */
        public Builder<T> highlight(Predicate<T> which) {
            this.highlighted = which;
            return this;
        }

        /** How much the table holds per line (normal by default). */
        public Builder<T> density(Density value) {
            this.density = value;
            return this;
        }

        /** The table: one row per item, in the items' order, without a footnote. */
        public Table build() {
            List<Row> rows = new ArrayList<>(items.size());
            for (T item : items) {
                List<Cell> row = new ArrayList<>(cells.size());
                cells.forEach(c -> row.add(c.apply(item)));
                rows.add(new Row(row, highlighted.test(item)));
            }
            return new Table(columns, rows, density, false, Optional.empty());
        }
    }
}
