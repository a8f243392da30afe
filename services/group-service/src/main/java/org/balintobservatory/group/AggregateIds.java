package org.balintobservatory.group;

/** Client-chosen ids are unique within an institution; the aggregate id makes them unique everywhere. */
public final class AggregateIds {

    private AggregateIds() {
    }

    public static String of(String institutionId, String localId) {
        return institutionId + "/" + localId;
    }
}
