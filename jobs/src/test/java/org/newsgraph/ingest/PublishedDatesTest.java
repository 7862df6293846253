package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.newsgraph.ingest.PublishedDates.Parsed;

/**
 * Tests {@link PublishedDates}: every accepted form, the zone of times without offset and of the
 * date of a timestamp, and the values that must be errors.
 */
class PublishedDatesTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void isoDateIsADateWithoutTimestamp() {
    Parsed p = PublishedDates.parse("2018-07-16", UTC);
    assertThat(p.date()).as("date").isEqualTo(LocalDate.of(2018, 7, 16));
    assertThat(p.publishedTs()).as("no time, no timestamp").isNull();
    assertThat(p.error()).as("error").isNull();
    assertThat(PublishedDates.parse(" \t2018-07-16\n", NEW_YORK))
        .as("surrounding whitespace is stripped; the zone does not move a plain date")
        .isEqualTo(new Parsed(null, LocalDate.of(2018, 7, 16), null));
    assertThat(PublishedDates.parse("2020-02-29", UTC).date())
        .as("29 February of a leap year")
        .isEqualTo(LocalDate.of(2020, 2, 29));
  }

  @Test
  void isoDateTimeWithoutOffsetIsInTheConfiguredZone() {
    assertThat(PublishedDates.parse("1987-02-26T15:01:01.790", UTC))
        .as("fractional seconds, UTC")
        .isEqualTo(
            new Parsed(Instant.parse("1987-02-26T15:01:01.790Z"), LocalDate.of(1987, 2, 26), null));
    assertThat(PublishedDates.parse("1987-02-26T15:01:01.790", NEW_YORK))
        .as("same value in New York, EST (UTC-5) in February")
        .isEqualTo(
            new Parsed(Instant.parse("1987-02-26T20:01:01.790Z"), LocalDate.of(1987, 2, 26), null));
    assertThat(PublishedDates.parse("1987-02-26 15:01", UTC).publishedTs())
        .as("space instead of T, no seconds")
        .isEqualTo(Instant.parse("1987-02-26T15:01:00Z"));
    assertThat(PublishedDates.parse("1987-02-26 15:01:01", UTC).publishedTs())
        .as("space instead of T, whole seconds")
        .isEqualTo(Instant.parse("1987-02-26T15:01:01Z"));
    assertThat(PublishedDates.parse("1987-02-26T15:01:01.123456789", UTC).publishedTs())
        .as("nanoseconds")
        .isEqualTo(Instant.parse("1987-02-26T15:01:01.123456789Z"));
  }

  @Test
  void lateEveningWithoutOffsetKeepsItsLocalDate() {
    assertThat(PublishedDates.parse("2018-07-16T23:30", NEW_YORK))
        .as("23:30 in New York (EDT, UTC-4) is 03:30 UTC the next day; the date stays local")
        .isEqualTo(
            new Parsed(Instant.parse("2018-07-17T03:30:00Z"), LocalDate.of(2018, 7, 16), null));
    assertThat(PublishedDates.parse("2018-07-16T23:30", UTC))
        .as("the same value in UTC")
        .isEqualTo(
            new Parsed(Instant.parse("2018-07-16T23:30:00Z"), LocalDate.of(2018, 7, 16), null));
  }

  @Test
  void localTimesAroundDaylightSavingChanges() {
    assertThat(PublishedDates.parse("2018-03-11T02:30", NEW_YORK).publishedTs())
        .as("02:30 does not exist on 11 March 2018 in New York: moved to 03:30 EDT")
        .isEqualTo(Instant.parse("2018-03-11T07:30:00Z"));
    assertThat(PublishedDates.parse("2018-11-04T01:30", NEW_YORK).publishedTs())
        .as("01:30 exists twice on 4 November 2018 in New York: the earlier, EDT")
        .isEqualTo(Instant.parse("2018-11-04T05:30:00Z"));
  }

  @Test
  void isoDateTimeWithOffsetDatesTheInstantInTheZone() {
    Instant instant = Instant.parse("2018-07-17T03:30:00Z");
    assertThat(PublishedDates.parse("2018-07-16T23:30:00-04:00", UTC))
        .as("late evening at UTC-4 is the next day in UTC")
        .isEqualTo(new Parsed(instant, LocalDate.of(2018, 7, 17), null));
    assertThat(PublishedDates.parse("2018-07-16T23:30:00-04:00", NEW_YORK))
        .as("and the same day in New York")
        .isEqualTo(new Parsed(instant, LocalDate.of(2018, 7, 16), null));
    assertThat(PublishedDates.parse("2018-07-16T23:30:00-0400", UTC).publishedTs())
        .as("offset without colon")
        .isEqualTo(instant);
    assertThat(PublishedDates.parse("2018-07-16T23:30:00-04", UTC).publishedTs())
        .as("offset in hours")
        .isEqualTo(instant);
    assertThat(PublishedDates.parse("2018-07-16 23:30:00-04:00", UTC).publishedTs())
        .as("space instead of T, with an offset")
        .isEqualTo(instant);
    assertThat(PublishedDates.parse("2018-07-16T10:00:00Z", UTC))
        .as("Z, UTC")
        .isEqualTo(
            new Parsed(Instant.parse("2018-07-16T10:00:00Z"), LocalDate.of(2018, 7, 16), null));
    assertThat(PublishedDates.parse("2018-07-16t10:00:00z", UTC).publishedTs())
        .as("lower-case t and z")
        .isEqualTo(Instant.parse("2018-07-16T10:00:00Z"));
    assertThat(PublishedDates.parse("2018-07-16T10:00:00Z", NEW_YORK).date())
        .as("Z, 06:00 in New York")
        .isEqualTo(LocalDate.of(2018, 7, 16));
  }

  @Test
  void rfc1123() {
    Instant instant = Instant.parse("2024-06-19T10:00:00Z");
    assertThat(PublishedDates.parse("Wed, 19 Jun 2024 10:00:00 GMT", UTC))
        .as("GMT")
        .isEqualTo(new Parsed(instant, LocalDate.of(2024, 6, 19), null));
    assertThat(PublishedDates.parse("Wed, 19 Jun 2024 10:00:00 +0000", UTC).publishedTs())
        .as("+0000")
        .isEqualTo(instant);
    assertThat(PublishedDates.parse("19 Jun 2024 12:00:00 +0200", UTC).publishedTs())
        .as("no day of week, +0200")
        .isEqualTo(instant);
    assertThat(PublishedDates.parse("Wed, 19 Jun 2024 10:00 GMT", UTC).publishedTs())
        .as("no seconds")
        .isEqualTo(instant);
    assertThat(PublishedDates.parse("Tue, 19 Jun 2024 10:00:00 GMT", UTC).publishedTs())
        .as("19 June 2024 was a Wednesday: a wrong day of the week is ignored")
        .isEqualTo(instant);
    assertThat(PublishedDates.parse("Wed, 5 Jun 2024 10:00:00 GMT", UTC).date())
        .as("one-digit day")
        .isEqualTo(LocalDate.of(2024, 6, 5));
    assertThat(PublishedDates.parse("Wed, 19 Jun 2024 01:00:00 GMT", NEW_YORK))
        .as("01:00 GMT is 21:00 the day before in New York")
        .isEqualTo(
            new Parsed(Instant.parse("2024-06-19T01:00:00Z"), LocalDate.of(2024, 6, 18), null));
  }

  @Test
  void usDateIsADateWithoutTimestamp() {
    assertThat(PublishedDates.parse("7/4/2018", NEW_YORK))
        .as("one-digit month and day")
        .isEqualTo(new Parsed(null, LocalDate.of(2018, 7, 4), null));
    assertThat(PublishedDates.parse("07/04/2018", UTC).date())
        .as("two-digit month and day: month first")
        .isEqualTo(LocalDate.of(2018, 7, 4));
    assertThat(PublishedDates.parse("12/31/1999", UTC).date())
        .as("31 December")
        .isEqualTo(LocalDate.of(1999, 12, 31));
  }

  @Test
  void epochSecondsAndMilliseconds() {
    Instant instant = Instant.parse("2018-07-17T03:30:00Z");
    assertThat(PublishedDates.parse("1531798200", UTC))
        .as("10-digit seconds, UTC")
        .isEqualTo(new Parsed(instant, LocalDate.of(2018, 7, 17), null));
    assertThat(PublishedDates.parse("1531798200", NEW_YORK).date())
        .as("10-digit seconds, New York: 23:30 the day before")
        .isEqualTo(LocalDate.of(2018, 7, 16));
    assertThat(PublishedDates.parse("1531798200000", UTC))
        .as("13-digit milliseconds")
        .isEqualTo(new Parsed(instant, LocalDate.of(2018, 7, 17), null));
    assertThat(PublishedDates.parse("100000000", UTC).publishedTs())
        .as("9 digits, 10^8 seconds")
        .isEqualTo(Instant.parse("1973-03-03T09:46:40Z"));
    assertThat(PublishedDates.parse("10000000000", UTC).publishedTs())
        .as("11 digits, 10^10 seconds")
        .isEqualTo(Instant.parse("2286-11-20T17:46:40Z"));
    assertThat(PublishedDates.parse("999999999999", UTC).publishedTs())
        .as("12 digits are milliseconds")
        .isEqualTo(Instant.parse("2001-09-09T01:46:39.999Z"));
    assertThat(PublishedDates.parse("10000000000000", UTC).publishedTs())
        .as("14 digits, 10^13 milliseconds")
        .isEqualTo(Instant.parse("2286-11-20T17:46:40Z"));
  }

  @Test
  void numbersOutsideTheEpochFormsAreErrors() {
    assertError("12345678", "8 digits");
    assertError("20180716", "compact ISO date");
    assertError("123456789012345", "15 digits");
    assertError("-1531798200", "negative epoch seconds");
    assertError("+1531798200", "signed epoch seconds");
    assertError("1531798200.5", "fractional epoch seconds");
  }

  @Test
  void impossibleCalendarValuesAreErrors() {
    Parsed feb30 = PublishedDates.parse("2018-02-30", UTC);
    assertThat(feb30.error())
        .as("30 February: detail names value and form")
        .contains("'2018-02-30'", "ISO date");
    assertError("2018-13-45", "month 13, day 45");
    assertError("2018-02-29", "29 February of a common year");
    assertError("2018-07-16T25:00", "hour 25");
    assertError("2018-07-16T23:60:00", "minute 60");
    assertError("2018-02-30T10:00:00Z", "30 February with a time");
    assertError("2018-07-16T10:00:00+19:00", "offset beyond 18 hours");
    assertError("2/30/2018", "30 February, US style");
    assertError("13/1/2018", "month 13, US style");
    assertError("Sat, 31 Jun 2024 10:00:00 GMT", "31 June, RFC 1123");
    assertError("19 Jun 2024 24:00:00 GMT", "hour 24, RFC 1123");
  }

  @Test
  void otherValuesAreErrors() {
    assertError(null, "null");
    assertError("", "empty");
    assertError(" \n\t", "blank");
    assertError("yesterday", "a word");
    assertError("2018-7-16", "ISO date with a one-digit month");
    assertError("16.07.2018", "European date with dots");
    assertError("2018/07/16", "slashes in year-first order");
    assertError("7/4/18", "US date with a two-digit year");
    assertError("2018-07-16T", "T without a time");
    assertError("2018-07-16 noon", "a word for the time");
    assertError("2018-07-16T10:00:00 EST", "a zone name after an ISO date-time");
    assertError("2018-07-16T10:00:00Z[America/New_York]", "a region id after the offset");
    assertError("Wed, 19 Jun 2024 10:00:00 EST", "a zone name in RFC 1123");
    assertError("Wed, 19 Jun 2024 10:00:00", "RFC 1123 without zone");
    assertError("Funday, 19 Jun 2024 10:00:00 GMT", "an unknown day of the week");
    assertThat(PublishedDates.parse("yesterday", UTC).error())
        .as("detail of an unknown form names the value and the accepted forms")
        .startsWith("'yesterday' is not a known date format")
        .contains("RFC 1123", "M/d/yyyy", "epoch");
    assertThat(PublishedDates.parse(null, UTC).error()).as("detail of null").isEqualTo("no date");
  }

  @Test
  void errorDetailIsShortForALongValue() {
    String error = PublishedDates.parse("x".repeat(10_000), UTC).error();
    assertThat(error)
        .as("the value is cut to 60 characters")
        .contains("'" + "x".repeat(60) + "\u2026'");
    assertThat(error).as("detail length").hasSizeLessThan(200);
  }

  @Test
  void zoneIsRequired() {
    assertThatThrownBy(() -> PublishedDates.parse("2018-07-16", null))
        .as("null zone")
        .isInstanceOf(NullPointerException.class);
  }

  private static void assertError(String value, String description) {
    Parsed p = PublishedDates.parse(value, UTC);
    assertThat(p.error()).as(description + ": error").isNotBlank();
    assertThat(p.publishedTs()).as(description + ": no timestamp").isNull();
    assertThat(p.date()).as(description + ": no date").isNull();
  }
}
