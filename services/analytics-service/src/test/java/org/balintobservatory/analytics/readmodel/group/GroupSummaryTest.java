package org.balintobservatory.analytics.readmodel.group;

import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupDesignChangedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.ParticipantWithdrewEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GroupSummaryTest {

    private static final LocalDate START = LocalDate.of(2026, 9, 7);
    private static final GroupDesign WEEKLY = new GroupDesign(10, MeetingFrequency.WEEKLY, 90, SessionFormat.IN_PERSON,
            new Facilitation(FacilitationStyle.CLASSIC_BALINT, 1, List.of(LeaderBackground.GP), false));

    private final GroupSummary summary = new GroupSummary("s/g-1");
    private final List<String> touched = new ArrayList<>();
    private long sequence;

    private void apply(Object event) {
        summary.apply(sequence++, Instant.EPOCH, event, touched::add);
    }

    @Test
    void weeklySessionsAreAboutFourAndAThirdPerMonthWhateverTheirNumber() {
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        for (int week = 0; week < 30; week++) {
            apply(new SessionHeldEvent("s", "g-1", "s-" + week, START.plusWeeks(week), 90, SessionFormat.IN_PERSON, 1, 0, 0));
        }
        // 29 intervals of 7 days over 203 days: 29 / (203 / 30.4375) = 30.4375 / 7.
        assertThat(summary.sessionsPerMonth()).isCloseTo(30.4375 / 7, within(1e-9));
    }

    @Test
    void oneSessionHasNoObservedFrequency() {
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        apply(new SessionHeldEvent("s", "g-1", "s-1", START, 90, SessionFormat.IN_PERSON, 1, 0, 0));
        assertThat(summary.sessionsPerMonth()).isNull();
    }

    @Test
    void membersOverTimeFollowEnrolmentsAndWithdrawals() {
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        apply(new ParticipantEnrolledEvent("s", "g-1", "m-1", START));
        apply(new ParticipantEnrolledEvent("s", "g-1", "m-2", START));
        apply(new ParticipantEnrolledEvent("s", "g-1", "m-3", START.plusDays(10)));
        apply(new ParticipantWithdrewEvent("s", "g-1", "m-2", START.plusDays(40)));

        assertThat(summary.membersOverTime()).containsExactly(new GroupSummary.MembersAt(START, 2),
                new GroupSummary.MembersAt(START.plusDays(10), 3), new GroupSummary.MembersAt(START.plusDays(40), 2));
        assertThat(summary.activeMembers()).isEqualTo(2);
        assertThat(summary.withdrawals()).isEqualTo(1);
        assertThat(touched).containsExactly("m-1", "m-2", "m-3", "m-2");
    }

    @Test
    void aSessionWhoseRegisterLeavesOutAMemberEnrolledByItsDayIsIncomplete() {
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        apply(new ParticipantEnrolledEvent("s", "g-1", "a", START));
        apply(new ParticipantEnrolledEvent("s", "g-1", "b", START));
        // Withdrew after session 1: expected there only, and named there.
        apply(new ParticipantEnrolledEvent("s", "g-1", "d", START));
        session("s-1", START.plusWeeks(1), "a", "b", "d");
        apply(new ParticipantWithdrewEvent("s", "g-1", "d", START.plusWeeks(1).plusDays(1)));
        session("s-2", START.plusWeeks(2), "a", "b");
        // Enrolled now with the first day: the registers of sessions 1 and 2 did not name them, session 3's does.
        apply(new ParticipantEnrolledEvent("s", "g-1", "c", START));
        session("s-3", START.plusWeeks(3), "a", "b", "c");

        assertThat(summary.incompleteRegisters()).containsExactly(new GroupSummary.SessionRef(1, START.plusWeeks(1)),
                new GroupSummary.SessionRef(2, START.plusWeeks(2)));
    }

    @Test
    void registersThatNameEveryMemberEnrolledByTheirDayAreComplete() {
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        apply(new ParticipantEnrolledEvent("s", "g-1", "a", START));
        session("s-1", START.plusWeeks(1), "a");
        // Joined after session 1, dated after it: not expected there.
        apply(new ParticipantEnrolledEvent("s", "g-1", "b", START.plusWeeks(1).plusDays(1)));
        session("s-2", START.plusWeeks(2), "a", "b");

        assertThat(summary.incompleteRegisters()).isEmpty();
    }

    private void session(String sessionId, LocalDate heldOn, String... present) {
        apply(new SessionHeldEvent("s", "g-1", sessionId, heldOn, 90, SessionFormat.IN_PERSON, 1, present.length, 0));
        for (String p : present) {
            apply(new AttendanceRecordedEvent("s", "g-1", sessionId, heldOn, p, AttendanceStatus.PRESENT));
        }
    }

    @Test
    void designChangeKeepsTheEarlierDesignInTheHistory() {
        GroupDesign monthly = new GroupDesign(10, MeetingFrequency.MONTHLY, 120, SessionFormat.VIRTUAL, WEEKLY.facilitation());
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        apply(new GroupDesignChangedEvent("s", "g-1", monthly, START.plusMonths(3)));

        assertThat(summary.design()).isEqualTo(monthly);
        assertThat(summary.designHistory()).containsExactly(new GroupSummary.DesignPeriod(START, WEEKLY),
                new GroupSummary.DesignPeriod(START.plusMonths(3), monthly));
        assertThat(GroupSummaryDocuments.fromDocument(GroupSummaryDocuments.toDocument(summary)).designHistory())
                .isEqualTo(summary.designHistory());
    }

    @Test
    void eventAtOrBeforeTheLastSequenceIsIgnored() {
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        apply(new SessionHeldEvent("s", "g-1", "s-1", START, 90, SessionFormat.IN_PERSON, 1, 1, 0));
        AttendanceRecordedEvent present = new AttendanceRecordedEvent("s", "g-1", "s-1", START, "m-1", AttendanceStatus.PRESENT);
        assertThat(summary.apply(2, Instant.EPOCH, present, touched::add)).isTrue();
        assertThat(summary.apply(2, Instant.EPOCH, present, touched::add)).isFalse();
        assertThat(summary.dose("m-1")).isEqualTo(1);
    }

    @Test
    void aGroupDocumentOfFormatTwoDecodesWithoutItsSessionsUntilTheRebuildReplacesIt() {
        apply(new GroupFormedEvent("s", "g-1", "p-1", WEEKLY, START));
        org.bson.Document stored = GroupSummaryDocuments.toDocument(summary)
                .append("sessions", List.of(new org.bson.Document("sessionId", "s-1").append("attendance", List.of())));

        GroupSummary decoded = GroupSummaryDocuments.fromDocument(stored);

        assertThat(decoded.groupId()).isEqualTo("g-1");
        assertThat(decoded.sessionsHeld()).isZero();
    }
}
