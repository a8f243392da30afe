package org.balintobservatory.analytics.answer.participantlevel.engine;

/** The fixture of {@link ParticipantLevelEngineTest}, fitted, for the tests of other packages. */
public final class ParticipantLevelEngineTestData {

    private ParticipantLevelEngineTestData() {
    }

    /** {@code lmer(post ~ pre + dw + dbar + plannedSize + structured + (1 | institution/group), REML = TRUE)}. */
    public static ParticipantLevelEngine.Result linearFit() {
        return ParticipantLevelEngine.fit(ParticipantLevelEngineTest.fixture(), ParticipantLevelQuery.parse(
                "jse-style", "total", "BASELINE", "POST", "plannedSize,facilitationStyle", "linear", "REML"), true, 5);
    }
}
