package org.newsgraph.tables;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.newsgraph.errors.NewsgraphErrors;

/**
 * The output directory, checked before any work: a directory (created when missing) this user can
 * write, on any file system Hadoop reaches. Without the check a file or an unwritable path would
 * surface late, as a missing table or a failed write after hours of annotation.
 */
public final class OutputDirectory {

  private OutputDirectory() {}

  /** Checks the output; creates it when missing (the run would create it anyway). */
  public static void check(Configuration conf, String output) {
    Path path = new Path(output);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.exists(path)) {
        FileStatus status = fs.getFileStatus(path);
        if (!status.isDirectory()) {
          throw NewsgraphErrors.outputIsAFile(output);
        }
        // Object stores have no permissions to check: access() passes there, and a refused write
        // fails at the lock file, before any table is read.
        fs.access(path, FsAction.WRITE);
      } else if (!fs.mkdirs(path)) {
        throw NewsgraphErrors.outputNotWritable(output, null);
      }
    } catch (IOException e) {
      throw NewsgraphErrors.outputNotWritable(output, e);
    }
  }

  /** Checks that the output exists as a directory, for commands that only read it. */
  public static void checkReadable(Configuration conf, String output) {
    Path path = new Path(output);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw NewsgraphErrors.noTables(output);
      }
      if (!fs.getFileStatus(path).isDirectory()) {
        throw NewsgraphErrors.outputIsAFile(output);
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("read the output directory", output, e);
    }
  }
}
