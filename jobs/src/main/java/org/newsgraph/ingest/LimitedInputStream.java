package org.newsgraph.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that fails with {@link TooLargeException} once more than a limit of bytes has
 * been read from it: a file is refused while it is read, before it is held whole, so a small {@code
 * .gz} that inflates to gigabytes costs no more memory than the limit.
 */
final class LimitedInputStream extends FilterInputStream {

  /** More bytes than the limit were read. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  private final long limit;
  private final String setting;
  private long read;

  /**
   * @param setting the key of the setting that sets the limit, for the message
   */
  LimitedInputStream(InputStream in, long limit, String setting) {
    super(in);
    this.limit = limit;
    this.setting = setting;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b != -1) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(long n) throws TooLargeException {
    read += n;
    if (read > limit) {
      throw new TooLargeException(
          "larger than "
              + setting
              + " = "
              + limit
              + " bytes (decompressed); raise it, or split the file");
    }
  }
}
