package org.newsgraph.periods;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which periods an aggregate run must recompute, from the period fingerprints of this run and the
 * ones stored by the last run (see {@link PeriodInputs#fingerprints}).
 *
 * <ul>
 *   <li>A period is <em>dirty</em> when its fingerprint is new or differs; <em>removed</em> when it
 *       was stored but has no documents in the output now. The fingerprints are computed from the
 *       whole output, never from one run's input: ingest only adds articles, so a period loses its
 *       documents only when its articles move to another date or a rebuild leaves them out.
 *   <li>A period is <em>affected</em> (its rows are rewritten) when it is dirty, or when a dirty or
 *       removed period of the same grain lies in its surprise baseline (the {@code window} periods
 *       before it). An affected period that is not dirty is <em>rebaselined</em>: its inputs are
 *       the same, so only the surprise columns of its {@code comention_counts} rows change, and
 *       they are recomputed from its stored rows. Only the articles of dirty periods are read; the
 *       baselines take the pair counts of the other periods from their stored rows, which their
 *       unchanged fingerprints vouch for.
 * </ul>
 *
 * @param full nothing usable was stored: every period is computed and every table rewritten
 * @param affected the periods whose rows are rewritten: the dirty and the rebaselined ones
 * @param rebaselined the affected periods whose inputs did not change, only their baselines
 * @param unchanged current periods whose rows stay as they are
 */
public record ChangedPeriods(
    boolean full,
    SortedSet<Period> affected,
    SortedSet<Period> rebaselined,
    SortedSet<Period> removed,
    int unchanged) {

  /** One period of one grain. */
  public record Period(Grain grain, LocalDate start) implements Comparable<Period> {
    private static final Comparator<Period> ORDER =
        Comparator.comparing(Period::grain).thenComparing(Period::start);

    public Period {
      Objects.requireNonNull(grain);
      Objects.requireNonNull(start);
    }

    @Override
    public int compareTo(Period o) {
      return ORDER.compare(this, o);
    }

    /** Whether this is one of the {@code window} periods of the same grain before {@code p}. */
    public boolean inWindowBefore(Period p, int window) {
      return grain == p.grain()
          && start.isBefore(p.start())
          && !start.isBefore(p.grain().plus(p.start(), -window));
    }
  }

  /**
   * @param current this run's fingerprint per period
   * @param stored the last run's, or null when there is none to trust
   * @param window the surprise window in periods
   */
  public static ChangedPeriods plan(
      Map<Period, String> current, Map<Period, String> stored, int window) {
    SortedSet<Period> all = new TreeSet<>(current.keySet());
    if (stored == null) {
      return new ChangedPeriods(true, all, new TreeSet<>(), new TreeSet<>(), 0);
    }
    SortedSet<Period> changed = new TreeSet<>();
    for (Map.Entry<Period, String> e : current.entrySet()) {
      if (!e.getValue().equals(stored.get(e.getKey()))) {
        changed.add(e.getKey());
      }
    }
    SortedSet<Period> removed = new TreeSet<>(stored.keySet());
    removed.removeAll(current.keySet());
    SortedSet<Period> changedOrRemoved = new TreeSet<>(changed);
    changedOrRemoved.addAll(removed);

    SortedSet<Period> affected = new TreeSet<>(changed);
    SortedSet<Period> rebaselined = new TreeSet<>();
    for (Period p : all) {
      if (!changed.contains(p) && inBaseline(p, changedOrRemoved, window)) {
        affected.add(p);
        rebaselined.add(p);
      }
    }
    return new ChangedPeriods(false, affected, rebaselined, removed, all.size() - affected.size());
  }

  /** The affected periods whose inputs changed: all their rows are computed from the articles. */
  public SortedSet<Period> dirty() {
    SortedSet<Period> dirty = new TreeSet<>(affected);
    dirty.removeAll(rebaselined);
    return dirty;
  }

  /** Whether one of {@code periods} lies within the {@code window} periods before {@code p}. */
  private static boolean inBaseline(Period p, Set<Period> periods, int window) {
    return periods.stream().anyMatch(d -> d.inWindowBefore(p, window));
  }

  /** Whether nothing has to be written. */
  public boolean nothingToDo() {
    return !full && affected.isEmpty() && removed.isEmpty();
  }
}
