package org.finetuneplanner.ui.planner;

/**
 * One term of the explanation as shown: its name with its size, the formula, the numbers put in, and the source
 * ("" when none), each already worded.
 */
public record ExplainedTerm(String name, String formula, String numbers, String source) {
}
