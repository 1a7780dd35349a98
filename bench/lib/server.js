// Starts the real service in a child process (so the load generator does not share its event loop).

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CHILD = fileURLToPath(new URL('./server-child.js', import.meta.url))

/** Resolves with { port, stop() } once the child listens. `env` is the service's environment. */
export function startServer(env) {
  const child = fork(CHILD, [], {
    // BENCH_SERVER_NODE_ARGS adds Node flags to the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
    execArgv: ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
    child.once('message', (msg) => {
      child.removeAllListeners('exit')
      const ask = (question) =>
        new Promise((answer) => {
          child.once('message', answer)
          child.send(question)
        })
      resolve({
        port: msg.port,
        info: msg,
        /** { rss, peak, heap, peakHeap } of the server process, in bytes. */
        memory: () => ask('memory'),
        resetPeak: () => ask('reset-peak'),
        stop: () =>
          new Promise((done) => {
            child.once('exit', done)
            child.kill('SIGTERM')
          }),
      })
    })
  })
}
