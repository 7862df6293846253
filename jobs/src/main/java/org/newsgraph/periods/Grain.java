package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.weekofyear;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.newsgraph.tables.Tables;

/**
 * The time grains of the period tables. A period is named by its first day ({@code period_start}):
 * the day itself, the Monday of its ISO 8601 week, or the first of its month. The same rules exist
 * twice, as Java (for the driver's bookkeeping of changed periods) and as Spark columns (for the
 * tables); {@code PeriodTablesTest} checks that they agree on every day of 2015–2032.
 */
public enum Grain {
  DAY,
  WEEK,
  MONTH;

  /** The value of the {@code grain} column: day, week or month. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Grain of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /** The first day of the period that holds {@code date}. */
  public LocalDate start(LocalDate date) {
    return switch (this) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
    };
  }

  /**
   * The start of the period {@code n} periods after (negative: before) the one at {@code start}.
   */
  public LocalDate plus(LocalDate start, int n) {
    return switch (this) {
      case DAY -> start.plusDays(n);
      case WEEK -> start.plusWeeks(n);
      case MONTH -> start.plusMonths(n);
    };
  }

  /** Spark: the start of this grain's period holding the DATE column {@code date}. */
  public Column startColumn(Column date) {
    return switch (this) {
      case DAY -> date;
      // Spark truncates "week" to the Monday, as ISO 8601 does.
      case WEEK -> date_trunc("week", date).cast("date");
      case MONTH -> trunc(date, "month");
    };
  }

  /**
   * Spark: the number of the period at {@code period_start} in the line of periods of its {@code
   * grain}, from the {@code grain} and {@code period_start} columns: consecutive periods of a grain
   * have consecutive numbers (days and ISO weeks since 1970, months since year 0), so "the {@code
   * n} periods before" is a range of numbers.
   */
  public static Column number() {
    Column start = col(Tables.PERIOD_START);
    Column grain = col(Tables.GRAIN);
    return when(grain.equalTo(DAY.id()), datediff(start, to_date(lit("1970-01-01"))).cast("long"))
        // 1970-01-05 is a Monday: week starts lie a multiple of 7 days from it.
        .when(
            grain.equalTo(WEEK.id()), floor(datediff(start, to_date(lit("1970-01-05"))).divide(7)))
        .otherwise(year(start).cast("long").multiply(12).plus(month(start)));
  }

  /**
   * Spark: the human label of a period from the {@code grain} and {@code period_start} columns:
   * {@code 2018-07-16}, {@code 2018-W29} (ISO week-year and week; the week-year is the year of the
   * week's Thursday, so 2020-12-28 starts 2020-W53 and 2018-12-31 starts 2019-W01) or {@code
   * 2018-07}.
   */
  public static Column label() {
    Column start = col(Tables.PERIOD_START);
    Column grain = col(Tables.GRAIN);
    return when(grain.equalTo(DAY.id()), date_format(start, "yyyy-MM-dd"))
        .when(
            grain.equalTo(WEEK.id()),
            concat(
                year(date_add(start, 3)).cast("string"),
                lit("-W"),
                lpad(weekofyear(start).cast("string"), 2, "0")))
        .otherwise(date_format(start, "yyyy-MM"));
  }
}
