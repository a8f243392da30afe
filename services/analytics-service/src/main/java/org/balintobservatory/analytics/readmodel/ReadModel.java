package org.balintobservatory.analytics.readmodel;

/**
 * The read-model collections. Each generation has its own set, named {@code <name>_g<generation>}, so a
 * rebuild fills fresh collections while the active ones keep answering.
 */
public enum ReadModel {
    /** One document per group aggregate: design history, members, sessions, cases. */
    GROUPS("groups"),
    /** One document per programme aggregate: arm, participant type, country. */
    PROGRAMMES("programmes"),
    /** One document per participant: memberships with dose, current survey responses. */
    PARTICIPANTS("participants"),
    /** One document per survey response aggregate: its owner and last applied sequence. */
    RESPONSES("responses"),
    /** One document per analysis unit × instrument × scale × timepoint pair: paired moments. */
    UNITS("units");

    private final String name;

    ReadModel(String name) {
        this.name = name;
    }

    public String collection(int generation) {
        return name + "_g" + generation;
    }
}
