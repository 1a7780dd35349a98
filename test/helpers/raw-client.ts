// Raw HTTP/1.1 clients on real sockets to 127.0.0.1: a client pushing a big body, a client that stalls.

import { readFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'

export interface RawAnswer {
  /** The status of the answer, when one arrived before the socket closed. */
  status: number | null
  /** Bytes of body the client managed to write before the server answered or closed. */
  bodyBytesSent: number
  /** True when the server closed (or reset) the connection; false when the client gave up at its deadline. */
  closedByServer: boolean
}

/** One 64 KiB filler chunk shared by every client: the test process must not hold 2 MB per connection itself. */
const FILLER = Buffer.alloc(64 * 1024, 0x61)

/**
 * Writes `head` (request line and headers, ending in an empty line) and then `bodyBytes` of filler, at the
 * pace the socket accepts, the way a hostile client would: it keeps writing after the answer came. Resolves
 * when the server has closed the connection, or at `deadlineMs` (the client then closes it).
 */
export function pushBody(port: number, head: string, bodyBytes: number, deadlineMs: number): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let status: number | null = null
    let sent = 0
    let received = ''
    let done = false
    const finish = (closedByServer: boolean) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ status, bodyBytesSent: sent, closedByServer })
    }
    const timer = setTimeout(() => finish(false), deadlineMs)
    socket.on('data', (d: Buffer) => {
      if (status !== null) return
      received += d.toString('latin1')
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(received)
      if (m) status = Number(m[1])
    })
    // A reset while writing is the server refusing the rest of the body: that is an answer too.
    socket.on('error', () => finish(true))
    socket.on('close', () => finish(true))
    socket.on('connect', () => {
      socket.write(head)
      void pump(socket, bodyBytes, (n) => {
        sent += n
      })
    })
  })
}

async function pump(socket: Socket, total: number, wrote: (n: number) => void): Promise<void> {
  let left = total
  while (left > 0 && !socket.destroyed) {
    const chunk = FILLER.subarray(0, Math.min(FILLER.length, left))
    left -= chunk.length
    wrote(chunk.length)
    if (!socket.write(chunk)) {
      await new Promise<void>((r) => {
        socket.once('drain', r)
        socket.once('close', r)
      })
    }
  }
}

/**
 * Sends `head` and then nothing at all (e.g. after announcing a Content-Length). Resolves with the status of
 * whatever answer came and when the server closed the connection, or at `deadlineMs`.
 */
export function stall(port: number, head: string, deadlineMs: number): Promise<RawAnswer> {
  return pushBody(port, head, 0, deadlineMs)
}

/** Resident set size of a process, in bytes, from /proc (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) * 1024
}
