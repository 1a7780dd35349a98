// A real tmpfs of a few KiB (the suite runs as root), to put a file on a disk that is full.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, openSync, rmdirSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Tmpfs {
  dir: string
  /** Writes zeros into a file until the filesystem refuses (ENOSPC). */
  fill: () => void
  unmount: () => void
}

export function mountTmpfs(sizeKiB: number): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'sophio-ss-tmpfs-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir])
  return {
    dir,
    fill() {
      const fd = openSync(join(dir, 'filler'), 'a')
      const chunk = Buffer.alloc(4096)
      try {
        for (;;) writeSync(fd, chunk)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
      } finally {
        closeSync(fd)
      }
    },
    unmount() {
      execFileSync('umount', [dir])
      rmdirSync(dir)
    },
  }
}
