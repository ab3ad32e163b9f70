// 4. Metadata without push or load: what it costs to learn the layers of what was built, for 1,
// 10 and 30 targets (a matrix -> bake build, 2 platforms, warm cache). Five ways, alternating:
//   - the action without push or load: reads the builder's build records (BuildKit's own API on
//     the engine's /grpc endpoint, one connection for all targets);
//   - the action with push: reads the manifests back from the registry;
//   - the bare `buildx bake` (same generated definition, same flags): the build alone, no metadata;
//   - the bare `bake --push`, then the manifests over the registry's HTTP API (node fetch);
//   - the bare `bake --load`, then `docker image inspect --platform P` for every tag.
// And, for up to 10 targets (BENCH_METADATA_BUILDX_UPTO), the same build records read with buildx processes (the way the
// action read them before: `history inspect` + one `history inspect attachment` per manifest),
// in sequence and 4 at once, to compare the ways of reading them.
// Bytes: what each way reads to get its answer (the action's own count from its log; the HTTP
// bodies; docker image inspect's JSON output).
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  ROOT,
  alternate,
  assertActionOk,
  baseEnv,
  commandKinds,
  exportsRecords,
  loggedBuildxArgv,
  mainPhases,
  ms,
  must,
  ratio,
  readStats,
  registryUrl,
  replaceFlag,
  runAction,
  summarizeAll,
  withFlags,
  workDir
} from './lib.mjs'

export const id = 'metadata'
export const title = 'Layer metadata: read-back per target, 1 to 30 targets (2 platforms each)'

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

const PLATFORMS = ['linux/amd64', 'linux/arm64']
/** untimed pause before each sample of a many-target case (BENCH_METADATA_SETTLE_MS) */
const SETTLE_MS = Number(process.env.BENCH_METADATA_SETTLE_MS ?? 6000)
const LOAD_WAY = 'bare bake --load + docker image inspect'

async function readRegistry(tb, images) {
  let bytes = 0
  const get = async (repo, ref) => {
    const r = await fetch(registryUrl(tb, `/v2/${repo}/manifests/${ref}`), { headers: { Accept: ACCEPT } })
    const body = await r.text()
    if (r.status !== 200) throw new Error(`GET ${repo}:${ref}: ${r.status}`)
    bytes += Buffer.byteLength(body)
    return JSON.parse(body)
  }
  let layers = 0
  await Promise.all(
    images.map(async ({ repo, tag }) => {
      const index = await get(repo, tag)
      const ms = await Promise.all(index.manifests.map(d => get(repo, d.digest)))
      layers += ms.reduce((a, m) => a + (m.layers?.length ?? 0), 0)
    })
  )
  return { bytes, layers }
}

/** Runs fns with at most `limit` at once. */
async function bounded(fns, limit) {
  let next = 0
  const worker = async () => {
    for (let i = next++; i < fns.length; i = next++) await fns[i]()
  }
  await Promise.all(Array.from({ length: Math.min(limit, fns.length) }, worker))
}

/**
 * Every build record's manifests read with buildx processes: `history inspect --format json`, the
 * index (`attachment --type index`), then one `attachment REF DIGEST` per manifest it lists.
 */
async function readRecordsWithBuildx(env, refs, limit) {
  let bytes = 0
  let processes = 0
  const bx = async args => {
    processes++
    const r = await must('docker', ['buildx', ...args], { env })
    bytes += r.bytes.stdout
    return r.stdout
  }
  const perRef = refs.map(ref => async () => {
    await bx(['history', 'inspect', ref, '--format', 'json'])
    const index = JSON.parse(await bx(['history', 'inspect', 'attachment', ref, '--type', 'index']))
    await bounded(
      index.manifests.map(d => () => bx(['history', 'inspect', 'attachment', ref, d.digest])),
      limit
    )
  })
  await bounded(perRef, limit)
  return { bytes, processes }
}

async function one(ctx, count) {
  const { tb, dist, runs } = ctx
  const dir = workDir(`metadata/${count}`)
  const env = baseEnv(tb)
  // One repository per target: with trixie's BuildKit (0.13), targets pushed at once into one
  // repository of the testbed's registry (distribution 2.8, whose filesystem storage rewrites a
  // link file in place) now and then get a 500 ("invalid checksum digest format") on a bare
  // `bake --push`. Both stacks push the same way, so their figures compare.
  const repoOf = v => `bench/meta${count}-${v}`
  const variants = Array.from({ length: count }, (_, i) => `v${String(i + 1).padStart(2, '0')}`)
  const inputs = {
    context: path.join(ROOT, 'bench/fixtures/meta'),
    'build-args': `BASE=${tb.baseImage}`,
    platforms: PLATFORMS.join(','),
    matrix: `variant: [${variants.join(', ')}]`,
    tags: `${tb.registry}/${repoOf('{{variant}}')}:latest`
  }
  const tags = variants.map(v => `${tb.registry}/${repoOf(v)}:latest`)

  // The action's own bake definition and argv, reused verbatim by the bare runs.
  // This first run and the 1-target push warm-up run under strace (so they are not timed), to
  // count the commands each way of reading metadata starts.
  let argv
  const bakeFile = path.join(dir, 'matrix.bake.json')
  const first = await runAction(dist, tb, inputs, {
    trace: true,
    between: main => {
      argv = loggedBuildxArgv(main)
      copyFileSync(argv[argv.indexOf('--file') + 1], bakeFile)
    }
  })
  assertActionOk(first, `metadata ${count}`)
  const refs = Object.values(JSON.parse(first.outputs.metadata || '{}')).map(m =>
    String(m['buildx.build.ref'] ?? '')
      .split('/')
      .pop()
  )
  if (refs.length !== count || refs.some(r => !r)) throw new Error(`metadata ${count}: the action's metadata output lacks build refs`)
  argv = replaceFlag(replaceFlag(argv, '--file', bakeFile), '--metadata-file', path.join(dir, 'bake-metadata.json'))

  const commands = { 'action, no push/load (build record)': commandKinds(first.commands) }
  // The registry needs the images once before timing. For 1 target that warm-up is the action
  // itself (traced, to count its commands); for more, the cheaper bare push (the same blobs and
  // tags), since the commands per target do not change with the count.
  if (count === 1) {
    const r = await runAction(dist, tb, { ...inputs, push: 'true' }, { trace: true })
    assertActionOk(r, 'metadata push warm-up')
    commands['action, push (registry)'] = commandKinds(r.commands)
  } else {
    await must('docker', withFlags(argv, '--push'), { env, keepOutput: false })
  }
  const action = push => async () => {
    const r = await runAction(dist, tb, push ? { ...inputs, push: 'true' } : inputs)
    assertActionOk(r, `metadata ${count} (${push ? 'push' : 'no push'})`)
    // the defaults users get: the summary on and every target's build record exported (none by
    // a buildx before 0.23, trixie's)
    const records = Object.keys(JSON.parse(r.outputs['build-records'] || '{}')).length
    const expected = exportsRecords(tb.buildxVersion) ? count : 0
    if (records !== expected) throw new Error(`metadata ${count}: the action exported ${records} build record(s)`)
    const { phases } = mainPhases(r.main)
    const st = readStats(r.main)
    if (st.targets !== count) throw new Error(`metadata ${count}: the action reported ${st.targets} target(s)`)
    return {
      total: r.ms,
      build: phases['build (buildx itself)'],
      read: phases['read back manifests'],
      records: phases['build records past the read-back'] ?? 0,
      bytes: st.bytes
    }
  }
  const buildxWays =
    count <= Number(process.env.BENCH_METADATA_BUILDX_UPTO ?? 10) && exportsRecords(tb.buildxVersion)
      ? Object.fromEntries(
          [
            ['buildx processes per manifest, in sequence (the old way)', 1],
            ['buildx processes per manifest, 4 at once', 4]
          ].map(([name, limit]) => [
            name,
            async () => {
              const t = performance.now()
              const { bytes } = await readRecordsWithBuildx(env, refs, limit)
              const read = performance.now() - t
              return { total: read, read, bytes }
            }
          ])
        )
      : {}
  // `docker image inspect --platform` came with docker 28: an older CLI (trixie's 26) has no load way
  const inspectsPlatforms = (await must('docker', ['image', 'inspect', '--help'], { env })).stdout.includes('--platform')
  const loadWay = async () => {
    const b = await must('docker', withFlags(argv, '--load'), { env, keepOutput: false })
    let read = 0
    let bytes = 0
    for (const p of PLATFORMS) {
      const r = await must('docker', ['image', 'inspect', '--platform', p, ...tags], { env })
      read += r.ms
      bytes += r.bytes.stdout
    }
    return { total: b.ms + read, build: b.ms, read, bytes }
  }
  const samples = await alternate(
    runs,
    {
      ...buildxWays,
      'action, no push/load (build record)': action(false),
      'action, push (registry)': action(true),
      'bare bake (no output; the build alone)': async () => ({ total: (await must('docker', argv, { env, keepOutput: false })).ms }),
      'bare bake --push + manifests over HTTP': async () => {
        const b = await must('docker', withFlags(argv, '--push'), { env, keepOutput: false })
        const t = performance.now()
        const { bytes } = await readRegistry(
          tb,
          variants.map(v => ({ repo: repoOf(v), tag: 'latest' }))
        )
        const read = performance.now() - t
        return { total: b.ms + read, build: b.ms, read, bytes }
      },
      ...(inspectsPlatforms ? { [LOAD_WAY]: loadWay } : {})
    },
    // The action's first run above warmed the build cache and the push above the registry; the
    // load route needs its first unpack into the image store done before timing.
    // A bake of N targets leaves BuildKit N traces to write (each the whole bake's spans, 1.5 MB at
    // 30 targets) in the seconds after it: they would land in the next sample, whichever it is.
    { warmup: inspectsPlatforms ? [LOAD_WAY] : [], label: `metadata ${count}`, settleMs: count > 1 ? SETTLE_MS : 0 }
  )
  return { stats: summarizeAll(samples), commands }
}

export async function run(ctx) {
  const counts = (process.env.BENCH_METADATA_TARGETS || '1,10,30').split(',').map(Number)
  const byCount = {}
  const commands = {}
  for (const c of counts) {
    const r = await one(ctx, c)
    byCount[c] = r.stats
    commands[c] = r.commands
  }
  const floor = 'bare bake (no output; the build alone)'
  const rows = []
  for (const c of counts) {
    const s = byCount[c]
    for (const n of Object.keys(s)) {
      const v = s[n]
      rows.push([
        c,
        n,
        v.total.median,
        `${ms(v.total.min)} – ${ms(v.total.max)}`,
        n.startsWith('buildx processes') ? null : ratio(v.total.median, s[floor].total.median),
        v.read ? v.read.median : null,
        v.bytes ? v.bytes.median : null
      ])
    }
  }
  const last = byCount[counts[counts.length - 1]]
  const lastCount = counts[counts.length - 1]
  const noPush = 'action, no push/load (build record)'
  const push = 'action, push (registry)'
  const http = 'bare bake --push + manifests over HTTP'
  const per = (c, way, k = 'read') => byCount[c][way][k].median / c
  const scaling = counts.map(c => {
    const s = byCount[c]
    return {
      targets: c,
      recordPerTargetMs: per(c, noPush),
      registryPerTargetMs: per(c, push),
      httpPerTargetMs: per(c, http),
      overHttpPerTargetMs: per(c, push) - per(c, http),
      noPushVsBare: ratio(s[noPush].total.median, s[floor].total.median),
      recordsPastReadMs: s[noPush].records?.median ?? null,
      pushVsBarePush: ratio(s[push].total.median, s[http].build.median),
      bareBakeMs: s[floor].total.median,
      oldWayPerTargetMs: s['buildx processes per manifest, in sequence (the old way)']
        ? per(c, 'buildx processes per manifest, in sequence (the old way)')
        : null,
      boundedPerTargetMs: s['buildx processes per manifest, 4 at once'] ? per(c, 'buildx processes per manifest, 4 at once') : null
    }
  })
  return {
    id,
    title,
    summary: Object.fromEntries(
      counts.map(c => [
        `${c} target(s)`,
        {
          recordReadMs: byCount[c]['action, no push/load (build record)'].read.median,
          recordBytes: byCount[c]['action, no push/load (build record)'].bytes.median,
          registryReadMs: byCount[c]['action, push (registry)'].read.median,
          actionNoPushMs: byCount[c]['action, no push/load (build record)'].total.median,
          actionPushMs: byCount[c]['action, push (registry)'].total.median,
          bareBakeMs: byCount[c][floor].total.median,
          loadInspectMs: byCount[c][LOAD_WAY]?.total.median ?? null,
          httpReadMs: byCount[c]['bare bake --push + manifests over HTTP'].read.median
        }
      ])
    ),
    stats: byCount,
    scaling,
    tables: [
      {
        title: 'Scaling series: read-back per target and the whole step against the bare bake (medians of one alternating run)',
        columns: [
          'targets',
          'no push: read per target',
          'no push: step, ratio to bare bake',
          'push: read per target',
          'registry HTTP per target',
          'push: read over HTTP per target',
          'push: step, ratio to bare bake --push',
          'buildx processes per target, in sequence',
          'buildx processes per target, 4 at once'
        ],
        rows: scaling.map(x => [
          x.targets,
          x.recordPerTargetMs,
          x.noPushVsBare,
          x.registryPerTargetMs,
          x.httpPerTargetMs,
          x.overHttpPerTargetMs,
          x.pushVsBarePush,
          x.oldWayPerTargetMs,
          x.boundedPerTargetMs
        ])
      },
      {
        title: 'Build + metadata, per way of getting the metadata (total = whole step or build + read)',
        columns: ['targets', 'way', 'total median', 'total min–max', 'ratio to bare bake', 'read part (median)', 'bytes read'],
        rows
      },
      {
        title: 'Commands the action started (counted under strace in an untimed run)',
        columns: ['targets', 'way', 'command', 'count'],
        rows: counts.flatMap(c =>
          Object.entries(commands[c]).flatMap(([way, kinds]) => Object.entries(kinds).map(([k, n]) => [c, way, `\`${k}\``, n]))
        )
      }
    ],
    commands,
    perTargetReadMs: {
      buildRecord: last['action, no push/load (build record)'].read.median / lastCount,
      registry: last['action, push (registry)'].read.median / lastCount
    }
  }
}
