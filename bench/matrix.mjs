// 5. Matrix scaling: 1 variant vs 8 variants of a Dockerfile whose variants share everything but
// their last stage (bench/fixtures/matrix: a shared stage that writes and hashes 8 MiB, then a
// per-variant stage), 2 platforms, no push, as the action runs it (one bake) and as the bare
// `buildx bake` runs the same generated definition.
//
// Modes (BENCH_MATRIX_MODES, default "last"):
//   last  the shared stage is cached (built in the warm-up) and every run passes a new SALT build
//         arg, so each variant's last stage really rebuilds: the usual CI case (base work cached,
//         the changed code rebuilt), and the one where the matrix's shape matters.
//   all   a new SHARED_SALT as well: the shared stage rebuilds too (once, shared by all variants
//         in the one bake): a fully cold build without throwing away the base image.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  ROOT,
  alternate,
  assertActionOk,
  baseEnv,
  loggedBuildxArgv,
  mainPhases,
  must,
  randomId,
  ratio,
  replaceFlag,
  runAction,
  summarizeAll,
  workDir
} from './lib.mjs'

export const id = 'matrix'
export const title = 'Matrix scaling: 1 vs 8 variants sharing all but the last stage'

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']

export async function run({ tb, dist, runs }) {
  const dir = workDir('matrix')
  const env = baseEnv(tb)
  const modes = (process.env.BENCH_MATRIX_MODES || 'last').split(',').filter(Boolean)
  const counts = [1, 8]
  const inputsFor = (n, salt, sharedSalt) => ({
    context: path.join(ROOT, 'bench/fixtures/matrix'),
    'build-args': `BASE=${tb.baseImage}\nSALT=${salt}\nSHARED_SALT=${sharedSalt}`,
    platforms: 'linux/amd64,linux/arm64',
    matrix: `variant: [${LETTERS.slice(0, n).join(', ')}]`,
    tags: `${tb.registry}/bench/matrix${n}:{{variant}}`
  })

  // Warm-up per count: builds the shared stage (SHARED_SALT=warm) and captures the action's
  // generated bake definition and argv for the bare runs.
  const bare = {}
  for (const n of counts) {
    let argv
    let def
    const r = await runAction(dist, tb, inputsFor(n, `warm-${randomId()}`, 'warm'), {
      between: main => {
        argv = loggedBuildxArgv(main)
        def = JSON.parse(readFileSync(argv[argv.indexOf('--file') + 1], 'utf8'))
      }
    })
    assertActionOk(r, `matrix warm-up (${n})`)
    bare[n] = { argv: replaceFlag(argv, '--metadata-file', path.join(dir, `bake-metadata-${n}.json`)), def }
  }
  const bareRun = async (n, salt, sharedSalt) => {
    const def = structuredClone(bare[n].def)
    for (const t of Object.values(def.target)) Object.assign(t.args, { SALT: salt, SHARED_SALT: sharedSalt })
    const file = path.join(dir, `bake-${n}.json`)
    writeFileSync(file, JSON.stringify(def, null, 2))
    const r = await must('docker', replaceFlag(bare[n].argv, '--file', file), { env, keepOutput: false })
    return { total: r.ms, build: r.ms }
  }

  const byMode = {}
  for (const mode of modes) {
    const shared = () => (mode === 'all' ? `cold-${randomId()}` : 'warm')
    const variants = {}
    for (const n of counts) {
      variants[`action, ${n} variant(s)`] = async () => {
        const r = await runAction(dist, tb, inputsFor(n, randomId(), shared()))
        assertActionOk(r, `matrix ${n}`)
        const { phases } = mainPhases(r.main)
        return { total: r.ms, build: phases['build (buildx itself)'], read: phases['read back manifests'] }
      }
      variants[`bare bake, ${n} variant(s)`] = () => bareRun(n, randomId(), shared())
    }
    byMode[mode] = summarizeAll(await alternate(runs, variants, { warmup: false, label: `matrix ${mode}` }))
  }

  const tables = []
  const summary = {}
  for (const [mode, s] of Object.entries(byMode)) {
    const a1 = s['action, 1 variant(s)']
    const a8 = s['action, 8 variant(s)']
    const b1 = s['bare bake, 1 variant(s)']
    const b8 = s['bare bake, 8 variant(s)']
    summary[mode] = {
      bare8v1: ratio(b8.total.median, b1.total.median),
      action8v1: ratio(a8.total.median, a1.total.median),
      actionBuild8v1: ratio(a8.build.median, a1.build.median),
      action1VsBare: ratio(a1.total.median, b1.total.median),
      action8VsBare: ratio(a8.total.median, b8.total.median)
    }
    tables.push({
      title: `Mode "${mode}" (${mode === 'last' ? 'shared stage cached, last stage rebuilt per run' : 'shared and last stages rebuilt per run'})`,
      columns: ['variant', 'median', 'min', 'max', 'build part (median)', 'read part (median)', 'ratio to bare, same count'],
      rows: [
        ['bare bake, 1 variant', b1, b1],
        ['bare bake, 8 variants', b8, b8],
        ['action, 1 variant', a1, b1],
        ['action, 8 variants', a8, b8]
      ].map(([n, st, ref]) => [
        n,
        st.total.median,
        st.total.min,
        st.total.max,
        st.build?.median ?? null,
        st.read?.median ?? null,
        ratio(st.total.median, ref.total.median)
      ])
    })
    tables.push({
      title: `Mode "${mode}": 8 variants / 1 variant`,
      columns: ['', 'ratio of medians'],
      rows: [
        ['bare bake', summary[mode].bare8v1],
        ['action, whole step', summary[mode].action8v1],
        ['action, build part only', summary[mode].actionBuild8v1]
      ]
    })
  }
  return { id, title, summary, stats: byMode, tables }
}
