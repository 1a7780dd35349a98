#!/usr/bin/env node
// The `sophio-shipstation` command: runs the compiled CLI (npm install builds it).
import { runCli } from '../dist/cli/index.js'

process.exitCode = await runCli(process.argv.slice(2))
