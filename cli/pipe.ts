/**
 * Output into a pipe whose reader went away (`amtsweg replay … | head -1`): the command stops
 * quietly, as Unix tools do, instead of printing an EPIPE stack trace.
 */

/** Ends the process without a word when `stream`'s reader closed the pipe; other errors still surface. */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      return;
    }
    throw err;
  });
}
