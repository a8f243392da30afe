package org.balintobservatory.infrastructure.embedded;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How long to wait for something that takes longer the busier the machine is: a server's start, an event
 * that must travel through a broker and a projection. A fixed timeout fails a correct run on a machine whose
 * cores are shared by other builds; a wait from here grows with the load.
 *
 * <p>{@code scaled(d)} is {@code d × max(1, load ÷ cores)} (the one-minute load average over the processors
 * this JVM may use), at most {@value #MAX_FACTOR} times {@code d}, and at least {@code d × balint.patience} when
 * that system property is set (a slow machine can ask for more). What is waited for still has to happen:
 * a wait that ends early never passes a test, a longer one only delays a real failure.
 */
public final class Patience {

    /** The most a wait grows: a machine this overloaded is better told so by a failure. */
    static final int MAX_FACTOR = 8;

    private Patience() {
    }

    /** {@code nominal}, the time it takes on an idle machine, grown by the machine's current load. */
    public static Duration scaled(Duration nominal) {
        return nominal.multipliedBy(Math.round(factor() * 100)).dividedBy(100);
    }

    /** The factor {@link #scaled} multiplies by now: 1 on an idle machine. */
    public static double factor() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        double byLoad = load < 0 ? 1 : load / cores;
        double asked = Double.parseDouble(System.getProperty("balint.patience", "1"));
        return Math.min(MAX_FACTOR, Math.max(1, Math.max(byLoad, asked)));
    }
}
