package org.finetuneplanner.core;

/**
 * What a value must be, for {@link Violation}. The text layer words each one ({@code violation.<CONSTANT>}) from the
 * violation's key, bounds, value and related key.
 */
public enum Constraint {
    /** At least {@code min}. */
    AT_LEAST,
    /** Above {@code min}. */
    GREATER_THAN,
    /** From {@code min} to {@code max}, both included. */
    RANGE,
    /** Above {@code min} and at most {@code max}. */
    ABOVE_AND_AT_MOST,
    /** At least {@code min} and below {@code max}. */
    AT_LEAST_AND_BELOW,
    /** A whole number from {@code min} to {@code max}. */
    WHOLE_NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A list with at least one element. */
    NOT_EMPTY,
    /** Present: a whole number from {@code min} to {@code max}; the value lists other spellings read for it. */
    REQUIRED,
    /** An object that holds at least the keys the value lists. */
    REQUIRED_KEYS,
    /** From {@code min} to the value of the related key ({@code max}). */
    UP_TO_KEY,
    /** A divisor of the related key's value ({@code max}). */
    DIVIDES_KEY,
    /** A multiple of the related key's value ({@code max}) when {@code head_dim} is not given. */
    MULTIPLE_OF_KEY,
    /** A multiple of the related keys' product ({@code max}). */
    MULTIPLE_OF,
    /** Above 1 only when the related key is above 1. */
    ONLY_WITH_KEY_ABOVE_ONE,
    /** One of a fixed set of names; {@code related} lists them, comma-separated. */
    ONE_OF,
    /** A product of keys, written out as the related text ({@code a × b × c}), at most {@code max}. */
    PRODUCT_AT_MOST,
    /** The parameters counted from the keys the related text lists, at most {@code max}. */
    PARAMETERS_AT_MOST,
    /** The parameters trained with the key and those the related text lists, at most {@code max}. */
    TRAINABLE_AT_MOST
}
