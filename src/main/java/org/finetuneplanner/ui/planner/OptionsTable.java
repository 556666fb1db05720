package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The GPU options table: a column per {@link OptionColumn}, each as wide as its longest text (the columns that do
 * not fit the width give way, least important first: {@link ColumnFit}); options that do not fit after all others
 * in every order; tight and non-fitting rows marked; the reasons on a row's tooltip and the caveats on the caveat
 * cell's. Selecting a row makes its option the user's setup. Only layout and binding.
 */
final class OptionsTable extends TableView<OptionRow> {
    private final ResultsViewModel vm;
    private final ObservableList<OptionRow> rows = FXCollections.observableArrayList();
    private final List<TableColumn<OptionRow, OptionRow>> columns = new ArrayList<>();
    private final Text measure = new Text();
    private double[] needed = new double[OptionColumn.values().length];
    /** Each header's width in its font (with room for the sort arrow): measured again only when words or font change. */
    private final double[] headers = new double[OptionColumn.values().length];
    private Set<OptionColumn> shown = EnumSet.allOf(OptionColumn.class);
    private boolean syncingSelection;

    OptionsTable(ResultsViewModel vm, Texts texts) {
        this.vm = vm;
        setId("optionsTable");
        getStyleClass().addAll("options-table", "dense");
        // Widths set here, not by a resize policy: each shown column as wide as its text needs, the GPU column
        // taking what is left (a constrained policy shrank the last column below its text after the rows changed).
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // The items sort by themselves (their comparator follows the table's, the rows that do not fit last):
        // the default policy refuses a list whose comparator is not the table's own and undoes the sort order.
        setSortPolicy(table -> true);
        setMinHeight(120);
        SortedList<OptionRow> sorted = new SortedList<>(rows);
        // Options that do not fit come last in every order, whatever column and direction the user sorts by.
        sorted.comparatorProperty().bind(comparatorProperty().map(OptionRow::noLast)
                .orElse(OptionRow.noLast(null)));
        setItems(sorted);
        for (OptionColumn oc : OptionColumn.values()) {
            columns.add(column(oc, texts));
        }
        getColumns().setAll(columns);
        // Cheapest first: what a customer asks about first; any header click re-sorts.
        getSortOrder().setAll(List.of(columns.get(OptionColumn.COST.ordinal())));
        setRowFactory(tv -> new OptionTableRow());
        bind();
    }

    private TableColumn<OptionRow, OptionRow> column(OptionColumn oc, Texts texts) {
        TableColumn<OptionRow, OptionRow> c = new TableColumn<>();
        c.setId("column-" + oc.id());
        // The header as a label of its own: it carries the column's tooltip (what it says, its unit).
        Label header = new Label();
        header.textProperty().bind(texts.t(oc.headerKey()));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(texts.t(oc.tipKey()));
        tip.setWrapText(true);
        tip.setMaxWidth(380);
        header.setTooltip(tip);
        header.getStyleClass().add("column-header-label");
        c.setGraphic(header);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new OptionCell(oc));
        c.setComparator(oc.comparator());
        return c;
    }

    private void bind() {
        vm.optionRowsProperty().subscribe(list -> {
            syncingSelection = true;
            try {
                rows.setAll(list);
            } finally {
                syncingSelection = false;
            }
            fitColumns();
            selectCurrentRow();
        });
        vm.selectedGpuIdProperty().subscribe(id -> selectCurrentRow());
        // A change only, not subscribe(): its first call with the row selected above would replace the inputs by
        // that option's (a saved 1 × RTX 4090 that does not fit became the plan's 64 × when the window opened).
        getSelectionModel().selectedItemProperty().addListener((obs, was, r) -> {
            if (!syncingSelection && r != null) {
                vm.selectOption(r.gpuId());
            }
        });
        // A new width arrives in the middle of a layout pass: columns shown or hidden then left the header row as it
        // was (the cells had the mark and offload columns, the headers not: "Time" above the memory after a restart
        // at 1280 px). Fitted just after the pass instead.
        widthProperty().subscribe(w -> Platform.runLater(this::fitColumns));
        // The headers' font follows the style sheets (a zoom changes it): the cells' font size is theirs.
        header(OptionColumn.GPU).fontProperty().subscribe(f -> {
            measureHeaders();
            fitColumns();
        });
        // A language switch re-words the headers after the rows, maybe: measure again with the new words.
        for (OptionColumn oc : OptionColumn.values()) {
            header(oc).textProperty().subscribe(t -> {
                measureHeaders();
                fitColumns();
            });
        }
    }

    private Label header(OptionColumn oc) {
        return (Label) columns.get(oc.ordinal()).getGraphic();
    }

    /**
     * The headers measured on their own (their words are often wider than any cell's), with room for the sort arrow:
     * not on every new plan (a slider tick), only when their words or font change.
     */
    private void measureHeaders() {
        Font font = header(OptionColumn.GPU).getFont();
        measure.setFont(font);
        for (OptionColumn oc : OptionColumn.values()) {
            headers[oc.ordinal()] = width(header(oc).getText()) + 1.2 * font.getSize();
        }
    }

    /** Shows the columns that fit at the width their texts need (see {@link ColumnFit}). */
    private void fitColumns() {
        double width = getWidth();
        if (width <= 0) {
            return;
        }
        Font font = header(OptionColumn.GPU).getFont();
        double em = font.getSize();
        measure.setFont(font);
        double padding = 1.4 * em;
        for (OptionColumn oc : OptionColumn.values()) {
            String longest = "";
            for (OptionRow r : rows) {
                String cell = r.cell(oc);
                if (cell.length() > longest.length()) {
                    longest = cell;
                }
            }
            // The longest cell by its characters: a tenth more keeps a text with wider glyphs whole.
            needed[oc.ordinal()] = Math.ceil(Math.max(headers[oc.ordinal()], width(longest) * 1.1) + padding);
        }
        // The vertical scroll bar and the borders take their part of the width.
        double available = width - 1.8 * em;
        Set<OptionColumn> before = shown;
        shown = ColumnFit.visible(needed, available, em, shown);
        double used = 0;
        for (OptionColumn oc : shown) {
            used += needed[oc.ordinal()];
        }
        double spare = Math.max(0, Math.floor(available - used));
        for (OptionColumn oc : OptionColumn.values()) {
            TableColumn<OptionRow, OptionRow> c = columns.get(oc.ordinal());
            double w = needed[oc.ordinal()] + (oc == OptionColumn.GPU ? spare : 0);
            c.setVisible(shown.contains(oc));
            c.setMinWidth(needed[oc.ordinal()]);
            c.setPrefWidth(w);
        }
        // Cells of a column that was hidden kept the text at the top of their rows once shown (at 2560 px wide):
        // new cells when the columns shown change.
        if (!shown.equals(before)) {
            refresh();
        }
    }

    private double width(String text) {
        measure.setText(text == null ? "" : text);
        return measure.getLayoutBounds().getWidth();
    }

    /** The columns shown now (for tests). */
    Set<OptionColumn> shownColumns() {
        return EnumSet.copyOf(shown);
    }

    private void selectCurrentRow() {
        String id = vm.selectedGpuIdProperty().getValue();
        syncingSelection = true;
        try {
            List<OptionRow> items = getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).gpuId().equals(id)) {
                    getSelectionModel().select(i);
                    // The rows from the top (the cheapest first, as the recommendation reads it), then as little
                    // scrolling as it takes to show the selected row whole, once the rows are laid out.
                    scrollTo(0);
                    int selected = i;
                    Platform.runLater(() -> {
                        if (getSelectionModel().getSelectedIndex() == selected
                                && lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                            reveal(flow, selected);
                        }
                    });
                    return;
                }
            }
            getSelectionModel().clearSelection();
        } finally {
            syncingSelection = false;
        }
    }

    /**
     * Shows row {@code index} whole with as little scrolling from the top as it takes: the rows from the top when it
     * is among the rows the height holds, else it is the last whole row shown (VirtualFlow.scrollTo puts a row out of
     * view on top, hiding the cheaper rows above it).
     */
    private static void reveal(VirtualFlow<?> flow, int index) {
        IndexedCell<?> any = flow.getFirstVisibleCell();
        if (any == null || any.getHeight() <= 0) {
            flow.scrollTo(index);
            return;
        }
        int rows = Math.max(1, (int) Math.floor(flow.getHeight() / any.getHeight()));
        flow.scrollToTop(Math.max(0, index - rows + 1));
    }

    /** One cell: its column's text, numbers on the right, the status coloured, the caveats on a tooltip. */
    private final class OptionCell extends TableCell<OptionRow, OptionRow> {
        private final OptionColumn column;
        private Tooltip caveats;

        OptionCell(OptionColumn column) {
            this.column = column;
            if (column.numeric()) {
                setAlignment(Pos.CENTER_RIGHT);
            }
            getStyleClass().add("cell-" + column.id());
            if (column == OptionColumn.CAVEATS) {
                // Text made when the tooltip shows: rows update on every tick, tooltips rarely show.
                caveats = new Tooltip();
                caveats.setWrapText(true);
                caveats.setMaxWidth(480);
                caveats.setOnShowing(e -> caveats.setText(getItem() == null ? "" : vm.caveats(getItem())));
            }
        }

        @Override
        protected void updateItem(OptionRow item, boolean empty) {
            super.updateItem(item, empty);
            boolean none = empty || item == null;
            setText(none ? null : item.cell(column));
            if (caveats != null) {
                Tooltip wanted = none || item.option().caveats().isEmpty() ? null : caveats;
                if (getTooltip() != wanted) {
                    setTooltip(wanted);
                }
            }
        }
    }

    /** A row: marked tight or not fitting; its tooltip the planner's reasons and changes. */
    private final class OptionTableRow extends TableRow<OptionRow> {
        // One tooltip per row, its text made only when it is about to show: rows update on every tick.
        private final Tooltip reason = new Tooltip();

        OptionTableRow() {
            reason.setWrapText(true);
            reason.setMaxWidth(480);
            reason.setOnShowing(e -> reason.setText(getItem() == null ? "" : vm.reasons(getItem())));
        }

        @Override
        protected void updateItem(OptionRow item, boolean empty) {
            super.updateItem(item, empty);
            boolean none = empty || item == null;
            pseudoClassStateChanged(Styles.NO_FIT, !none && item.status() == FitStatus.NO);
            pseudoClassStateChanged(Styles.TIGHT, !none && item.status() == FitStatus.TIGHT);
            Tooltip wanted = none ? null : reason;
            if (getTooltip() != wanted) {
                setTooltip(wanted);
            }
        }
    }
}
