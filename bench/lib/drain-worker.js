// Drains export windows page after page in a worker thread, until told to stop (keeps the load
// generator's own event loop free while it measures something else).

import { parentPort, workerData } from 'node:worker_threads'

const { base, query, auth } = workerData
let running = true
let pages = 0
parentPort.on('message', () => {
  running = false
})
while (running) {
  const first = await fetch(`${base}/shipstation?${query}&page=1`, { headers: { authorization: auth } })
  const total = Number(/pages="(\d+)"/.exec(await first.text())?.[1] ?? 0)
  pages++
  for (let p = 2; p <= total && running; p++) {
    const res = await fetch(`${base}/shipstation?${query}&page=${p}`, { headers: { authorization: auth } })
    await res.arrayBuffer()
    pages++
  }
}
parentPort.postMessage({ pages })
