package org.balintobservatory.personaldata;

/**
 * Ids the guard accepted lately: a table of {@code capacity} slots, each holding the last accepted id whose hash
 * falls on it, so a repeated id is found with one comparison and the table never grows. Threads share it
 * without locks: a slot holds a whole {@code String} or nothing, and a lost write only means an id is checked
 * once more. Immutable strings only; a pure function's verdict is what is remembered, so forgetting is always
 * safe.
 */
final class AcceptedIds {

    private final String[] slots;

    /** @param capacity slots, a power of two */
    AcceptedIds(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        slots = new String[capacity];
    }

    boolean contains(String id) {
        return id.equals(slots[slot(id)]);
    }

    void add(String id) {
        slots[slot(id)] = id;
    }

    private int slot(String id) {
        int hash = id.hashCode();
        return (hash ^ (hash >>> 16)) & (slots.length - 1);
    }
}
