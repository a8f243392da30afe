package org.balintobservatory.analytics.readmodel;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.survey.Timepoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of a consortium shaped like the scale consortium's groups (11 members, weekly sessions, one
 * case each, a baseline and a post survey per member), in the order the services publish a school's
 * load: every group formed, then session by session across the groups, then the surveys. Deterministic,
 * so that counts of work taken over it are the same on every run.
 */
public final class ConsortiumStream {

    public static final int MEMBERS = 11;

    private ConsortiumStream() {
    }

    /**
     * @param institutions schools, each with its own programme
     * @param groups       groups per school
     * @param sessions     sessions per group
     */
    public static List<ConsumedEvent> events(int institutions, int groups, int sessions) {
        List<ConsumedEvent> all = new ArrayList<>();
        for (int i = 0; i < institutions; i++) {
            EventStream stream = new EventStream("school-" + (char) ('a' + i));
            stream.programme("prog", i % 2 == 0 ? Arm.INTERVENTION : Arm.CONTROL);
            List<List<String>> rosters = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<String> roster = new ArrayList<>();
                for (int m = 0; m < MEMBERS; m++) {
                    roster.add("p-" + (char) ('a' + g) + "-" + (char) ('a' + m));
                }
                rosters.add(roster);
                stream.group(group(g), "prog", roster.toArray(String[]::new));
            }
            CaseTheme[] themes = CaseTheme.values();
            for (int s = 0; s < sessions; s++) {
                for (int g = 0; g < groups; g++) {
                    List<String> roster = rosters.get(g);
                    // Everyone but one member, a different one each week, is present.
                    List<String> present = new ArrayList<>(roster);
                    present.remove(s % roster.size());
                    stream.session(group(g), "s-" + s, EventStream.START.plusWeeks(s), roster, present,
                            themes[(s + g) % themes.length]);
                }
            }
            for (int g = 0; g < groups; g++) {
                int m = 0;
                for (String participant : rosters.get(g)) {
                    stream.survey(participant + "-pre", participant, "prog", group(g), Timepoint.BASELINE, 100 + m);
                    stream.survey(participant + "-post", participant, "prog", group(g), Timepoint.POST, 104 + 2 * m++);
                }
            }
            all.addAll(stream.drain());
        }
        return all;
    }

    /** The events in consecutive batches of at most {@code size}, as a consumer polls them. */
    public static List<List<ConsumedEvent>> batches(List<ConsumedEvent> events, int size) {
        List<List<ConsumedEvent>> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += size) {
            batches.add(events.subList(from, Math.min(events.size(), from + size)));
        }
        return batches;
    }

    private static String group(int g) {
        return "grp-" + (char) ('a' + g);
    }
}
