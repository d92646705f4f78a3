package io.switchboard.store;

/** Which way a message travels: IN = ION to the hub, OUT = the hub to ION. */
public enum Direction {
    IN, OUT
}
