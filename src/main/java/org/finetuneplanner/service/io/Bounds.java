package org.finetuneplanner.service.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range a number of a DTO record accepts. It is checked while the JSON is bound ({@link StrictValues}), so an
 * error names the value as written and, when bound from text, its line and column. On an {@code Integer} or
 * {@code Long} component the bounds are whole numbers; without the annotation any value of the type is accepted.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Bounds {

    /** Smallest value accepted. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest value accepted. */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min()} itself is refused ({@code > min} rather than {@code ≥ min}). */
    boolean minExclusive() default false;
}
