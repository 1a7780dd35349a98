// Where log lines go: straight to a file descriptor, each line dropped and counted when it cannot be written.

import { writeSync } from 'node:fs'

/** What the logger writes to; `dropped` (when present) is reported in /metrics. */
export interface LogSink {
  write(line: string): void
  readonly dropped?: number
}

/**
 * pino's default destination (sonic-boom) retries a failed write in a sleep loop: with stdout on a full disk
 * the process stayed alive, served nothing and ignored SIGTERM. Here a line that cannot be written — ENOSPC,
 * EPIPE (the reader is gone), EBADF, EAGAIN (a non-blocking pipe whose reader is a buffer behind), EIO — is
 * dropped and counted at once, and the process carries on.
 */
export class FdDestination implements LogSink {
  dropped = 0
  /** A line was cut short by a failing write: the next one starts on a line of its own. */
  private torn = false

  constructor(private readonly fd: number) {}

  write(line: string): void {
    const bytes = Buffer.from(this.torn ? `\n${line}` : line)
    let done = 0
    try {
      while (done < bytes.length) {
        const n = writeSync(this.fd, bytes, done)
        // A write that takes nothing and reports no error would otherwise loop forever.
        if (n <= 0) throw new Error('write took no bytes')
        done += n
      }
      this.torn = false
    } catch {
      this.dropped++
      if (done > 0) this.torn = true
    }
  }
}

/**
 * The service's stdout. Opening `process.stdout` makes Node put a pipe or socket on fd 1 in non-blocking mode,
 * so a reader that stops reading costs lines (EAGAIN, counted), never the process: a blocking write would
 * stall every request and the SIGTERM handler with it. Its `error` event (EPIPE) must not crash the process.
 */
export function stdoutDestination(): FdDestination {
  process.stdout.on('error', () => {})
  return new FdDestination(1)
}
