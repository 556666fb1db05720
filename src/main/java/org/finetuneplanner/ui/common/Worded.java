package org.finetuneplanner.ui.common;

/**
 * Words made when shown, in the language of that moment: a {@link Phrase}, or an argument of one that is worded
 * elsewhere (an undone change). Call on the FX thread.
 */
@FunctionalInterface
public interface Worded {
    String words(Messages m);
}
