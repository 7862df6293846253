package org.newsgraph.periods;

import java.io.Serializable;
import java.util.List;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;

/**
 * The aggregation settings of the period tables; {@link #describe()} is part of every period
 * fingerprint.
 */
public record PeriodOptions(
    List<String> entityTypes,
    List<String> pairTypes,
    int maxPairedEntities,
    int minSupport,
    int surpriseWindow,
    int surpriseMinPeriods,
    int evidencePerPair)
    implements Serializable {

  /** The options the settings give (checked: a bad value throws, naming the key). */
  public static PeriodOptions from(Settings settings) {
    return new PeriodOptions(
        settings.getList(SettingKeys.ENTITY_TYPES),
        settings.getList(SettingKeys.PAIR_TYPES),
        settings.getInt(SettingKeys.MAX_PAIRED_ENTITIES),
        settings.getInt(SettingKeys.MIN_SUPPORT),
        settings.getInt(SettingKeys.SURPRISE_WINDOW),
        settings.getInt(SettingKeys.SURPRISE_MIN_PERIODS),
        settings.getInt(SettingKeys.EVIDENCE_PER_PAIR));
  }

  public String describe() {
    return toString();
  }
}
