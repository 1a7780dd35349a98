// A one-line progress display for long imports (only when stderr is a terminal).

export function progressBar(write: (s: string) => void) {
  const started = Date.now()
  let shown = false
  return {
    update(done: number): void {
      const secs = (Date.now() - started) / 1000
      const rate = secs > 0 ? Math.round(done / secs) : 0
      write(`\r  imported ${done.toLocaleString('en-US')} records · ${rate.toLocaleString('en-US')}/s   `)
      shown = true
    },
    clear(): void {
      if (shown) write('\r\x1b[2K')
    },
    done(): void {
      if (shown) write('\n')
    },
  }
}
