// 1. Step overhead: the bundled action (main + post, as the runner runs them) against the bare
// `docker buildx build` with exactly the argv the action logged, on a warm-cache 2-platform
// build pushed to the testbed registry. Then the commands the action runs on top of the build,
// each timed alone, and what cheaper ways of doing the same work would cost.
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
  must,
  peerAction,
  ratio,
  registryUrl,
  replaceFlag,
  runAction,
  runPeer,
  summarizeAll,
  workDir
} from './lib.mjs'

const NO_ID = 'action, a step without an id (records exported by post, which runs at once)'
const NO_ID_LATER = 'action, a step without an id, post 5 s later'

export const id = 'step'
export const title = 'Step overhead (warm 2-platform build with push)'

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

export async function run({ tb, dist, runs }) {
  const dir = workDir('step')
  const env = baseEnv(tb)
  const repo = 'bench/step'
  const tag = `${tb.registry}/${repo}:warm`
  const inputs = {
    context: path.join(ROOT, 'bench/fixtures/step'),
    'build-args': `BASE=${tb.baseImage}`,
    platforms: 'linux/amd64,linux/arm64',
    push: 'true',
    tags: tag
  }

  // Warm-up: fills the cache and the registry, and tells us the exact argv the action runs. It
  // runs under strace to record the commands main and post start (so it is not timed).
  const first = await runAction(dist, tb, inputs, { trace: true })
  assertActionOk(first, 'step overhead warm-up')
  const logged = loggedBuildxArgv(first.main)
  let bareArgv = replaceFlag(logged, '--metadata-file', path.join(dir, 'metadata.json'))
  if (bareArgv.includes('--iidfile')) bareArgv = replaceFlag(bareArgv, '--iidfile', path.join(dir, 'iid.txt'))
  await must('docker', bareArgv, { env })

  const commands = commandKinds(first.commands)
  const manifests = JSON.parse(first.outputs.manifests).default
  const refs = [manifests.digest, ...manifests.platforms.map(p => p.digest), ...manifests.attestations.map(a => a.digest)]
  // Same build on both sides: the bare run (last to push the tag) must have produced the same
  // platform manifests as the action. (The index digest differs run to run: the provenance
  // attestation records build timestamps.)
  const pushed = await fetch(registryUrl(tb, `/v2/${repo}/manifests/warm`), { headers: { Accept: ACCEPT } }).then(r => r.json())
  const platformDigests = m =>
    m
      .filter(d => d.platform?.os !== 'unknown')
      .map(d => d.digest)
      .sort()
      .join(',')
  const sameImages =
    platformDigests(pushed.manifests) ===
    manifests.platforms
      .map(p => p.digest)
      .sort()
      .join(',')
  if (!sameImages) throw new Error('step overhead: the bare build pushed different platform manifests than the action')
  let sameImagesEveryRun = true

  // The defaults users get: the summary on, the build record exported (checked below). And the
  // same step with DOCKER_BUILD_SUMMARY=false, where (as in docker's actions) no record is exported.
  // (buildx before 0.23, trixie's, exports none: the default there is the summary alone.)
  const records = r => Object.keys(JSON.parse(r.outputs['build-records'] || '{}')).length
  const expected = exportsRecords(tb.buildxVersion) ? 1 : 0
  if (records(first) !== expected) throw new Error(`step overhead: the action (summary on) exported ${records(first)} build record(s)`)
  // docker/build-push-action in the same rounds, when BENCH_PEER_DIR holds its bundle: same inputs,
  // its own defaults (summary and record on), and with DOCKER_BUILD_SUMMARY=false.
  const peer = peerAction()
  const peerRun = env => async () => {
    const r = await runPeer(peer, tb, inputs, { env })
    if (r.main.code !== 0 || r.post.code !== 0 || !r.outputs.digest) {
      const tail = `${r.main.stdout}${r.main.stderr}`.trim().split('\n').slice(-8).join('\n')
      throw new Error(`step overhead: docker/build-push-action failed (main ${r.main.code}, post ${r.post.code})\n${tail}`)
    }
    return { total: r.ms, main: r.main.ms, post: r.post.ms }
  }
  const peerVariants = peer
    ? { 'docker/build-push-action': peerRun({}), 'docker/build-push-action, summary off': peerRun({ DOCKER_BUILD_SUMMARY: 'false' }) }
    : {}
  if (peer) await peerVariants['docker/build-push-action']()
  const noId = pauseMs => async () => {
    const r = await runAction(dist, tb, inputs, {
      env: { GITHUB_ACTION: '__org_build-image-action' },
      between: pauseMs ? () => new Promise(res => setTimeout(res, pauseMs)) : undefined
    })
    assertActionOk(r, 'step overhead (no id)')
    const exported = r.post.lines.some(l => /^exported \d+ build record\(s\) /.test(l.line))
    if (r.outputs['build-records'] || (expected && !exported))
      throw new Error('step overhead: a step without an id did not leave its record to post')
    return { total: r.ms, main: r.main.ms, post: r.post.ms }
  }
  const samples = await alternate(
    runs,
    {
      ...peerVariants,
      'action, summary off': async () => {
        const r = await runAction(dist, tb, inputs, { env: { DOCKER_BUILD_SUMMARY: 'false' } })
        assertActionOk(r, 'step overhead (summary off)')
        if (records(r) !== 0) throw new Error('step overhead: a build record was exported with the summary off')
        return { total: r.ms, main: r.main.ms, post: r.post.ms }
      },
      action: async () => {
        const r = await runAction(dist, tb, inputs)
        assertActionOk(r, 'step overhead')
        if (records(r) !== expected) throw new Error(`step overhead: the action exported ${records(r)} build record(s)`)
        const got = JSON.parse(r.outputs.manifests)
          .default.platforms.map(p => p.digest)
          .sort()
          .join(',')
        if (
          got !==
          manifests.platforms
            .map(p => p.digest)
            .sort()
            .join(',')
        )
          sameImagesEveryRun = false
        const { phases, markers } = mainPhases(r.main)
        return { total: r.ms, main: r.main.ms, post: r.post.ms, ...phases, toBuildCommand: markers.buildCmd }
      },
      // A step without an id (most of docker's own examples): the runner drops its outputs, so the
      // records are exported by post. Post at once (the step is the job's last), and post 5 s
      // later (other steps of the job run between; the pause is not timed).
      [NO_ID]: noId(0),
      [NO_ID_LATER]: noId(5000),
      bare: async () => {
        const r = await must('docker', bareArgv, { env, keepOutput: false })
        return { total: r.ms }
      }
    },
    { warmup: false, label: 'step' }
  )
  const s = summarizeAll(samples)

  // What the action runs besides the build, each timed alone (same engine, same moment), and
  // cheaper ways to get the same answers.
  const plugin = tb.buildxBin // the same binary docker runs as its CLI plugin
  const inspectRaw = ref => ['buildx', 'imagetools', 'inspect', '--raw', `${tb.registry}/${repo}@${ref}`]
  const seq = async (cmd, argvs) => {
    for (const a of argvs) await must(cmd, a, { env, keepOutput: false })
  }
  const parts = await alternate(
    runs,
    {
      'docker buildx version': async () => ({ ms: (await must('docker', ['buildx', 'version'], { env })).ms }),
      'docker context show': async () => ({ ms: (await must('docker', ['context', 'show'], { env })).ms }),
      'docker buildx inspect --bootstrap default': async () => ({
        ms: (await must('docker', ['buildx', 'inspect', '--bootstrap', 'default'], { env })).ms
      }),
      'docker info --format {{json .DriverStatus}}': async () => ({
        ms: (await must('docker', ['info', '--format', '{{json .DriverStatus}}'], { env })).ms
      }),
      [`${refs.length}x docker buildx imagetools inspect --raw (sequential)`]: async () => {
        const t = performance.now()
        await seq('docker', refs.map(inspectRaw))
        return { ms: performance.now() - t }
      },
      'docker-buildx version (the plugin binary run directly)': async () => ({ ms: (await must(plugin, ['version'], { env })).ms }),
      [`${refs.length}x docker-buildx imagetools inspect --raw (binary directly, sequential)`]: async () => {
        const t = performance.now()
        await seq(
          plugin,
          refs.map(r => inspectRaw(r).slice(1))
        )
        return { ms: performance.now() - t }
      },
      [`${refs.length}x docker-buildx imagetools inspect --raw (binary directly, parallel)`]: async () => {
        const t = performance.now()
        await Promise.all(refs.map(r => must(plugin, inspectRaw(r).slice(1), { env, keepOutput: false })))
        return { ms: performance.now() - t }
      },
      [`${refs.length}x HTTP GET /v2/.../manifests/<digest> (node fetch, parallel)`]: async () => {
        const t = performance.now()
        await Promise.all(
          refs.map(async r => {
            const res = await fetch(registryUrl(tb, `/v2/${repo}/manifests/${r}`), { headers: { Accept: ACCEPT } })
            if (res.status !== 200) throw new Error(`GET manifest ${r}: ${res.status}`)
            await res.arrayBuffer()
          })
        )
        return { ms: performance.now() - t }
      }
    },
    { warmup: true, label: 'step parts' }
  )
  const p = summarizeAll(parts)

  const a = s.action.total.median
  const b = s.bare.total.median
  const off = s['action, summary off'].total.median
  const peerOn = s['docker/build-push-action']?.total.median
  const peerOff = s['docker/build-push-action, summary off']?.total.median
  const phaseNames = Object.keys(s.action).filter(k => !['total', 'main', 'post', 'toBuildCommand'].includes(k))
  return {
    id,
    title,
    setup: {
      inputs,
      bareCommand: ['docker', ...bareArgv].join(' '),
      samePlatformManifests: sameImages && sameImagesEveryRun,
      manifestsReadBack: refs.length,
      recordsExported: expected,
      peer: peer ? `docker/build-push-action ${peer.version || '(version unknown)'}` : null
    },
    commands,
    summary: {
      actionMs: a,
      bareMs: b,
      ratio: ratio(a, b),
      overheadMs: a - b,
      overheadPct: Math.round((a / b - 1) * 1000) / 10,
      summaryOffMs: off,
      summaryOffOverheadMs: off - b,
      noIdMs: s[NO_ID].total.median,
      noIdMainMs: s[NO_ID].main.median,
      noIdLaterMs: s[NO_ID_LATER].total.median,
      ...(peer ? { peerMs: peerOn, peerOverheadMs: peerOn - b, peerSummaryOffMs: peerOff, peerSummaryOffOverheadMs: peerOff - b } : {}),
      targetMet: a - b <= 250 && off - b <= 250 && (!peer || (a < peerOn && off < peerOff))
    },
    stats: s,
    parts: p,
    tables: [
      {
        title: `Action (main + post)${peer ? ' and docker/build-push-action' : ''} vs bare \`docker buildx build\`, same argv`,
        columns: ['variant', 'median', 'min', 'max', 'ratio to bare'],
        rows: [
          [`action: main + post (summary${expected ? ' and build record' : ''} on, the default)`, s.action.total, ratio(a, b)],
          ['  main', s.action.main, null],
          ['  post', s.action.post, null],
          ['action, DOCKER_BUILD_SUMMARY=false: main + post', s['action, summary off'].total, ratio(off, b)],
          [`${NO_ID}: main + post`, s[NO_ID].total, ratio(s[NO_ID].total.median, b)],
          ['  main', s[NO_ID].main, null],
          ['  post', s[NO_ID].post, null],
          [`${NO_ID_LATER}: main + post`, s[NO_ID_LATER].total, ratio(s[NO_ID_LATER].total.median, b)],
          ['  post', s[NO_ID_LATER].post, null],
          ...(peer
            ? [
                [
                  'docker/build-push-action: main + post (its defaults: summary and record on)',
                  s['docker/build-push-action'].total,
                  ratio(peerOn, b)
                ],
                ['  main', s['docker/build-push-action'].main, null],
                ['  post', s['docker/build-push-action'].post, null],
                [
                  'docker/build-push-action, DOCKER_BUILD_SUMMARY=false: main + post',
                  s['docker/build-push-action, summary off'].total,
                  ratio(peerOff, b)
                ]
              ]
            : []),
          ['bare docker buildx build', s.bare.total, 1]
        ].map(([n, st, r]) => [n, st.median, st.min, st.max, r])
      },
      {
        title: "Where the action's time goes (main's phases from the arrival time of its log lines, then post)",
        columns: ['phase', 'median', 'min', 'max', 'share of the overhead'],
        rows: [
          ...phaseNames.map(k => {
            const v = s.action[k]
            // the build phase's share is only what it took beyond the bare CLI
            const extra = k === 'build (buildx itself)' ? v.median - b : v.median
            return [k, v.median, v.min, v.max, `${Math.round((extra / (a - b)) * 100)}%`]
          }),
          [
            'post (second node process)',
            s.action.post.median,
            s.action.post.min,
            s.action.post.max,
            `${Math.round((s.action.post.median / (a - b)) * 100)}%`
          ]
        ]
      },
      {
        title: 'The setup commands timed alone, and ways of reading the same manifests',
        columns: ['command', 'median', 'min', 'max'],
        rows: Object.entries(p).map(([k, v]) => [k, v.ms.median, v.ms.min, v.ms.max])
      },
      {
        title: 'Commands main and post started (one untimed run under strace)',
        columns: ['command', 'count'],
        rows: Object.entries(commands).map(([k, n]) => [`\`${k}\``, n])
      }
    ]
  }
}
