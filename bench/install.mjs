// 3. Install: buildx from a release mirror on 127.0.0.1 (GitHub's layout), with an empty tool
// cache (download + verify + cache) and with a tool-cache hit (checksum re-verified), against
// the floor of doing the same by hand: curl the checksums and the binary, sha256sum it.
//
// main is stopped right after setup by naming a builder that does not exist (it fails at
// `buildx inspect`), so a run is: node start, install, `buildx version`, the failing inspect.
// The install itself is timed from main's log: "::group::Set up buildx" -> the line that says
// "downloaded from ... and verified" or "found in the tool cache".
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { ROOT, alternate, baseEnv, lineAt, must, ratio, runAction, summarizeAll, timedShell, workDir } from './lib.mjs'

export const id = 'install'
export const title = 'Install buildx from a local mirror: cold and cached'

function startMirror(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/mirror.mjs'), root], { stdio: ['ignore', 'pipe', 'inherit'] })
    child.on('error', reject)
    child.stdout.once('data', c => resolve({ port: Number(String(c).trim()), stop: () => child.kill('SIGTERM') }))
  })
}

export async function run({ tb, dist, runs }) {
  const dir = workDir('install')
  const version = tb.buildxVersion
  const fileName = `buildx-v${version}.linux-amd64`
  // The release layout, with the testbed's own buildx binary as the release asset.
  const mirrorRoot = path.join(dir, 'mirror')
  const rel = path.join(mirrorRoot, 'download', `v${version}`)
  mkdirSync(rel, { recursive: true })
  mkdirSync(path.join(mirrorRoot, 'latest', 'download'), { recursive: true })
  copyFileSync(tb.buildxBin, path.join(rel, fileName))
  const bin = readFileSync(path.join(rel, fileName))
  const sha = createHash('sha256').update(bin).digest('hex')
  const sums = `${sha}  ${fileName}\n`
  writeFileSync(path.join(rel, 'checksums.txt'), sums)
  writeFileSync(path.join(mirrorRoot, 'latest', 'download', 'checksums.txt'), sums)

  const mirror = await startMirror(mirrorRoot)
  const base = `http://127.0.0.1:${mirror.port}`
  const cachedToolCache = path.join(dir, 'tool-cache-cached')
  const common = {
    'buildx-download-url': base,
    builder: 'bench-no-such-builder',
    summary: 'false',
    context: path.join(ROOT, 'bench/fixtures/step')
  }

  const actionRun = async (inputs, env, what) => {
    const r = await runAction(dist, tb, { ...common, ...inputs }, { env, post: false })
    const out = r.main.stdout
    if (!/cannot use builder bench-no-such-builder/.test(out))
      throw new Error(`install (${what}): main did not get as far as the builder:\n${out.slice(-1500)}`)
    const start = lineAt(r.main.lines, /^::group::Set up buildx/)
    const installed = lineAt(r.main.lines, /^buildx \S+ (downloaded from .* and verified|found in the tool cache)/)
    const probed = lineAt(r.main.lines, /^buildx \S+ \(/)
    if (inputs['buildx-version'] !== 'installed' && installed === undefined)
      throw new Error(`install (${what}): no install line in main's log:\n${out.slice(-1500)}`)
    if (what === 'cached' && installed !== undefined && !r.main.lines.some(l => /found in the tool cache/.test(l.line))) {
      return { main: NaN, install: NaN, versionProbe: NaN } // the very first cached run fills the cache (warm-up)
    }
    const m = { main: r.main.ms, install: installed !== undefined ? installed - start : NaN, versionProbe: probed - (installed ?? start) }
    return m
  }
  const dl = path.join(dir, 'dl')
  mkdirSync(dl, { recursive: true })
  let samples
  try {
    samples = await alternate(
      runs,
      {
        'action, cold (empty tool cache)': () => actionRun({ 'buildx-version': version }, {}, 'cold'),
        'action, cached (tool-cache hit)': () => actionRun({ 'buildx-version': version }, { RUNNER_TOOL_CACHE: cachedToolCache }, 'cached'),
        'action, buildx-version=installed (no install)': () => actionRun({ 'buildx-version': 'installed' }, {}, 'installed'),
        'floor: curl checksums + binary, sha256sum -c': async () => {
          const r = await timedShell(
            `set -e; cd ${dl}; curl -sSf -o checksums.txt ${base}/download/v${version}/checksums.txt; curl -sSf -o ${fileName} ${base}/download/v${version}/${fileName}; sha256sum -c --quiet checksums.txt; rm -f ${fileName}`,
            { env: baseEnv(tb) }
          )
          if (r.code !== 0) throw new Error(`curl floor failed: ${r.stderr}`)
          return { main: r.ms }
        },
        'floor: curl checksums + binary, openssl sha256': async () => {
          const r = await timedShell(
            `set -e; cd ${dl}; curl -sSf -o checksums.txt ${base}/download/v${version}/checksums.txt; curl -sSf -o ${fileName} ${base}/download/v${version}/${fileName}; test "$(openssl dgst -sha256 -r ${fileName} | cut -d' ' -f1)" = "$(cut -d' ' -f1 checksums.txt)"; rm -f ${fileName}`,
            { env: baseEnv(tb) }
          )
          if (r.code !== 0) throw new Error(`curl+openssl floor failed: ${r.stderr}`)
          return { main: r.ms }
        },
        'floor: sha256sum of the cached binary': async () => ({
          main: (await must('sha256sum', [path.join(cachedToolCache, 'buildx', version, 'x64', 'docker-buildx')])).ms
        }),
        'floor: openssl sha256 of the cached binary': async () => ({
          main: (await must('openssl', ['dgst', '-sha256', path.join(cachedToolCache, 'buildx', version, 'x64', 'docker-buildx')])).ms
        })
      },
      { warmup: true, label: 'install' }
    )
  } finally {
    mirror.stop()
    rmSync(mirrorRoot, { recursive: true, force: true })
    rmSync(cachedToolCache, { recursive: true, force: true })
  }
  const s = summarizeAll(samples)
  const cold = s['action, cold (empty tool cache)']
  const cached = s['action, cached (tool-cache hit)']
  const inst = s['action, buildx-version=installed (no install)']
  const curlFloor = s['floor: curl checksums + binary, sha256sum -c'].main
  const shaFloor = s['floor: sha256sum of the cached binary'].main
  const curlSsl = s['floor: curl checksums + binary, openssl sha256'].main
  const sslFloor = s['floor: openssl sha256 of the cached binary'].main
  return {
    id,
    title,
    setup: {
      mirror: `${base} (a separate node process)`,
      version,
      binaryBytes: bin.length,
      stoppedAt: 'buildx inspect of a builder that does not exist'
    },
    summary: {
      coldInstallMs: cold.install.median,
      cachedInstallMs: cached.install.median,
      curlFloorMs: curlFloor.median,
      sha256FloorMs: shaFloor.median,
      curlOpensslFloorMs: curlSsl.median,
      opensslFloorMs: sslFloor.median,
      coldVsFloor: ratio(cold.install.median, Math.min(curlFloor.median, curlSsl.median)),
      cachedVsFloor: ratio(cached.install.median, Math.min(shaFloor.median, sslFloor.median))
    },
    stats: s,
    tables: [
      {
        title: `Install of buildx ${version} (${(bin.length / 1048576).toFixed(1)} MiB) from ${base}`,
        columns: ['variant', 'median', 'min', 'max', 'ratio to action'],
        rows: [
          ['action, cold: download + verify + cache', cold.install, cold.install],
          ['floor: curl checksums + binary, sha256sum -c', curlFloor, cold.install],
          ['floor: curl checksums + binary, openssl sha256', curlSsl, cold.install],
          ['action, cached: tool-cache hit + re-verify', cached.install, cached.install],
          ['floor: sha256sum of the cached binary', shaFloor, cached.install],
          ['floor: openssl sha256 of the cached binary', sslFloor, cached.install]
        ].map(([n, st, ref]) => [n, st.median, st.min, st.max, ratio(st.median, ref.median)])
      },
      {
        title: 'Whole main step until it stops at the builder (node start, install, version probe, failing inspect)',
        columns: ['variant', 'median', 'min', 'max', 'version probe (median)'],
        rows: [
          ['cold', cold],
          ['cached', cached],
          ['buildx-version=installed', inst]
        ].map(([n, st]) => [n, st.main.median, st.main.min, st.main.max, `${Math.round(st.versionProbe.median)} ms`])
      }
    ]
  }
}
