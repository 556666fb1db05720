package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Messages;
import org.junit.jupiter.api.Test;

/** The parallel layout inputs of the form: read into the scenario, checked at their fields, undone like the rest. */
class LayoutInputsTest {
    private final PlannerViewModel planner = Fixtures.planner();
    private final InputsViewModel vm = planner.inputs();
    private final LayoutInputs layout = vm.layout();

    private Estimate estimate() {
        return planner.results().estimateProperty().getValue();
    }

    private ModelSpec preset(String id) {
        return vm.presets().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /** Journey 3: Llama 3.1 70B, full fine-tuning in BF16, sequence 4,096, Megatron, 8 × H100, plain data parallel. */
    private void llama70bFullOnEightH100() {
        vm.modelProperty().set(preset("llama-3.1-70b"));
        vm.methodProperty().set(FineTuneMethod.FULL);
        vm.precisionProperty().set(Precision.BF16);
        vm.sequenceLengthProperty().set(4096);
        vm.frameworkProperty().set(Framework.MEGATRON);
        vm.gpuProperty().set(Fixtures.gpu("h100-sxm-80gb"));
        vm.gpuCountProperty().set(8);
        vm.shardingProperty().set(Sharding.NONE);
    }

    @Test
    void tensorAndPipelineParallelSplitTheWeightsOverTheEightGpus() {
        llama70bFullOnEightH100();
        long before = estimate().memory().perGpu().bytes(MemoryComponent.WEIGHTS);
        layout.tensorProperty().set(4);
        layout.pipelineProperty().set(2);
        assertEquals(new Parallelism(4, 2, 1, 1, 1, false),
                planner.currentScenario().orElseThrow().hardware().parallel());
        long after = estimate().memory().perGpu().bytes(MemoryComponent.WEIGHTS);
        // Llama 3.1 70B (L 80, h 8,192, 64 heads, 8 KV heads of 128, FFN 28,672, vocabulary 128,256, untied):
        //   linear per block = q 8,192² + k, v 2 × 8,192 × 1,024 + o 8,192² + MLP 3 × 8,192 × 28,672
        //                    = 67,108,864 + 16,777,216 + 67,108,864 + 704,643,072 = 855,638,016; × 80 = 68,451,041,280
        //   embeddings 2 × 128,256 × 8,192 = 2,101,346,304; norms 80 × 2 × 8,192 + 8,192 = 1,318,912
        //   whole model 70,553,706,496 parameters: every GPU holds them all without a layout (DDP).
        // TP 4 × PP 2 (ParameterCounter.perRank): a stage holds ⌈80/2⌉ = 40 of the 80 blocks, a quarter of each
        //   linear 0.5 × 68,451,041,280 / 4 = 8,556,380,160; one embedding table over TP 128,256 × 8,192 / 4
        //   = 262,668,288; half the norms 659,456; 8,819,707,904 parameters per GPU.
        // BF16 weights take 2 bytes each on both sides, so the weights shrink by 70,553,706,496 / 8,819,707,904.
        assertEquals(70_553_706_496.0 / 8_819_707_904.0, (double) before / after, 1e-6);
        assertEquals("8 GPUs = TP 4 \u00d7 PP 2 \u00d7 CP 1 \u00d7 1 data-parallel", vm.texts().layout().getValue());
    }

    @Test
    void theOptionsSayWhereAGpuCountCannotTakeTheLayoutAndTheCardNamesIt() {
        llama70bFullOnEightH100();
        layout.tensorProperty().set(4);
        layout.pipelineProperty().set(2);
        Parallelism asked = new Parallelism(4, 2, 1, 1, 1, false);
        List<OptionRow> rows = planner.results().optionRowsProperty().getValue();
        int dropped = 0;
        for (OptionRow r : rows) {
            HardwareSpec used = r.option().estimate().scenario().hardware();
            // The planner keeps the layout on a multiple of TP·PP·CP = 8 GPUs (TP 4 within a node), else runs the
            // count as data parallelism only: that row says so first in its changes.
            boolean keeps = used.gpuCount() % 8 == 0;
            assertEquals(keeps ? asked : Parallelism.NONE, used.parallel(), r.gpuId());
            assertEquals(!keeps, r.cell(OptionColumn.CHANGES).startsWith("without TP 4 \u00d7 PP 2 \u00d7 CP 1 on "
                    + used.gpuCount() + " GPUs"), r.cell(OptionColumn.CHANGES));
            dropped += keeps ? 0 : 1;
        }
        assertTrue(dropped > 0 && dropped < rows.size(), dropped + " of " + rows.size());
        // The exported CSV's changes say it as the table does.
        List<List<String>> csv = planner.results().csv();
        int gpus = OptionsCsv.COLUMNS.indexOf("gpus");
        int changes = OptionsCsv.COLUMNS.indexOf("changes");
        for (List<String> row : csv.subList(1, csv.size())) {
            boolean keeps = Integer.parseInt(row.get(gpus)) % 8 == 0;
            assertEquals(!keeps, row.get(changes).startsWith("without TP 4 \u00d7 PP 2 \u00d7 CP 1 on "), row.toString());
        }
        // The advice for the user's own GPU (4 × H100: 4 is no multiple of 8) says so too, before the settings.
        String own = planner.results().ownAdviceProperty().getValue().orElseThrow().changes();
        assertTrue(own.startsWith("Changes: without TP 4 \u00d7 PP 2 \u00d7 CP 1 on "), own);
        assertTrue(planner.results().captionProperty().getValue().startsWith("8 \u00d7 H100"),
                planner.results().captionProperty().getValue());
        assertTrue(planner.results().captionProperty().getValue().contains("(TP 4 \u00d7 PP 2 \u00d7 CP 1)"),
                planner.results().captionProperty().getValue());
    }

    @Test
    void theEffectiveBatchCountsDataParallelReplicasNotGpus() {
        llama70bFullOnEightH100();
        vm.microBatchProperty().set(1);
        vm.accumulationProperty().set(4);
        // 1 sequence × 4 steps × 8 replicas = 32 without a layout; TP 4 leaves 8 / 4 = 2 replicas: 8 sequences.
        assertEquals("effective batch 32 sequences", vm.texts().accumulation().getValue());
        layout.tensorProperty().set(4);
        assertEquals("effective batch 8 sequences", vm.texts().accumulation().getValue());
    }

    @Test
    void aGpuCountThatIsNoMultipleOfTheLayoutShowsAtTheCountAndKeepsTheLastResults() {
        llama70bFullOnEightH100();
        layout.tensorProperty().set(4);
        layout.pipelineProperty().set(2);
        Estimate before = estimate();
        vm.gpuCountProperty().set(12);
        assertEquals("Not a valid combination: GPU count must be a multiple of Tensor (TP) \u00d7 Pipeline (PP) "
                + "\u00d7 Context (CP) (8), was 12", vm.errorProperty(Field.GPU_COUNT).getValue());
        assertSame(before, estimate(), "the last good estimate stays");
        assertTrue(planner.stale());
        assertEquals("", vm.texts().layout().getValue());
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertEquals("Tổ hợp không hợp lệ: Số GPU phải là bội của Tensor (TP) \u00d7 Pipeline (PP) \u00d7 Ngữ cảnh (CP) "
                + "(8), nhưng đang là 12", vm.errorProperty(Field.GPU_COUNT).getValue());
        vm.gpuCountProperty().set(16);
        assertFalse(planner.stale());
        assertEquals("", vm.errorProperty(Field.GPU_COUNT).getValue());
    }

    @Test
    void tensorParallelAboveTheGpusOfANodeShowsAtItsField() {
        llama70bFullOnEightH100();
        vm.gpuCountProperty().set(16);
        layout.tensorProperty().set(16);
        // A node holds min(16, 8) = 8 of the job's GPUs (DraftReader); TP stays within a node.
        assertEquals("Not a valid combination: Tensor (TP) must be 1 to GPUs per node (8), was 16",
                vm.errorProperty(Field.TENSOR_PARALLEL).getValue());
        assertEquals("", vm.errorProperty(Field.GPU_COUNT).getValue());
    }

    @Test
    void morePipelineStagesThanLayersShowAtThePipelineField() {
        // Llama 3.1 8B (the default) has 32 layers: 40 stages on 40 GPUs leave some stage without one.
        vm.gpuCountProperty().set(40);
        layout.pipelineProperty().set(40);
        assertEquals("Not a valid combination: Pipeline (PP) must be 1 to the model's layers (32), was 40",
                vm.errorProperty(Field.PIPELINE_PARALLEL).getValue());
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertEquals("Tổ hợp không hợp lệ: Pipeline (PP) phải từ 1 đến số lớp của mô hình (32), nhưng đang là 40",
                vm.errorProperty(Field.PIPELINE_PARALLEL).getValue());
    }

    @Test
    void virtualStagesWithoutAPipelineShowAtTheirField() {
        layout.virtualStagesProperty().set(2);
        assertEquals("Not a valid combination: Virtual stages can be above 1 only when Pipeline (PP) is above 1, "
                + "was 2", vm.errorProperty(Field.VIRTUAL_STAGES).getValue());
        vm.gpuCountProperty().set(2);
        layout.pipelineProperty().set(2);
        assertEquals("", vm.errorProperty(Field.VIRTUAL_STAGES).getValue());
        assertEquals(2, planner.currentScenario().orElseThrow().hardware().parallel().virtualStages());
    }

    @Test
    void expertParallelismMeansSomethingOnlyForAMixtureOfExperts() {
        assertFalse(layout.expertAvailableProperty().getValue());
        assertEquals("Expert parallelism needs a mixture-of-experts model; Llama 3.1 8B is dense.",
                vm.texts().expertReason().getValue());
        vm.modelProperty().set(preset("mixtral-8x7b"));
        assertTrue(layout.expertAvailableProperty().getValue());
        assertEquals("", vm.texts().expertReason().getValue());
        // Mixtral's 8 experts over EP 2 on 2 data-parallel GPUs.
        vm.gpuCountProperty().set(2);
        layout.expertProperty().set(2);
        for (Field f : Field.values()) {
            assertEquals("", vm.errorProperty(f).getValue(), f.name());
        }
        assertEquals(2, planner.currentScenario().orElseThrow().hardware().parallel().expert());
    }

    @Test
    void theLayoutMattersWithMegatronOrOnceItIsSet() {
        assertFalse(layout.mattersProperty().getValue());
        vm.frameworkProperty().set(Framework.MEGATRON);
        assertTrue(layout.mattersProperty().getValue());
        vm.frameworkProperty().set(Framework.HF);
        assertFalse(layout.mattersProperty().getValue());
        layout.sequenceParallelProperty().set(true);
        assertTrue(layout.mattersProperty().getValue());
    }

    @Test
    void eachDegreeIsOneStepOfTheHistoryNamedAsInTheForm() {
        vm.gpuCountProperty().set(4);
        layout.tensorProperty().set(4);
        assertEquals("_Undo: Tensor (TP) 1 \u2192 4", vm.history().undoTextProperty().getValue());
        layout.sequenceParallelProperty().set(true);
        assertEquals("_Undo: Sequence parallel off \u2192 on", vm.history().undoTextProperty().getValue());
        vm.history().undo();
        vm.history().undo();
        assertEquals(Parallelism.NONE, planner.currentScenario().orElseThrow().hardware().parallel());
        vm.history().redo();
        assertEquals(4, layout.tensorProperty().get());
        assertEquals(new Parallelism(4, 1, 1, 1, 1, false),
                planner.currentScenario().orElseThrow().hardware().parallel());
    }
}
