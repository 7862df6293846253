package org.newsgraph.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.nlp.NlpSettings;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: newsgraph's version (from the build) and the versions of Spark,
 * Delta Lake and CoreNLP it runs with (Spark's and Delta's as found on the classpath at run time,
 * so under spark-submit the cluster's).
 */
final class VersionInfo implements IVersionProvider {

  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "newsgraph " + newsgraphVersion(),
      "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION(),
      "Delta Lake " + io.delta.package$.MODULE$.VERSION(),
      "Stanford CoreNLP " + NlpSettings.CORENLP_VERSION,
      "Java " + System.getProperty("java.version")
    };
  }

  /** The project version the build wrote into version.properties. */
  static String newsgraphVersion() {
    try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw NewsgraphErrors.ioFailure(
            "read the build's version from", RESOURCE, new IOException("resource missing"));
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("read the build's version from", RESOURCE, e);
    }
  }
}
