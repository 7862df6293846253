package org.newsgraph.config;

/**
 * The default of {@code newsgraph.ingest.datelinePattern}: one Java regular expression for the wire
 * datelines that start news texts (what it recognises is listed in {@code
 * org.newsgraph.ingest.Datelines}). It lives with the settings because it is a setting's default,
 * written into conf/newsgraph.properties like every other.
 */
public final class DefaultDatelinePattern {

  private static final String LETTERS = "[\\p{L}'’.&-]*";
  // A place in capitals: "WASHINGTON", "NEW YORK", "ST. LOUIS", "WINSTON-SALEM".
  private static final String CAPITALS = "\\p{Lu}[\\p{Lu}'’.&-]+(?: \\p{Lu}[\\p{Lu}'’.&-]*)*";
  // A place or region with initial capitals: "Ottawa", "Va.", "West Germany", "N.Y.".
  private static final String NAME = "\\p{Lu}" + LETTERS + "(?: \\p{Lu}" + LETTERS + ")*";
  // Before a date, places in small letters too: wire market reports such as "st paul, april 2 -".
  private static final String ANY_CASE_NAME =
      "\\p{L}" + LETTERS + "(?: \\p{L}" + LETTERS + "){0,3}";
  // Regions and further places: ", Va.", ", West Germany", "/WASHINGTON", ", Texas/HOUSTON".
  private static final String MORE_PLACES = "(?:(?:, |/)" + NAME + "){0,3}";
  private static final String MONTH_DAY =
      "(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zA-Z]*\\.? [0-9]{1,2}"
          + "(?:,(?: Reuters?)?)?";
  // After a place the comma may be missing: "DETROIT June 2 -", "LEBEC, Calif. March 9 -".
  private static final String DATE = "(?:, ?| )" + MONTH_DAY;
  private static final String AGENCY = "\\((?:Reuters|AP|AFP|UPI|CNN|Bloomberg|dpa|Xinhua)\\)";
  private static final String DASH = "(?:--?|[–—])(?=\\s|$)";
  private static final String LABELS =
      "(?!(?:FILE|PHOTO|FINAL|UPDATE|UPDATED|BREAKING|EXCLUSIVE|WATCH|VIDEO|LIVE|ANALYSIS"
          + "|OPINION|EDITORIAL|COMMENTARY|FACTBOX|EXPLAINER|CORRECTION|CORRECTED|REFILE)\\b)";
  // An agency in parentheses after a place or a date, or alone: "ALEXANDRIA, Va. (Reuters) -",
  // "Oct 24 (Reuters) -", "(Reuters) -", "PALM BEACH, Fla. (AP) —", "Washington (CNN)".
  private static final String AGENCY_FORM =
      "(?:(?:"
          + NAME
          + MORE_PLACES
          + "(?:"
          + DATE
          + ")?|"
          + MONTH_DAY
          + ") ?)?"
          + AGENCY
          + "(?: ?"
          + DASH
          + ")?";
  // A place in capitals and a dash: "PHOENIX —", "FENTON, Iowa —", "WASHINGTON, March 1 -".
  private static final String CAPITALS_FORM = CAPITALS + MORE_PLACES + "(?:" + DATE + ")? ?" + DASH;
  // Reuters 1987 with the place in other letters: "Ottawa, Apr 7-", "st paul, april 2 -".
  private static final String DATED_FORM =
      ANY_CASE_NAME + MORE_PLACES + ", ?" + MONTH_DAY + " ?" + DASH;

  /** The whole pattern: not a wire label, then one of the three forms. */
  public static final String VALUE =
      LABELS + "(?:" + AGENCY_FORM + "|" + CAPITALS_FORM + "|" + DATED_FORM + ")";

  private DefaultDatelinePattern() {}
}
