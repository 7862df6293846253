package org.newsgraph.entities;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.config.TextFiles;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The naming configuration of a run, built from the settings: the alias table (read from {@code
 * newsgraph.entities.aliasFile} on the driver) and the canonicalizer of the title lists with it. A
 * bad value or an unreadable alias file throws, naming the key.
 */
public final class NamingConf {

  private static final Logger LOG = LoggerFactory.getLogger(NamingConf.class);

  private NamingConf() {}

  public static EntityCanonicalizer canonicalizer(Settings settings) {
    return canonicalizer(settings, aliases(settings));
  }

  /** The canonicalizer of the title lists with an alias table already read. */
  public static EntityCanonicalizer canonicalizer(Settings settings, AliasTable aliases) {
    return new EntityCanonicalizer(
        settings.getList(SettingKeys.TITLES), settings.getList(SettingKeys.NATIONALITIES), aliases);
  }

  /**
   * The alias table of {@code newsgraph.entities.aliasFile}, read on the driver: a relative path is
   * looked up under {@code $NEWSGRAPH_HOME}, then in the working directory. When the default {@code
   * conf/aliases.tsv} is in neither, the copy built into the jar is used (logged).
   */
  public static AliasTable aliases(Settings settings) {
    String file = settings.get(SettingKeys.ALIAS_FILE).strip();
    if (file.isEmpty()) {
      return AliasTable.EMPTY;
    }
    List<Path> candidates = new ArrayList<>();
    String home = System.getenv("NEWSGRAPH_HOME");
    if (home != null && !Path.of(file).isAbsolute()) {
      candidates.add(Path.of(home, file));
    }
    candidates.add(Path.of(file));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        try {
          return AliasTable.parse(TextFiles.lines(candidate), candidate.toString());
        } catch (IOException | IllegalArgumentException e) {
          throw badAliasFile(file, e);
        }
      }
    }
    if (file.equals(SettingKeys.ALIAS_FILE.defaultValue())) {
      LOG.info("{} not found (NEWSGRAPH_HOME, working directory): using the built-in copy", file);
      return AliasTable.builtIn();
    }
    throw badAliasFile(file, new FileNotFoundException("not found at " + candidates));
  }

  private static NewsgraphException badAliasFile(String file, Exception e) {
    return NewsgraphErrors.badSettingValue(
        SettingKeys.ALIAS_FILE.key(),
        file,
        "a readable alias file (alias TAB canonical name TAB type per line, see"
            + " conf/aliases.tsv), or an empty value for no aliases",
        e);
  }
}
