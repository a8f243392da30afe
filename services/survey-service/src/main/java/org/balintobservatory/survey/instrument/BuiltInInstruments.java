package org.balintobservatory.survey.instrument;

import org.balintobservatory.contract.survey.ScaleDirection;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The instruments every deployment has, as scoring keys only: item numbers, ranges, reverse keying and
 * subscale membership as the cited publications give them. No item wording is shipped; an institution
 * administers its own licensed copy and sends the answers by item number. docs/instruments.md lists each
 * key with its source.
 */
public final class BuiltInInstruments {

    /**
     * Jefferson-Scale-of-Empathy-style key: 20 items answered 1–7, one total of 20–140. The ten negatively
     * worded items 1, 3, 6, 7, 8, 11, 12, 14, 18 and 19 are reverse-scored, as in Hojat's scoring
     * instructions; a programme using a form keyed differently registers version 2 with its own set.
     */
    public static final InstrumentKey JSE = new InstrumentKey("jse-style", 1,
            "Empathy, Jefferson-Scale-style (20 items, 1–7)", 20, new ResponseRange(1, 7),
            List.of(1, 3, 6, 7, 8, 11, 12, 14, 18, 19),
            List.of(scale(InstrumentKey.TOTAL, "Empathy total", range(1, 20), ScoreRule.SUM,
                    ScaleDirection.HIGHER_IS_BETTER, 1, 7)),
            MissingDataRule.PRORATE_UP_TO_10_PERCENT,
            "Modelled on the Jefferson Scale of Empathy: Hojat M, Mangione S, Nasca TJ, et al. The Jefferson "
                    + "Scale of Physician Empathy: development and preliminary psychometric data. Educational and "
                    + "Psychological Measurement 2001;61(2):349-365.");

    /**
     * MBI-HSS-style key: 22 items answered 0–6 (never … every day), three subscales and no total, as the
     * manual prescribes: emotional exhaustion (9 items, 0–54), depersonalisation (5 items, 0–30), personal
     * accomplishment (8 items, 0–48). No item is reverse-scored; personal accomplishment simply runs the
     * other way.
     */
    public static final InstrumentKey MBI_HSS = new InstrumentKey("mbi-hss-style", 1,
            "Burnout, MBI-HSS-style (22 items, 0–6)", 22, new ResponseRange(0, 6), List.of(),
            List.of(scale("emotional-exhaustion", "Emotional exhaustion", List.of(1, 2, 3, 6, 8, 13, 14, 16, 20),
                            ScoreRule.SUM, ScaleDirection.LOWER_IS_BETTER, 0, 6),
                    scale("depersonalisation", "Depersonalisation", List.of(5, 10, 11, 15, 22),
                            ScoreRule.SUM, ScaleDirection.LOWER_IS_BETTER, 0, 6),
                    scale("personal-accomplishment", "Personal accomplishment", List.of(4, 7, 9, 12, 17, 18, 19, 21),
                            ScoreRule.SUM, ScaleDirection.HIGHER_IS_BETTER, 0, 6)),
            MissingDataRule.PRORATE_UP_TO_10_PERCENT,
            "Modelled on the Maslach Burnout Inventory - Human Services Survey: Maslach C, Jackson SE. The "
                    + "measurement of experienced burnout. Journal of Occupational Behaviour 1981;2(2):99-113; "
                    + "Maslach C, Jackson SE, Leiter MP. Maslach Burnout Inventory Manual, 3rd ed. 1996.");

    /**
     * CSAS-style key: 26 items answered 1–5, a positive-attitude subscale and a negative-attitude subscale
     * of 13 items each (13–65), with the item assignment of the original factor analysis.
     */
    public static final InstrumentKey CSAS = new InstrumentKey("csas-style", 1,
            "Attitudes to communication skills learning, CSAS-style (26 items, 1–5)", 26, new ResponseRange(1, 5),
            List.of(),
            List.of(scale("positive-attitude", "Positive attitude",
                            List.of(4, 5, 7, 9, 10, 12, 14, 16, 18, 21, 22, 23, 25),
                            ScoreRule.SUM, ScaleDirection.HIGHER_IS_BETTER, 1, 5),
                    scale("negative-attitude", "Negative attitude",
                            List.of(1, 2, 3, 6, 8, 11, 13, 15, 17, 19, 20, 24, 26),
                            ScoreRule.SUM, ScaleDirection.LOWER_IS_BETTER, 1, 5)),
            MissingDataRule.PRORATE_UP_TO_10_PERCENT,
            "Modelled on the Communication Skills Attitude Scale: Rees C, Sheard C, Davies S. The development of "
                    + "a scale to measure medical students' attitudes towards communication skills learning: the "
                    + "Communication Skills Attitude Scale (CSAS). Medical Education 2002;36(2):141-147.");

    /**
     * Perceived-stress key: 10 items answered 0–4, the positively worded items 4, 5, 7 and 8 reverse-scored,
     * one total of 0–40 where higher means more stress.
     */
    public static final InstrumentKey PSS_10 = new InstrumentKey("pss-10-style", 1,
            "Perceived stress, PSS-10-style (10 items, 0–4)", 10, new ResponseRange(0, 4), List.of(4, 5, 7, 8),
            List.of(scale(InstrumentKey.TOTAL, "Perceived stress total", range(1, 10), ScoreRule.SUM,
                    ScaleDirection.LOWER_IS_BETTER, 0, 4)),
            MissingDataRule.PRORATE_UP_TO_10_PERCENT,
            "Modelled on the 10-item Perceived Stress Scale: Cohen S, Kamarck T, Mermelstein R. A global measure "
                    + "of perceived stress. Journal of Health and Social Behavior 1983;24(4):385-396; Cohen S, "
                    + "Williamson G. Perceived stress in a probability sample of the United States. In: Spacapan S, "
                    + "Oskamp S, eds. The Social Psychology of Health. Sage; 1988:31-67.");

    public static final List<InstrumentKey> ALL = List.of(JSE, MBI_HSS, CSAS, PSS_10);

    private BuiltInInstruments() {
    }

    private static Scale scale(String id, String name, List<Integer> items, ScoreRule rule, ScaleDirection direction,
                               int itemMin, int itemMax) {
        return new Scale(id, name, items, rule, direction, impliedRange(items.size(), rule, itemMin, itemMax));
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    /** The score range a scale of {@code items} items scored by {@code rule} can reach. */
    public static ScoreRange impliedRange(int items, ScoreRule rule, int itemMin, int itemMax) {
        return rule == ScoreRule.SUM
                ? new ScoreRange((double) items * itemMin, (double) items * itemMax)
                : new ScoreRange(itemMin, itemMax);
    }
}
