// Watches the database file while the service runs: read-only, deleted or replaced, corrupt — and says so.

import { accessSync, constants, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { StorageError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { Db } from './open.js'
import { STORAGE_FAULT_KINDS, type StorageFaultKind, storageFaultKindOf } from './storage-faults.js'

export interface StorageStatus {
  /** 'ok', or the fault that stops writes now. */
  state: 'ok' | StorageFaultKind
  /** What an operator reads: the fault and, when known, the file it is about. */
  detail: string | null
  since: number | null
}

export interface StorageGuard {
  /** Looks at the file now (a few system calls) and returns the state in force. */
  check(): StorageStatus
  /** Throws StorageError when writes must not be attempted (or acknowledged) now. */
  assertWritable(): void
  /** A thrown error as the client should see it: a StorageError for a storage fault (counted), else itself. */
  translate(err: unknown): unknown
  /** Storage faults met since start, by kind (for /metrics). */
  faultCounts(): Record<StorageFaultKind, number>
  /** Checks every `intervalMs` in the background (unref'd: never keeps the process alive). */
  start(intervalMs?: number): void
  stop(): void
}

interface Identity {
  dev: number
  ino: number
}

/**
 * The open handle keeps writing into the file it opened, even after that file was deleted or replaced at
 * its path (a restore, a careless `rm`): those writes vanish at the next start. So the file at the path is
 * compared with the one opened (device and inode) before every write is acknowledged and periodically.
 * Corruption and a moved file are sticky: only a restart (after a restore) clears them. Read-only is
 * looked at afresh each time: chattr -i, a remount, a chmod make the database writable again.
 */
export function storageGuard(db: Db, log: Logger): StorageGuard {
  const path = db.memory ? null : db.name
  const opened = path ? identityOf(path) : null
  const counts = Object.fromEntries(STORAGE_FAULT_KINDS.map((k) => [k, 0])) as Record<StorageFaultKind, number>
  let sticky: StorageStatus | null = null
  let last: StorageStatus = { state: 'ok', detail: null, since: null }
  let timer: NodeJS.Timeout | null = null

  const fault = (state: StorageFaultKind, detail: string): StorageStatus => ({
    state,
    detail,
    since: last.state === state && last.since !== null ? last.since : Date.now(),
  })

  function look(): StorageStatus {
    if (sticky) return sticky
    if (!path || !opened) return { state: 'ok', detail: null, since: null }
    let now: Identity | null
    try {
      now = identityOf(path)
    } catch (e) {
      return fault('io', `${path} cannot be examined: ${(e as Error).message}`)
    }
    if (now === null) {
      sticky = fault('moved', `${path} was deleted while the service ran: writes would be lost at the next start`)
      return sticky
    }
    if (now.dev !== opened.dev || now.ino !== opened.ino) {
      sticky = fault('moved', `${path} was replaced by another file while the service ran: restart the service`)
      return sticky
    }
    const denied = notWritable(path) ?? notWritable(dirname(path))
    if (denied) return fault('readonly', denied)
    return { state: 'ok', detail: null, since: null }
  }

  function check(): StorageStatus {
    const next = look()
    if (next.state !== last.state) {
      if (next.state === 'ok') log.info({ storage: 'ok', was: last.state }, 'storage is writable again')
      else log.error({ storage: next.state, detail: next.detail }, 'storage unavailable: writes are refused (503)')
    }
    last = next
    return next
  }

  return {
    check,
    assertWritable() {
      const s = check()
      if (s.state !== 'ok') {
        counts[s.state]++
        throw new StorageError(s.state)
      }
    },
    translate(err) {
      if (err instanceof StorageError) return err
      const kind = storageFaultKindOf(err)
      if (!kind) return err
      counts[kind]++
      if (kind === 'corrupt' && !sticky) {
        sticky = fault('corrupt', `${path ?? 'the database'} is damaged: ${(err as Error).message}`)
        check()
      } else if (kind !== 'busy') {
        log.error({ storage: kind, err }, 'storage fault')
      }
      return new StorageError(kind, err)
    },
    faultCounts: () => ({ ...counts }),
    start(intervalMs = 2000) {
      if (timer || !path) return
      timer = setInterval(check, intervalMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}

function identityOf(path: string): Identity | null {
  try {
    const s = statSync(path)
    return { dev: s.dev, ino: s.ino }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

/** Why `path` is not writable by this process (immutable, read-only mount, mode), or null. */
export function notWritable(path: string): string | null {
  try {
    accessSync(path, constants.W_OK)
    return null
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return `${path} is not writable (${code}): check its mode, owner, immutable flag (lsattr) and the mount`
  }
}
