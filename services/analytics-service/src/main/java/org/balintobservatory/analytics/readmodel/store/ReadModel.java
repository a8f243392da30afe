package org.balintobservatory.analytics.readmodel.store;

/**
 * The read-model collections. Each generation has its own set, named {@code <name>_g<generation>}, so a
 * rebuild fills fresh collections while the active ones keep answering.
 *
 * <p>Two kinds live side by side. <em>Histories</em> (group sessions, participants, response owners, unit
 * pairs) are what the projection needs to apply the next event exactly once; only the projection and a
 * school's look at one of its own groups or participants read them. <em>Query-shaped documents</em>
 * (unit tables, institution profiles and totals) are small, one per thing a query lists, kept up to date
 * by the projection, so that an answer reads what it reports and nothing more.
 */
public enum ReadModel {
    /**
     * One document per group aggregate: design history, members, each session's tally and each attendee's
     * dose; what a school's look at the group reports.
     */
    GROUPS("groups"),
    /** One document per session of a group: who attended and the cases presented, for corrections and voids. */
    GROUP_SESSIONS("group_sessions"),
    /** One document per programme aggregate: arm, participant type, country. */
    PROGRAMMES("programmes"),
    /** One document per participant: memberships with dose, current survey responses. */
    PARTICIPANTS("participants"),
    /** One document per survey response aggregate: its owner and last applied sequence. */
    RESPONSES("responses"),
    /** One document per analysis unit × instrument × scale × timepoint pair: each participant's pair. */
    UNIT_PAIRS("unit_pairs"),
    /**
     * One document per level × instrument × scale × timepoint pair × institution: the paired moments of
     * each of the institution's units, what comparisons, meta-regressions and {@code /units} read.
     */
    UNIT_TABLES("unit_tables"),
    /** One document per institution: the moderators of each of its groups and programmes. */
    INSTITUTIONS("institutions"),
    /** One document per institution: each group's sessions and attendance by month. */
    INSTITUTION_ACTIVITY("institution_activity"),
    /** One document per institution: the pseudonymous ids of its participants, to count them once. */
    PARTICIPANT_DIRECTORY("participant_directory"),
    /** One document per institution: the counters the overview and the school summary read. */
    INSTITUTION_TOTALS("institution_totals"),
    /** One document: the ids of every institution, where a question over all of them starts. */
    CATALOGUE("catalogue"),
    /**
     * In a data release only: one document per unit, the participants it counted in that release, so that
     * the next release can tell how many participants each unit changed by. Never read by an answer.
     */
    RELEASE_MEMBERS("release_members"),
    /**
     * In a data release only: one document per institution × instrument × scale × timepoint pair: for each group
     * the release publishes, its participants' paired scores summed by sessions attended, what a participant-level
     * model is fitted from. Never in an answer.
     */
    DOSE_TABLES("dose_tables");

    private final String name;

    ReadModel(String name) {
        this.name = name;
    }

    public String collection(int generation) {
        return name + "_g" + generation;
    }

    /** The collection's name without a generation, as data releases name their copies. */
    public String baseName() {
        return name;
    }
}
