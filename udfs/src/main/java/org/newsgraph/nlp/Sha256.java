package org.newsgraph.nlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of UTF-8 text as lower-case hex: the one hashing helper of newsgraph (settings signatures
 * here; article ids, story text hashes and test expectations in jobs/). Spark-side text hashes use
 * Spark's {@code sha2(text, 256)}, which gives the same hex.
 */
public final class Sha256 {

  private Sha256() {}

  /** The whole digest of {@code text}, 64 hex characters. */
  public static String hex(String text) {
    return hex(text, 32);
  }

  /** The first {@code bytes} bytes of the digest of {@code text}, as hex. */
  public static String hex(String text, int bytes) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
