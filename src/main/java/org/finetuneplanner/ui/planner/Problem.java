package org.finetuneplanner.ui.planner;

import java.util.List;

import org.finetuneplanner.core.Violation;
import org.finetuneplanner.ui.common.Messages;

/**
 * Something wrong with an input, kept as data and worded only when shown, so a switch of language re-words it
 * without recomputing anything.
 */
public sealed interface Problem {

    /** The problem in the words of {@code messages}. */
    String words(Messages messages);

    /** A message of the app's bundle with its arguments. */
    record Text(String key, List<Object> args) implements Problem {
        public Text {
            args = List.copyOf(args);
        }

        static Text of(String key, Object... args) {
            return new Text(key, List.of(args));
        }

        @Override
        public String words(Messages messages) {
            return messages.text(key, args.toArray());
        }
    }

    /** A typed violation of the core ("Not a valid combination: Tensor (TP) must be …"), keys named as in the form. */
    record Invalid(Violation violation) implements Problem {
        @Override
        public String words(Messages messages) {
            return messages.text("error.invalid",
                    messages.words().violation(violation, FieldNames.of(messages, violation)));
        }
    }

    /**
     * A failure with its own message: {@code key}'s pattern gets {@code args} and then the failure's words as the
     * last argument ({@code error.config} = "Could not use {0}: {1}").
     */
    record Failed(String key, List<Object> args, Throwable error) implements Problem {
        public Failed {
            args = List.copyOf(args);
        }

        @Override
        public String words(Messages messages) {
            Object[] all = args.toArray(new Object[args.size() + 1]);
            all[args.size()] = messages.words().message(error);
            return messages.text(key, all);
        }
    }
}
