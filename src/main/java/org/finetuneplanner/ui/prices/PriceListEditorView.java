package org.finetuneplanner.ui.prices;

import java.nio.file.Path;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The price list editor: the seller and the quote above, one line per offer below (a catalog GPU chosen by id, or a
 * custom GPU with its id, name, memory, BF16 TFLOPS, FP8 and interconnect; price per GPU-hour in the list's
 * currency, the counts it is rented in, the largest job), and the problem of the last check naming its key.
 */
public final class PriceListEditorView extends BorderPane {
    private final PriceListViewModel vm;
    private final PriceListEditorViewModel editor;
    private final Texts texts;
    private final VBox offers = new VBox(6);

    /**
     * @param saveTo asks where to save (a file chooser; null: cancelled)
     * @param close  closes the editor's window
     */
    public PriceListEditorView(PriceListViewModel vm, Texts texts, Function<String, Path> saveTo, Runnable close) {
        this.vm = vm;
        this.editor = vm.editor();
        this.texts = texts;
        getStyleClass().add("price-list-editor");
        setPadding(new Insets(12));
        setTop(quote());
        offers.setId("offers");
        editor.offers().addListener((ListChangeListener<OfferRow>) c -> rebuild());
        rebuild();
        ScrollPane scroll = new ScrollPane(offers);
        scroll.setFitToWidth(true);
        Label title = label("prices.editor.offers");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        setCenter(new VBox(6, title, headings(), scroll));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        setBottom(buttons(saveTo, close));
    }

    private Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(texts.t(key));
        l.getStyleClass().add(Styles.FIELD_LABEL);
        return l;
    }

    private static TextField field(String id, StringProperty value, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount((int) width);
        return f;
    }

    private GridPane quote() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(0, 0, 10, 0));
        g.addRow(0, label("prices.editor.seller"), field("sellerField", editor.sellerProperty(), 16),
                label("prices.editor.contact"), field("contactField", editor.contactProperty(), 18));
        g.addRow(1, label("prices.editor.website"), field("websiteField", editor.websiteProperty(), 16),
                label("prices.editor.currency"), field("currencyField", editor.currencyProperty(), 5));
        g.addRow(2, label("prices.editor.rate"), field("rateField", editor.rateProperty(), 8),
                label("prices.editor.rateDate"), date("rateDateField", editor.rateDateProperty()));
        g.addRow(3, label("prices.editor.quoteDate"), date("quoteDateField", editor.quoteDateProperty()),
                label("prices.editor.validUntil"), date("validUntilField", editor.validUntilProperty()));
        return g;
    }

    private TextField date(String id, StringProperty value) {
        TextField f = field(id, value, 9);
        f.promptTextProperty().bind(texts.t("prices.editor.dateHint"));
        return f;
    }

    private void rebuild() {
        offers.getChildren().clear();
        for (int i = 0; i < editor.offers().size(); i++) {
            offers.getChildren().add(row(editor.offers().get(i), i));
        }
    }

    /** Column widths of an offer's first line, shared by the headings above the offers. */
    private static final double[] WIDTHS = {200, 130, 120, 110};

    /** The headings over the offers' first lines: GPU, price in the list's currency, rental counts, largest job. */
    private HBox headings() {
        Label gpu = label("prices.editor.gpu");
        Label price = new Label();
        price.getStyleClass().add(Styles.FIELD_LABEL);
        price.textProperty().bind(Bindings.createStringBinding(() -> texts.messages()
                .getValue().text("prices.editor.price", editor.currencyProperty().get()), texts.messages(),
                editor.currencyProperty()));
        Label units = label("prices.editor.units");
        Label max = label("prices.editor.max");
        Label[] all = {gpu, price, units, max};
        for (int i = 0; i < all.length; i++) {
            all[i].setPrefWidth(WIDTHS[i]);
            all[i].setMinWidth(WIDTHS[i]);
            all[i].setWrapText(true);
        }
        return new HBox(6, all);
    }

    /**
     * One offer: its GPU, price, rental counts and largest job, and a remove button; a custom GPU's name, memory,
     * BF16 TFLOPS, FP8 and interconnect on a second line.
     */
    private Node row(OfferRow r, int index) {
        Node gpu;
        if (r.isCustom()) {
            TextField id = field("offerId-" + index, r.gpuProperty(), 9);
            id.promptTextProperty().bind(texts.t("prices.editor.custom"));
            gpu = id;
        } else {
            ComboBox<String> box = new ComboBox<>();
            box.setId("offerGpu-" + index);
            box.getItems().setAll(editor.catalogIds());
            box.valueProperty().bindBidirectional(r.gpuProperty());
            gpu = box;
        }
        TextField price = field("offerPrice-" + index, r.priceProperty(), 7);
        TextField units = field("offerUnits-" + index, r.unitsProperty(), 7);
        TextField max = field("offerMax-" + index, r.maxGpusProperty(), 3);
        Control[] first = {(Control) gpu, price, units, max};
        for (int i = 0; i < first.length; i++) {
            first[i].setPrefWidth(WIDTHS[i]);
            first[i].setMinWidth(WIDTHS[i]);
        }
        Button remove = new Button();
        remove.textProperty().bind(texts.t("prices.editor.remove"));
        remove.setOnAction(e -> editor.remove(r));
        HBox line = new HBox(6, gpu, price, units, max, remove);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox offer = new VBox(4, line);
        offer.setId("offer-" + index);
        offer.getStyleClass().add("offer-row");
        if (r.isCustom()) {
            TextField name = field("offerName-" + index, r.nameProperty(), 12);
            TextField memory = field("offerMemory-" + index, r.memoryProperty(), 5);
            TextField tflops = field("offerTflops-" + index, r.tflopsProperty(), 5);
            CheckBox fp8 = new CheckBox();
            fp8.textProperty().bind(texts.t("prices.editor.fp8"));
            fp8.selectedProperty().bindBidirectional(r.fp8Property());
            fp8.setMinWidth(Region.USE_PREF_SIZE);
            ComboBox<PriceList.Link> link = new ComboBox<>();
            link.getItems().setAll(PriceList.Link.values());
            link.setConverter(new StringConverter<>() {
                @Override
                public String toString(PriceList.Link value) {
                    return value == null ? "" : value.id();
                }

                @Override
                public PriceList.Link fromString(String text) {
                    return PriceList.Link.fromId(text).orElse(null);
                }
            });
            link.valueProperty().bindBidirectional(r.linkProperty());
            HBox details = new HBox(6, label("prices.editor.name"), name, label("prices.editor.memory"), memory,
                    label("prices.editor.tflops"), tflops, fp8, label("prices.editor.link"), link);
            details.setAlignment(Pos.CENTER_LEFT);
            details.setPadding(new Insets(0, 0, 0, 24));
            offer.getChildren().add(details);
        }
        return offer;
    }

    private VBox buttons(Function<String, Path> saveTo, Runnable close) {
        Button catalog = texts.button("addCatalogOffer", "prices.editor.addCatalog", editor::addCatalogOffer);
        Button custom = texts.button("addCustomOffer", "prices.editor.addCustom", editor::addCustomOffer);
        Button save = texts.button("savePriceList", "prices.editor.save", () -> {
            if (editor.check().isPresent()) {
                Path file = saveTo.apply(texts.now().text("prices.editor.fileName") + ".json");
                if (file != null) {
                    vm.saveAndUse(file).thenAccept(saved -> {
                        if (saved) {
                            close.run();
                        }
                    });
                }
            }
        });
        save.setDefaultButton(true);
        Button closeButton = texts.button("closePriceList", "prices.editor.close", close);
        closeButton.setCancelButton(true);
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, catalog, custom, spacer, closeButton, save);
        Label problem = new Label();
        problem.setId("priceListProblem");
        problem.getStyleClass().add(Styles.FIELD_ERROR);
        problem.setWrapText(true);
        problem.textProperty().bind(editor.problemProperty());
        problem.visibleProperty().bind(editor.problemProperty().map(t -> !t.isEmpty()));
        problem.managedProperty().bind(problem.visibleProperty());
        VBox box = new VBox(8, problem, row);
        box.setPadding(new Insets(10, 0, 0, 0));
        return box;
    }

}
