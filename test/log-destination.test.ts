// The log destination writes each line whole, and drops and counts the lines a full disk or a closed fd refuses.

import { closeSync, openSync, readFileSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FdDestination } from '../src/log-destination.js'
import { tempDir } from './helpers/cli.js'
import { mountTmpfs, type Tmpfs } from './helpers/tmpfs.js'

const line = (n: number, pad = 0) => `${JSON.stringify({ n, pad: 'x'.repeat(pad) })}\n`
const readLines = (file: string) => readFileSync(file, 'utf8').split('\n').slice(0, -1)

describe('FdDestination', () => {
  it('writes every line whole, in order', () => {
    const file = join(tempDir(), 'log.ndjson')
    const fd = openSync(file, 'a')
    const dest = new FdDestination(fd)
    for (let n = 1; n <= 3; n++) dest.write(line(n, 10_000))
    closeSync(fd)
    expect(readLines(file).map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([1, 2, 3])
    expect(dest.dropped).toBe(0)
  })

  it('counts the lines a closed file descriptor refuses (EBADF)', () => {
    const fd = openSync(join(tempDir(), 'log.ndjson'), 'a')
    closeSync(fd)
    const dest = new FdDestination(fd)
    dest.write(line(1))
    dest.write(line(2))
    expect(dest.dropped).toBe(2)
  })

  describe('on a full disk (a real tmpfs)', () => {
    let fs: Tmpfs
    beforeAll(() => {
      fs = mountTmpfs(64)
    })
    afterAll(() => fs.unmount())

    it('drops and counts each line at once (ENOSPC), and a line cut short leaves the next one whole', () => {
      const file = join(fs.dir, 'log.ndjson')
      const fd = openSync(file, 'a')
      const dest = new FdDestination(fd)
      dest.write(line(1))
      fs.fill()
      // The file's one page still has room for part of this line, not all of it.
      dest.write(line(2, 8_000))
      dest.write(line(3))
      expect(dest.dropped).toBe(2)
      // Space again: the next line starts on a line of its own, after the torn one.
      unlinkSync(join(fs.dir, 'filler'))
      dest.write(line(4))
      closeSync(fd)
      expect(dest.dropped).toBe(2)
      const lines = readLines(file)
      expect(lines).toHaveLength(3)
      expect(JSON.parse(lines[0] as string)).toMatchObject({ n: 1 })
      expect(lines[1]?.startsWith('{"n":2,')).toBe(true)
      expect(() => JSON.parse(lines[1] as string)).toThrow()
      expect(JSON.parse(lines[2] as string)).toMatchObject({ n: 4 })
    })
  })
})
