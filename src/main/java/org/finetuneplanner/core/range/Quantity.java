package org.finetuneplanner.core.range;

/** What an error band measures. */
public enum Quantity {
    /** Peak memory per GPU: e = (estimated − measured) / measured of the case's memory metric. */
    MEMORY,
    /** Training speed: e = (estimated − measured) / measured of tokens per second. */
    SPEED
}
