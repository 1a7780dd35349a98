// The better-sqlite3 build that works on this Node: 13 where Node has Node-API 10, else 12 (Node 20).

import { createRequire } from 'node:module'
import type BetterSqlite3 from 'better-sqlite3'

// Neither major works on every Node we support, so both are installed and the one that works is loaded:
// - 13 is Node-API 10, which came with Node 22.14; on Node 20 (Node-API 9) it crashes with SIGSEGV in
//   `new Database()`.
// - 12 wraps its objects in node::ObjectWrap, whose destructor from Node 24.19 on (and in 26) requires an
//   entered JS context; a Statement collected by a GC that runs outside one (an idle or memory-reducer GC)
//   aborts the process with SIGABRT "RemoveEnvironmentCleanupHook … (env) != nullptr". Fine on Node 20 and 22.
// Remove the `better-sqlite3-node20` alias and this choice together with Node 20 support.
const NODE_API = Number(process.versions.napi)

/** The package name this process loads: `better-sqlite3` (13) or `better-sqlite3-node20` (12). */
export const SQLITE_PACKAGE = NODE_API >= 10 ? 'better-sqlite3' : 'better-sqlite3-node20'

const load = createRequire(import.meta.url)

/** Where that package's entry point is (for a child process that must load the same build). */
export const SQLITE_ENTRY = resolveEntry()

export const Database = load(SQLITE_ENTRY) as typeof BetterSqlite3

function resolveEntry(): string {
  try {
    return load.resolve(SQLITE_PACKAGE)
  } catch {
    throw new Error(
      `${SQLITE_PACKAGE} is not installed: on Node ${process.versions.node} (Node-API ${NODE_API}) sophio-shipstation ` +
        'needs better-sqlite3 12, compiled from source at `npm install` (python3, make, g++ and Node\'s headers; see ' +
        'the README, "Prerequisites"). Install them and run `npm install` again, or use Node 22.14 or newer.',
    )
  }
}
