package org.newsgraph.periods;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.periods.ChangedPeriods.Period;

class ChangedPeriodsTest {

  private static Period p(Grain g, String start) {
    return new Period(g, LocalDate.parse(start));
  }

  private static Map<Period, String> prints(Period... periods) {
    Map<Period, String> m = new HashMap<>();
    for (Period x : periods) {
      m.put(x, "fp-" + x);
    }
    return m;
  }

  @Test
  void grainsFollowIsoWeeksAndCalendarMonths() {
    assertThat(Grain.WEEK.start(LocalDate.parse("2021-01-03")))
        .as("Sunday 2021-01-03 is in the ISO week starting Monday 2020-12-28")
        .isEqualTo(LocalDate.parse("2020-12-28"));
    assertThat(Grain.WEEK.start(LocalDate.parse("2019-01-01")))
        .as("Tuesday 2019-01-01 is in the week starting 2018-12-31")
        .isEqualTo(LocalDate.parse("2018-12-31"));
    assertThat(Grain.MONTH.start(LocalDate.parse("2020-02-29")))
        .as("month")
        .isEqualTo(LocalDate.parse("2020-02-01"));
    assertThat(Grain.MONTH.plus(LocalDate.parse("2020-01-01"), -2))
        .as("two months before January")
        .isEqualTo(LocalDate.parse("2019-11-01"));
    assertThat(Grain.WEEK.plus(LocalDate.parse("2020-12-28"), 1))
        .as("next week")
        .isEqualTo(LocalDate.parse("2021-01-04"));
    assertThat(Grain.of("week")).as("grain by id").isEqualTo(Grain.WEEK);
  }

  @Test
  void nothingStoredMeansEverythingIsComputed() {
    Map<Period, String> current = prints(p(Grain.DAY, "2021-01-01"), p(Grain.MONTH, "2021-01-01"));
    ChangedPeriods plan = ChangedPeriods.plan(current, null, 8);
    assertThat(plan.full()).as("full").isTrue();
    assertThat(plan.affected())
        .as("affected")
        .containsExactlyElementsOf(current.keySet().stream().sorted().toList());
    assertThat(plan.nothingToDo()).as("nothing to do").isFalse();
  }

  @Test
  void unchangedFingerprintsMeanNothingToDo() {
    Map<Period, String> current = prints(p(Grain.DAY, "2021-01-01"), p(Grain.DAY, "2021-01-02"));
    ChangedPeriods plan = ChangedPeriods.plan(current, new HashMap<>(current), 8);
    assertThat(plan.nothingToDo()).as("nothing to do").isTrue();
    assertThat(plan.unchanged()).as("unchanged").isEqualTo(2);
  }

  /**
   * Days 1, 2, 3, 5 and 9 of a month with window 2: day 3 changes. Affected: 3 and the days within
   * 2 after it that exist (5; 4 has no documents). Day 9 stays.
   */
  @Test
  void aChangeSpreadsToTheBaselinesThatHoldIt() {
    Map<Period, String> stored =
        prints(
            p(Grain.DAY, "2021-03-01"),
            p(Grain.DAY, "2021-03-02"),
            p(Grain.DAY, "2021-03-03"),
            p(Grain.DAY, "2021-03-05"),
            p(Grain.DAY, "2021-03-09"));
    Map<Period, String> current = new HashMap<>(stored);
    current.put(p(Grain.DAY, "2021-03-03"), "changed");
    ChangedPeriods plan = ChangedPeriods.plan(current, stored, 2);
    assertThat(plan.affected())
        .as("affected")
        .containsExactly(p(Grain.DAY, "2021-03-03"), p(Grain.DAY, "2021-03-05"));
    assertThat(plan.dirty())
        .as("dirty: computed from the articles")
        .containsExactly(p(Grain.DAY, "2021-03-03"));
    assertThat(plan.rebaselined())
        .as("rebaselined: only the surprise of the stored rows")
        .containsExactly(p(Grain.DAY, "2021-03-05"));
    assertThat(plan.unchanged()).as("unchanged").isEqualTo(3);
    assertThat(plan.removed()).as("removed").isEmpty();
  }

  @Test
  void aRemovedPeriodIsDeletedAndItsFollowersRecomputed() {
    Map<Period, String> stored =
        prints(
            p(Grain.MONTH, "2020-11-01"),
            p(Grain.MONTH, "2020-12-01"),
            p(Grain.MONTH, "2021-01-01"),
            p(Grain.WEEK, "2020-12-28"));
    Map<Period, String> current = new HashMap<>(stored);
    current.remove(p(Grain.MONTH, "2020-12-01"));
    ChangedPeriods plan = ChangedPeriods.plan(current, stored, 1);
    assertThat(plan.removed()).as("removed").containsExactly(p(Grain.MONTH, "2020-12-01"));
    assertThat(plan.affected())
        .as("affected: January, whose baseline held December")
        .containsExactly(p(Grain.MONTH, "2021-01-01"));
    assertThat(plan.rebaselined())
        .as("rebaselined: January's inputs are the same")
        .containsExactly(p(Grain.MONTH, "2021-01-01"));
    assertThat(List.of(plan.unchanged(), plan.full()))
        .as("unchanged, full")
        .isEqualTo(List.of(2, false));
  }

  @Test
  void aBaselineReadsOnlyTheStoredPeriodsInTheWindowOfAComputedOne() {
    java.util.Set<Period> stored =
        java.util.Set.of(
            p(Grain.DAY, "2021-03-01"),
            p(Grain.DAY, "2021-03-02"),
            p(Grain.DAY, "2021-03-09"),
            p(Grain.DAY, "2021-03-11"),
            p(Grain.WEEK, "2021-01-04"),
            p(Grain.WEEK, "2021-03-01"),
            p(Grain.MONTH, "2020-07-01"),
            p(Grain.MONTH, "2020-06-01"));
    java.util.Set<Period> computed =
        java.util.Set.of(
            p(Grain.DAY, "2021-03-10"), p(Grain.WEEK, "2021-03-08"), p(Grain.MONTH, "2021-03-01"));
    assertThat(AggregateTables.inBaselines(stored, computed, 8))
        .as("stored periods in the 8 periods of the same grain before a computed one")
        .containsExactlyInAnyOrder(
            // 2021-03-02 is the 8th day before 2021-03-10; 03-01 the 9th; 03-11 comes after.
            p(Grain.DAY, "2021-03-02"),
            p(Grain.DAY, "2021-03-09"),
            // 2021-01-11 starts the 8th week before 2021-03-08: the week of 01-04 is the 9th.
            p(Grain.WEEK, "2021-03-01"),
            // July 2020 is the 8th month before March 2021, June the 9th.
            p(Grain.MONTH, "2020-07-01"));
    assertThat(AggregateTables.inBaselines(stored, java.util.Set.of(), 8))
        .as("nothing computed, no baseline read")
        .isEmpty();
  }
}
