// 2. Cold start: from the moment the runner execs node on dist/main.js to the first command the
// action starts (and to the `buildx build` itself), measured from outside with
// `strace -f -e trace=execve -ttt` (seccomp-filtered, so only execve stops the tracee). Compared
// with node's bare startup and with post.js run without state (node + loading the bundle).
// Also the size of dist/, per file and per entry point (what each one loads).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  NODE24,
  ROOT,
  STRACE,
  actionCommands,
  alternate,
  baseEnv,
  commandKind,
  filesUnder,
  runAction,
  summarizeAll,
  timed
} from './lib.mjs'

export const id = 'coldstart'
export const title = 'Cold start (process start to first command) and bundle size'

/** Static import graph of an ES module bundle: the files an entry point loads. */
function loadedBy(dist, entry) {
  const seen = new Set()
  const visit = rel => {
    if (seen.has(rel)) return
    seen.add(rel)
    const text = readFileSync(path.join(dist, rel), 'utf8')
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g))
      visit(path.normalize(path.join(path.dirname(rel), m[1])))
  }
  visit(entry)
  return [...seen]
}

export async function run({ tb, dist, runs, results }) {
  const inputs = {
    context: path.join(ROOT, 'bench/fixtures/step'),
    'build-args': `BASE=${tb.baseImage}`,
    platforms: 'linux/amd64,linux/arm64',
    push: 'true',
    tags: `${tb.registry}/bench/step:warm`
  }

  const timeline = []
  const variants = {
    'node -e 0 (node 24, bare startup)': async () => ({ ms: (await timed(NODE24, ['-e', '0'])).ms }),
    'node dist/post.js without state (node + bundle load)': async () => {
      const e = { ...baseEnv(tb), GITHUB_ACTIONS: 'true' }
      const r = await timed(NODE24, [path.join(dist, 'post.js')], { env: e })
      if (r.code !== 0) throw new Error(`post.js without state exited ${r.code}: ${r.stdout}${r.stderr}`)
      return { ms: r.ms }
    }
  }
  // Loading each chunk alone (with what it imports): which bundled packages the startup pays for.
  const chunkInfo = {}
  for (const f of filesUnder(dist).filter(f => f.file.startsWith('chunks/'))) {
    const text = readFileSync(path.join(dist, f.file), 'utf8')
    const sizes = {}
    let pkg = 'other'
    for (const line of text.split('\n')) {
      const m = /^\/\/ (node_modules\/((?:@[^/]+\/)?[^/]+)|src)\//.exec(line)
      if (m) pkg = m[2] ?? 'src'
      sizes[pkg] = (sizes[pkg] ?? 0) + line.length + 1
    }
    const top = Object.entries(sizes)
      .filter(([, v]) => v >= 1024)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${Math.round(v / 1024)} KiB`)
    const name = `node + import ${f.file} and what it imports (${top.join(', ')})`
    chunkInfo[f.file] = { bytes: f.bytes, packages: sizes }
    const url = new URL(`file://${path.join(dist, f.file)}`).href
    variants[name] = async () => {
      const r = await timed(NODE24, ['--input-type=module', '-e', `await import(${JSON.stringify(url)})`])
      if (r.code !== 0) throw new Error(`import ${f.file} exited ${r.code}: ${r.stderr.slice(-500)}`)
      return { ms: r.ms }
    }
  }
  if (STRACE) {
    variants['main.js under strace'] = async round => {
      const r = await runAction(dist, tb, inputs, { trace: true, post: false })
      if (r.main.code !== 0) throw new Error(`main under strace exited ${r.main.code}:\n${r.main.stdout.slice(-2000)}`)
      const t0 = r.execs.main[0].t
      const cmds = actionCommands(r.execs.main)
      const build = cmds.find(c => c.argv.slice(1, 3).some(w => w === 'build' || w === 'bake'))
      if (round === 0) timeline.push(...cmds.map(c => ({ at: Math.round(c.t - t0), cmd: commandKind(c.argv) })))
      return { first: cmds[0] ? cmds[0].t - t0 : NaN, build: build ? build.t - t0 : NaN }
    }
  }
  const samples = summarizeAll(await alternate(runs, variants, { warmup: true, label: 'coldstart' }))

  // Cross-check without any tracer: main's own log, from the step-overhead runs (the first group
  // line is printed right before the first command; the buildx line right before the build).
  let fromLog
  const stepRuns = results?.step?.stats?.action
  if (stepRuns) fromLog = { firstCommand: stepRuns['node start + inputs'], buildCommand: stepRuns.toBuildCommand }

  const files = filesUnder(dist)
  const total = files.reduce((a, f) => a + f.bytes, 0)
  const entries = ['main.js', 'post.js'].map(e => {
    const loaded = loadedBy(dist, e)
    return { entry: e, files: loaded, bytes: loaded.reduce((a, f) => a + files.find(x => x.file === f).bytes, 0) }
  })

  const traced = samples['main.js under strace']
  const rows = []
  if (traced) {
    rows.push(['main.js: exec of node -> first command (strace)', traced.first])
    rows.push(['main.js: exec of node -> the build command (strace)', traced.build])
  }
  if (fromLog) {
    rows.push(['main.js: spawn -> first command (log, no tracer)', fromLog.firstCommand])
    rows.push(['main.js: spawn -> the build command (log, no tracer)', fromLog.buildCommand])
  }
  rows.push(['node -e 0 (node 24 bare startup)', samples['node -e 0 (node 24, bare startup)'].ms])
  rows.push(['node dist/post.js, no state (node + bundle load + exit)', samples['node dist/post.js without state (node + bundle load)'].ms])
  for (const [k, v] of Object.entries(samples)) if (k.startsWith('node + import ')) rows.push([k, v.ms])

  const first = traced?.first.median ?? fromLog?.firstCommand.median
  return {
    id,
    title,
    summary: {
      firstCommandMs: first,
      buildCommandMs: traced?.build.median ?? fromLog?.buildCommand.median,
      nodeBareMs: samples['node -e 0 (node 24, bare startup)'].ms.median,
      bundleLoadMs: samples['node dist/post.js without state (node + bundle load)'].ms.median,
      distBytes: total,
      targetMet: first !== undefined && first < 150
    },
    stats: samples,
    fromLog,
    timeline,
    bundle: { total, files, entries, chunks: chunkInfo },
    tables: [
      {
        title: 'Time to the first command',
        columns: ['measure', 'median', 'min', 'max'],
        rows: rows.map(([n, s]) => [n, s.median, s.min, s.max])
      },
      {
        title:
          'Commands main starts, in order (first strace run; ms after node was exec’d; tracing slows the Go programs, so later times are stretched)',
        columns: ['at (ms)', 'command'],
        rows: timeline.map(x => [x.at, `\`${x.cmd}\``])
      },
      {
        title: `dist/ size: ${total} bytes in ${files.length} files`,
        columns: ['file', 'bytes'],
        rows: [...files.map(f => [f.file, f.bytes]), ...entries.map(e => [`loaded by ${e.entry} (${e.files.length} files)`, e.bytes])]
      }
    ]
  }
}
