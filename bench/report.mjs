// bench/results.json -> bench/RESULTS.md: the tables each benchmark returned, a summary against
// the issue's targets, and observations written from the measured numbers (never hard-coded).
import { ms } from './lib.mjs'

function cell(col, v) {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '–'
  if (typeof v !== 'number') return String(v)
  const c = col.toLowerCase()
  if (c.includes('ratio')) return `${v.toFixed(2)}×`
  if (c.includes('bytes')) return v.toLocaleString('en-US')
  if (c === 'targets' || c === 'count' || c.startsWith('at (')) return String(v)
  return ms(v)
}

function table(t) {
  const cols = t.columns
  const numeric = cols.map((_, i) => t.rows.some(r => typeof r[i] === 'number'))
  const out = [
    `**${t.title}**`,
    '',
    `| ${cols.map(c => c || ' ').join(' | ')} |`,
    `|${cols.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`
  ]
  for (const row of t.rows) out.push(`| ${row.map((v, i) => cell(cols[i] ?? '', v)).join(' | ')} |`)
  return out.join('\n')
}

const med = s => s?.median

const list = kinds =>
  Object.entries(kinds)
    .map(([k, n]) => `${n}× \`${k}\``)
    .join(', ')
const isRead = k => /imagetools inspect|history inspect/.test(k)

function stepNotes(r) {
  const a = r.stats.action
  const p = r.parts
  const get = prefix => Object.entries(p).find(([k]) => k.startsWith(prefix))?.[1]?.ms?.median
  const s = r.summary
  const n = r.setup.manifestsReadBack
  const phase = k => med(a[k])
  const overhead = s.overheadMs
  const share = x => (x == null ? '' : ` (${Math.round((x / overhead) * 100)}% of the overhead)`)
  const readKinds = Object.fromEntries(Object.entries(r.commands ?? {}).filter(([k]) => isRead(k)))
  const readCalls = Object.values(readKinds).reduce((x, y) => x + y, 0)
  const notes = [
    `The action took **${ms(s.actionMs)}** (main ${ms(med(a.main))} + post ${ms(med(a.post))}) where the bare \`docker buildx build\` with the same argv took **${ms(s.bareMs)}**: ${s.ratio}× the CLI, **+${ms(overhead)}** (${s.overheadPct}%). With DOCKER_BUILD_SUMMARY=false (no build record, as in docker's actions) it took ${ms(s.summaryOffMs)}, **+${ms(s.summaryOffOverheadMs)}**. ${s.peerMs != null ? ` docker/build-push-action (${r.setup.peer}), same inputs, in the same rounds: **${ms(s.peerMs)}**, **+${ms(s.peerOverheadMs)}** with its defaults (summary and record on), ${ms(s.peerSummaryOffMs)}, **+${ms(s.peerSummaryOffOverheadMs)}** with DOCKER_BUILD_SUMMARY=false.` : ''}${s.noIdMs != null ? ` A step without an id (the runner drops its outputs), whose records post exports: ${ms(s.noIdMs)}, **+${ms(s.noIdMs - s.bareMs)}** with post at once (main alone ${ms(s.noIdMainMs)}), **+${ms(s.noIdLaterMs - s.bareMs)}** with post 5 s later.` : ''}${r.setup.recordsExported === 0 ? ' This buildx (before 0.23) exports no build record: the default here is the summary alone.' : ''} The target (at most 250 ms over the bare CLI, summary on and off${s.peerMs != null ? ', and below the peer' : ''}) is **${s.targetMet ? 'met' : 'not met'}**.`,
    `Where the overhead goes (medians): node start, bundle load and inputs ${ms(phase('node start + inputs'))}${share(phase('node start + inputs'))}; buildx setup ${ms(phase('buildx setup (version probe)'))}${share(phase('buildx setup (version probe)'))}; builder setup ${ms(phase('builder setup (inspect)'))}${share(phase('builder setup (inspect)'))}; capability probe and argv ${ms(phase('capabilities (docker info), argv'))}${share(phase('capabilities (docker info), argv'))}; reading back what was built ${ms(phase('read back manifests'))}${share(phase('read back manifests'))}${readCalls ? `, with ${readCalls} buildx processes (${list(readKinds)})` : ''}; post ${ms(med(a.post))}${share(med(a.post))} (a second node start and bundle load, the summary, removing the temp dir). The build itself took ${ms(phase('build (buildx itself)'))} inside the action against ${ms(s.bareMs)} bare${Math.abs(phase('build (buildx itself)') - s.bareMs) < Math.max(100, 0.15 * s.bareMs) ? ': the same work, within the noise' : ''}.`,
    `A \`docker buildx …\` call pays the docker CLI's plugin hop: \`docker buildx version\` takes ${ms(get('docker buildx version'))}, the same binary run directly (\`docker-buildx version\`) ${ms(get('docker-buildx version'))}. (The docker CLI starts, runs the plugin once for \`docker-cli-plugin-metadata\`, then again for the command.)`,
    `The same ${n} manifests (index, platform manifests, attestation manifests) read ${n} ways: ${n}× \`docker buildx imagetools inspect --raw\` in sequence ${ms(get(`${n}x docker buildx imagetools`))}; the buildx binary directly, in sequence ${ms(get(`${n}x docker-buildx imagetools inspect --raw (binary directly, sequential)`))}, in parallel ${ms(get(`${n}x docker-buildx imagetools inspect --raw (binary directly, parallel)`))} (2 cores: parallel processes mostly compete); the registry's HTTP API with node's fetch ${ms(get(`${n}x HTTP GET`))}.`
  ]
  if (r.commands) {
    const total = Object.values(r.commands).reduce((x, y) => x + y, 0)
    notes.push(
      `In all, main and post started ${total} docker/buildx processes for this one build (${list(r.commands)}); the bare CLI starts one.`
    )
  }
  return notes
}

function coldNotes(r) {
  const s = r.summary
  const c = r.bundle.chunks ?? {}
  const undici = Object.values(c).reduce((acc, x) => acc + (x.packages?.undici ?? 0), 0)
  const tl = r.timeline ?? []
  const buildAt = tl.findIndex(x => /\b(build|bake)$/.test(x.cmd))
  const before =
    buildAt > 0
      ? tl
          .slice(0, buildAt)
          .map(x => `\`${x.cmd}\``)
          .join(', ')
      : ''
  return [
    `From the exec of node on dist/main.js to its first command${tl[0] ? ` (\`${tl[0].cmd}\`)` : ''}: **${ms(s.firstCommandMs)}** (strace; main's own log, untraced, gives ${ms(med(r.fromLog?.firstCommand))}). The target (under 150 ms) is **${s.targetMet ? 'met' : 'not met'}**. The build command starts at ${ms(s.buildCommandMs)} traced${r.fromLog ? `, ${ms(med(r.fromLog.buildCommand))} untraced` : ''}${before ? `, after ${before}` : ''}.`,
    `Node 24 alone starts in ${ms(s.nodeBareMs)}; node loading the bundle and exiting (post.js without state) takes ${ms(s.bundleLoadMs)}, so about ${ms(s.bundleLoadMs - s.nodeBareMs)} is loading and compiling ${(r.bundle.entries[0].bytes / 1024).toFixed(0)} KiB of JavaScript${undici ? `, ${(undici / 1024).toFixed(0)} KiB of it undici (the HTTP client @actions/http-client brings, imported at load time by @actions/core and @actions/tool-cache)` : ''}.`,
    `dist/ is ${r.bundle.total.toLocaleString('en-US')} bytes; main.js loads ${r.bundle.entries[0].bytes.toLocaleString('en-US')} bytes, post.js ${r.bundle.entries[1].bytes.toLocaleString('en-US')}.`
  ]
}

function installNotes(r) {
  const s = r.summary
  const st = r.stats
  return [
    `Cold (empty tool cache): **${ms(s.coldInstallMs)}** to download ${(r.setup.binaryBytes / 1048576).toFixed(1)} MiB from the loopback mirror, check its sha256 against checksums.txt and copy it into the tool cache; by hand, \`curl\` + \`sha256sum -c\` takes ${ms(s.curlFloorMs)}, \`curl\` + \`openssl dgst -sha256\` ${ms(s.curlOpensslFloorMs)}: the action is at ${s.coldVsFloor}× the faster of the two.`,
    `Cached (tool-cache hit): **${ms(s.cachedInstallMs)}**, which is re-hashing the ${(r.setup.binaryBytes / 1048576).toFixed(1)} MiB binary against the digest recorded at install: \`openssl dgst -sha256\` takes ${ms(s.opensslFloorMs)} (node's hash is OpenSSL's, using the CPU's SHA instructions), coreutils \`sha256sum\` ${ms(s.sha256FloorMs)}.`,
    `The version probe after the install takes ${ms(med(st['action, cold (empty tool cache)'].versionProbe))} for the downloaded binary; with \`buildx-version: installed\` the whole buildx setup (finding the plugin, probing its version) takes ${ms(med(st['action, buildx-version=installed (no install)'].versionProbe))}.`
  ]
}

/** A run whose action read nothing without push: a buildx without build records (trixie's 0.13). */
const noRecords = (r, x) => r.summary?.[`${x.targets} target(s)`]?.recordBytes === 0

function metadataNotes(r) {
  const notes = []
  for (const x of r.scaling ?? []) {
    notes.push(
      `${x.targets} target(s): ${noRecords(r, x) ? 'without push the action reads nothing (this buildx, before 0.23, has no build records to read: the target does not apply)' : `without push the action reads each target's build record in **${ms(x.recordPerTargetMs)}** (target 50 ms: ${x.recordPerTargetMs <= 50 ? 'met' : '**not met**'})`}; after a push **${ms(x.registryPerTargetMs)}** per target where the registry's HTTP API alone answers in ${ms(x.httpPerTargetMs)}: **${ms(x.overHttpPerTargetMs)}** over it (target 20 ms: ${x.overHttpPerTargetMs <= 20 ? 'met' : '**not met**'}). ${x.recordsPastReadMs != null && !noRecords(r, x) ? `The build records, exported beside the read-back, add **${ms(x.recordsPastReadMs)}** past its end (target 100 ms: ${x.recordsPastReadMs <= 100 ? 'met' : '**not met**'}). ` : ''}The whole step is ${x.noPushVsBare}× the bare bake without push${x.targets === 10 ? ` (target 1.3×: ${x.noPushVsBare <= 1.3 ? 'met' : '**not met**'})` : ''}, ${x.pushVsBarePush}× the bare bake --push with push.${x.oldWayPerTargetMs != null ? ` The same records read with buildx processes: ${ms(x.oldWayPerTargetMs)} per target in sequence (the way the action read them before), ${ms(x.boundedPerTargetMs)} 4 at once.` : ''}`
    )
  }
  for (const [k, v] of Object.entries(r.summary)) {
    const n = Number.parseInt(k, 10)
    notes.push(
      `${k}: the action reads the build record in **${ms(v.recordReadMs)}** for ${v.recordBytes?.toLocaleString('en-US')} bytes of manifests (${ms(v.recordReadMs / n)} per target); from the registry after a push in ${ms(v.registryReadMs)}. The same manifests over the registry's HTTP API take ${ms(v.httpReadMs)}. The whole step: ${ms(v.actionNoPushMs)} without push, ${ms(v.actionPushMs)} with; the bare bake alone ${ms(v.bareBakeMs)}${v.loadInspectMs != null ? `, bake --load + docker image inspect ${ms(v.loadInspectMs)}` : ''}.`
    )
  }
  for (const [count, ways] of Object.entries(r.commands ?? {})) {
    for (const [way, kinds] of Object.entries(ways)) {
      const reads = Object.fromEntries(Object.entries(kinds).filter(([k]) => isRead(k)))
      const total = Object.values(reads).reduce((x, y) => x + y, 0)
      if (total)
        notes.push(
          `${way}, ${count} target(s): ${total} buildx processes to read metadata (${list(reads)}), ${Math.round((total / Number(count)) * 10) / 10} per target; each one is a process start (a docker CLI and plugin start when called as \`docker buildx\`, see the step-overhead table), so the read time grows with targets × manifests.`
        )
    }
  }
  const one = r.summary['1 target(s)']
  if (one && r.stats?.['1']) {
    const reg = r.stats['1']['action, push (registry)']?.bytes?.median
    if (reg && one.recordBytes && reg > one.recordBytes)
      notes.push(
        `The registry route counts ${(reg - one.recordBytes).toLocaleString('en-US')} more bytes per target than the build-record route for the same manifests: the provenance attestation it also reads (see the commands table).`
      )
  }
  notes.push(
    '`docker image inspect --platform P` answers from the engine’s image store: the image config and uncompressed layer diff IDs per platform, not the pushed manifests (no compressed layer digests or sizes, no attestations), and it needs `--load` first.'
  )
  return notes
}

function matrixNotes(r) {
  return Object.entries(r.summary).map(([mode, s]) => {
    const st = r.stats[mode]
    const a8 = st['action, 8 variant(s)']
    const b8 = st['bare bake, 8 variant(s)']
    const extra = med(a8.total) - med(b8.total)
    return `Mode "${mode}": 8 variants take ${s.bare8v1}× the time of 1 with the bare \`buildx bake\`, ${s.action8v1}× with the action (its build part alone: ${s.actionBuild8v1}×). The action costs ${s.action1VsBare}× the bare bake at 1 variant and ${s.action8VsBare}× at 8; at 8 variants reading back the targets' manifests takes ${ms(med(a8.read))} of the action's extra ${ms(extra)}.`
  })
}

const NOTES = { step: stepNotes, coldstart: coldNotes, install: installNotes, metadata: metadataNotes, matrix: matrixNotes }

function summaryRows(b) {
  const rows = []
  if (b.step) {
    const s = b.step.summary
    rows.push([
      'Step overhead (warm 2-platform build + push)',
      `${b.step.setup?.recordsExported === 0 ? 'summary on (default; no build record before buildx 0.23)' : 'summary and record on (default)'}: action ${ms(s.actionMs)} vs bare ${ms(s.bareMs)}: ${s.ratio}×, +${ms(s.overheadMs)}${s.summaryOffMs != null ? `; DOCKER_BUILD_SUMMARY=false: ${ms(s.summaryOffMs)}, +${ms(s.summaryOffOverheadMs)}` : ''}${s.noIdMs != null ? `; a step without an id +${ms(s.noIdMs - s.bareMs)} (post 5 s later: +${ms(s.noIdLaterMs - s.bareMs)})` : ''}${s.peerMs != null ? `; docker/build-push-action +${ms(s.peerOverheadMs)} (summary off +${ms(s.peerSummaryOffOverheadMs)})` : ''}`,
      `≤ +250 ms, summary on and off${s.peerMs != null ? '; below the peer' : ''}`,
      s.targetMet ? 'yes' : '**no**'
    ])
  }
  if (b.coldstart) {
    const s = b.coldstart.summary
    rows.push([
      'Cold start: node exec → first command',
      `${ms(s.firstCommandMs)} (node alone ${ms(s.nodeBareMs)}, node + bundle load ${ms(s.bundleLoadMs)}); first build command at ${ms(s.buildCommandMs)}`,
      '< 150 ms',
      s.targetMet ? 'yes' : '**no**'
    ])
    rows.push(['Bundle size (dist/)', `${s.distBytes.toLocaleString('en-US')} bytes`, 'report', '–'])
  }
  if (b.install) {
    const s = b.install.summary
    rows.push([
      'Install buildx from local mirror',
      `cold ${ms(s.coldInstallMs)} (curl + sha256sum ${ms(s.curlFloorMs)}, curl + openssl ${ms(s.curlOpensslFloorMs)}); cached ${ms(s.cachedInstallMs)} (openssl ${ms(s.opensslFloorMs)}, sha256sum ${ms(s.sha256FloorMs)})`,
      'report',
      '–'
    ])
  }
  if (b.metadata) {
    for (const x of b.metadata.scaling ?? []) {
      rows.push([
        `Read-back without push/load, ${x.targets} target(s)`,
        `${noRecords(b.metadata, x) ? 'nothing read (no build records before buildx 0.23)' : `${ms(x.recordPerTargetMs)} per target`}; whole step ${x.noPushVsBare}× the bare bake`,
        x.targets === 10 ? '≤ 50 ms per target; step ≤ 1.3× bare' : '≤ 50 ms per target',
        (noRecords(b.metadata, x) || x.recordPerTargetMs <= 50) && (x.targets !== 10 || x.noPushVsBare <= 1.3) ? 'yes' : '**no**'
      ])
      rows.push([
        `Read-back after push, ${x.targets} target(s)`,
        `${ms(x.registryPerTargetMs)} per target, registry HTTP alone ${ms(x.httpPerTargetMs)}: +${ms(x.overHttpPerTargetMs)}; whole step ${x.pushVsBarePush}× the bare bake --push`,
        '≤ 20 ms per target over HTTP',
        x.overHttpPerTargetMs <= 20 ? 'yes' : '**no**'
      ])
    }
    if (!b.metadata.scaling)
      for (const [k, v] of Object.entries(b.metadata.summary)) {
        rows.push([
          `Metadata without push/load, ${k}`,
          `build record: ${ms(v.recordReadMs)}, ${v.recordBytes?.toLocaleString('en-US')} bytes; registry after push: ${ms(v.registryReadMs)}; HTTP: ${ms(v.httpReadMs)}`,
          'report',
          '–'
        ])
      }
  }
  if (b.matrix) {
    for (const [mode, s] of Object.entries(b.matrix.summary)) {
      rows.push([
        `Matrix 8 vs 1 variants (mode ${mode})`,
        `bare bake ${s.bare8v1}×, action ${s.action8v1}× (build part ${s.actionBuild8v1}×)`,
        'report',
        '–'
      ])
    }
  }
  return rows
}

export function render(doc) {
  const m = doc.machine
  const b = doc.benchmarks
  const out = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` (\`BENCH_RUNS=${doc.runs}\`; see scripts/bench.sh for the knobs) on ${doc.generatedAt} in ${Math.round(doc.seconds)} s; ${doc.runs} alternating round(s) per comparison (medians; min and max shown).`,
    `Code: ${doc.code.git}; dist/ snapshot sha256 ${doc.code.dist.slice(0, 12)} (taken when the run started; other sessions may rebuild dist/ meanwhile).`,
    `Machine: **${m.cpus} CPU cores** (${m.cpuModel}), ${m.memoryGiB} GiB RAM, Linux ${m.kernel}; node ${m.node} (what \`runs.using: node24\` runs), Docker ${m.docker}, buildx ${m.buildx} (testbed stack ${m.stack}, docker driver, containerd image store, registry on 127.0.0.1, arm64 through qemu). Load average at start ${m.loadavgAtStart.join(' / ')}, at end ${m.loadavgAtEnd.join(' / ')} — other sessions may share this machine and testbed, so the spread (min–max) matters as much as the median.${Math.max(...m.loadavgAtStart, ...m.loadavgAtEnd) > 2 * m.cpus ? ` With a load of more than twice the cores, every absolute time here is several times what a quiet machine gives: compare the ratios of variants timed in the same rounds.` : ''}`,
    '',
    '## Summary against the targets',
    '',
    '| benchmark | result (medians) | target | met |',
    '| --- | --- | --- | --- |',
    ...summaryRows(b).map(r => `| ${r.join(' | ')} |`),
    ''
  ]
  for (const r of Object.values(b)) {
    out.push(`## ${r.title}`, '')
    if (r.setup?.bareCommand) out.push(`Bare command: \`${r.setup.bareCommand}\``, '')
    for (const t of r.tables) out.push(table(t), '')
    const notes = NOTES[r.id]?.(r) ?? []
    if (notes.length) out.push(...notes.map(n => `- ${n}`), '')
    out.push(
      `_${r.seconds} s; load average ${r.loadavg.before[0]} → ${r.loadavg.after[0]}${r.carriedFrom ? `; carried over from the run of ${r.carriedFrom} (not rerun this time)` : ''}._`,
      ''
    )
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}
