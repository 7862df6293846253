package org.newsgraph.errors;

/**
 * A failure the user can act on. The message always says what went wrong, why, and what to do;
 * instances are built only by {@link NewsgraphErrors}. The command line prints the message and
 * exits with {@link #exitCode()}.
 */
public final class NewsgraphException extends RuntimeException {

  private final int exitCode;

  NewsgraphException(String problem, String cause, String fix, int exitCode, Throwable source) {
    super(problem + "\n  cause: " + cause + "\n  fix:   " + fix, source);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
