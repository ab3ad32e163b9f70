#!/usr/bin/env node
// Runs the benchmarks against the testbed and writes bench/results.json and bench/RESULTS.md.
//   node bench/run.mjs [step] [coldstart] [install] [metadata] [matrix]     (default: all)
// Environment: BENCH_RUNS (rounds per benchmark, default 3), BENCH_MATRIX_MODES (last[,all]),
// BENCH_METADATA_TARGETS (default 1,10), BENCH_KEEP=1 keeps the scratch directory.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { NODE24, ROOT, cleanupWork, filesUnder, loadTestbed, loadavg, log, snapshotDist } from './lib.mjs'
import { render } from './report.mjs'

const ALL = ['step', 'coldstart', 'install', 'metadata', 'matrix']
const MODULES = {
  step: 'step-overhead.mjs',
  coldstart: 'cold-start.mjs',
  install: 'install.mjs',
  metadata: 'metadata.mjs',
  matrix: 'matrix.mjs'
}

const wanted = process.argv.slice(2).filter(a => !a.startsWith('-'))
for (const w of wanted) if (!ALL.includes(w)) throw new Error(`unknown benchmark ${w} (one of: ${ALL.join(', ')})`)
const ids = wanted.length ? ALL.filter(i => wanted.includes(i)) : ALL
const runs = Number(process.env.BENCH_RUNS || 3)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got ${process.env.BENCH_RUNS}`)

function version(cmd, args, env) {
  try {
    return execFileSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return ''
  }
}

const tb = loadTestbed()
const dist = await snapshotDist()
const distHash = createHash('sha256')
for (const f of filesUnder(dist)) distHash.update(f.file).update(readFileSync(path.join(dist, f.file)))
const distDigest = distHash.digest('hex')
const started = performance.now()
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  kernel: os.release(),
  node: version(NODE24, ['--version']),
  docker: tb.dockerVersion,
  buildx: tb.buildxVersion,
  stack: tb.stack,
  loadavgAtStart: loadavg()
}
log(`${ids.join(', ')}: ${runs} round(s) each, on ${machine.cpus} CPU(s); dist snapshot at ${dist}`)

const results = {}
try {
  for (const id of ids) {
    const t = performance.now()
    const before = loadavg()
    const mod = await import(`./${MODULES[id]}`)
    log(`--- ${mod.title}`)
    const r = await mod.run({ tb, dist, runs, results })
    r.seconds = Math.round((performance.now() - t) / 100) / 10
    r.loadavg = { before, after: loadavg() }
    results[id] = r
    log(`--- ${id} done in ${r.seconds} s`)
  }
} finally {
  cleanupWork()
}

// A run of some benchmarks keeps the others' last results (marked as carried over), in the usual order.
// sid's results are bench/RESULTS.md and results.json; another stack's have its name (RESULTS-trixie.md)
const suffix = tb.stack && tb.stack !== 'sid' ? `-${tb.stack}` : ''
const previousFile = path.join(ROOT, `bench/results${suffix}.json`)
if (wanted.length && existsSync(previousFile)) {
  const previous = JSON.parse(readFileSync(previousFile, 'utf8'))
  const merged = {}
  for (const id of ALL) {
    if (results[id]) merged[id] = results[id]
    else if (previous.benchmarks?.[id])
      merged[id] = {
        ...previous.benchmarks[id],
        carriedFrom: previous.benchmarks[id].carriedFrom ?? `${previous.generatedAt} (${previous.code?.git})`
      }
  }
  for (const id of Object.keys(results)) delete results[id]
  Object.assign(results, merged)
}

const head = version('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'])
const dirty = version('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'package.json', 'package-lock.json'])
const doc = {
  generatedAt: new Date().toISOString(),
  code: { git: head ? `commit ${head}${dirty ? ' with uncommitted changes in src/' : ''}` : 'no git', dist: distDigest },
  seconds: Math.round((performance.now() - started) / 100) / 10,
  runs,
  machine: { ...machine, loadavgAtEnd: loadavg() },
  benchmarks: results
}
writeFileSync(previousFile, `${JSON.stringify(doc, null, 2)}\n`)
const md = render(doc)
writeFileSync(path.join(ROOT, `bench/RESULTS${suffix}.md`), md)
process.stdout.write(md)
log(`wrote bench/results${suffix}.json and bench/RESULTS${suffix}.md in ${doc.seconds} s`)
