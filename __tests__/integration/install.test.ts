// Downloads are verified before they run: the testbed's buildx binary served in GitHub's release
// layout from a local mirror on 127.0.0.1 (buildx-download-url), installed into a fresh tool cache.
// A binary that does not match the release's checksums is refused; a tool-cache entry changed
// after it was cached is detected and downloaded again.
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { actionLogic, expectSuccess, runAction, testbed, writeContext, type ActionRun, type Testbed } from './harness.js'

// What is checked here is the action's own installer (a mirror, checksums, pins, the tool cache),
// the same buildx binary downloaded on either stack: every describe block runs on one stack only,
// as `[action logic]` (harness.ts ONE_STACK).
const { describe } = actionLogic

let tb: Testbed
let server: http.Server
let base: string
let version: string
let binary: Buffer
let tampered: Buffer
/** what the mirror serves as the binary: the real one, or one with a byte flipped */
let serveTampered = false
const served: string[] = []
let ctx: string

/** tool caches this file made (each holds a 70 MB binary): removed afterwards */
const caches: string[] = []
const freshToolCache = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-toolcache-'))
  caches.push(dir)
  return dir
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const assetName = () => `buildx-v${version}.linux-amd64`

beforeAll(async () => {
  tb = testbed()
  version = tb.buildxVersion
  binary = readFileSync(tb.buildxBin)
  tampered = Buffer.from(binary)
  const at = Math.floor(tampered.length / 2)
  tampered[at] = (tampered[at] ?? 0) ^ 0xff
  // sha256sum format, with a neighbour line as real release files have
  const checksums = `${'0'.repeat(64)}  buildx-v${version}.darwin-arm64\n${sha256(binary)} *${assetName()}\n`
  ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo installed\n` })
  server = http.createServer((req, res) => {
    const url = req.url ?? ''
    served.push(url)
    if (url === `/buildx/download/v${version}/${assetName()}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(serveTampered ? tampered : binary)
    } else if (url === `/buildx/download/v${version}/checksums.txt` || url === '/buildx/latest/download/checksums.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(checksums)
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/buildx`
})

afterAll(async () => {
  for (const dir of caches) rmSync(dir, { recursive: true, force: true })
  server.closeAllConnections()
  await new Promise<void>(resolve => server.close(() => resolve()))
})

const binaryDownloads = () => served.filter(u => u.endsWith(assetName())).length
const cachedBinary = (toolCache: string) => path.join(toolCache, 'buildx', version, 'x64', assetName())
/** The buildx the run used, as it says in its log. */
const ranFrom = (run: ActionRun) => /^buildx [\d.]+ \((.+)\)$/m.exec(run.main.log)?.[1] ?? ''

function install(toolCache: string, buildxVersion = version, mirror = base, pin = '') {
  return runAction(
    {
      context: ctx,
      platforms: 'linux/amd64',
      'no-cache': 'true',
      'buildx-version': buildxVersion,
      'buildx-download-url': mirror,
      ...(pin ? { 'buildx-sha256': pin } : {})
    },
    { env: { RUNNER_TOOL_CACHE: toolCache } }
  )
}

describe('buildx download', () => {
  const toolCache = freshToolCache()

  it('installs a binary that matches the release checksums, builds with it, and the second run is a tool-cache hit', async () => {
    const before = binaryDownloads()
    const first = await install(toolCache)
    expectSuccess(first)
    expect(first.main.log).toContain(
      `buildx ${version} downloaded from ${base}/download/v${version}/${assetName()} and verified against the release's checksums file ${base}/download/v${version}/checksums.txt`
    )
    // it runs from a private copy of the verified bytes, never from the tool cache
    expect(ranFrom(first).startsWith(path.join(first.dir, 'runner-temp', 'buildx-run-'))).toBe(true)
    expect(sha256(readFileSync(ranFrom(first)))).toBe(sha256(binary))
    expect(first.main.log).toMatch(/::group::Build/)
    expect(first.main.log).toMatch(new RegExp(`^#\\d+ [\\d.]+ installed$`, 'm'))
    expect(binaryDownloads()).toBe(before + 1)
    expect(sha256(readFileSync(cachedBinary(toolCache)))).toBe(sha256(binary))

    const second = await install(toolCache)
    expectSuccess(second)
    expect(second.main.log).toContain(`buildx ${version} found in the tool cache and verified against the release's checksums file`)
    expect(binaryDownloads()).toBe(before + 1)
    expect(ranFrom(second).startsWith(path.join(second.dir, 'runner-temp', 'buildx-run-'))).toBe(true)
  })

  it("resolves latest from the mirror's latest checksums file", async () => {
    const cache = freshToolCache()
    const run = await install(cache, 'latest')
    expectSuccess(run)
    expect(served).toContain('/buildx/latest/download/checksums.txt')
    expect(run.main.log).toContain(`buildx ${version} downloaded from`)
  })

  it('refuses a tampered binary: an error naming buildx-version and the checksum mismatch, nothing cached, nothing built', async () => {
    const cache = freshToolCache()
    serveTampered = true
    let run
    try {
      run = await install(cache)
    } finally {
      serveTampered = false
    }
    expect(run.main.code).not.toBe(0)
    const error = run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
    expect(error).toMatch(new RegExp(`^::error::buildx-version: checksum mismatch for ${assetName().replaceAll('.', '\\.')} from `))
    expect(error).toContain(`says sha256 ${sha256(binary)}, the download is ${sha256(tampered)}; refusing to install it`)
    expect(run.main.log).not.toMatch(/::group::(Build|Set up the builder)/)
    expect(existsSync(path.join(cache, 'buildx'))).toBe(false)
    // the rejected download does not stay behind in RUNNER_TEMP either
    const temp = path.join(run.dir, 'runner-temp')
    for (const f of readdirSync(temp, { recursive: true, withFileTypes: true }).filter(e => e.isFile())) {
      expect(sha256(readFileSync(path.join(f.parentPath, f.name)))).not.toBe(sha256(tampered))
    }
    expect(run.post.code).toBe(0)
  })

  it.each([
    ['a version', () => version, (gone: string) => `${gone}/download/v${version}/checksums.txt`],
    ['latest', () => 'latest', (gone: string) => `${gone}/latest/download/checksums.txt`]
  ])('a mirror that refuses the download (%s): the error names buildx-download-url, nothing is built', async (_what, asked, url) => {
    const gone = `${base}-gone`
    const run = await install(freshToolCache(), asked(), gone)
    expect(run.main.code).not.toBe(0)
    const error = run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
    expect(
      error.startsWith(`::error::buildx-download-url: cannot ${asked() === 'latest' ? 'resolve latest:' : 'download'} ${url(gone)}: `)
    ).toBe(true)
    expect(run.main.log).not.toMatch(/::group::(Build|Set up the builder)/)
    expect(run.post.code).toBe(0)
  })

  it('detects a tool-cache entry changed after it was cached, and downloads it again', async () => {
    const file = cachedBinary(toolCache)
    const bytes = readFileSync(file)
    bytes[100] = (bytes[100] ?? 0) ^ 0x01
    writeFileSync(file, bytes)
    const before = binaryDownloads()
    const run = await install(toolCache)
    expectSuccess(run)
    expect(run.main.log).toContain(
      `::warning::buildx ${version} in the tool cache does not match the release's checksums file ${base}/download/v${version}/checksums.txt; downloading again`
    )
    expect(run.main.log).toContain(`buildx ${version} downloaded from`)
    expect(binaryDownloads()).toBe(before + 1)
    expect(sha256(readFileSync(file))).toBe(sha256(binary))
  })

  it('a binary planted in the tool cache with its own .sha256 beside it is never run: it is checked against the release checksums', async () => {
    const cache = freshToolCache()
    expectSuccess(await install(cache))
    // The attack: another job on a persistent runner replaces the cached buildx with its own
    // program, and writes that program's digest wherever a checksum is kept beside it.
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-planted-')), 'ran')
    const planted = `#!/bin/sh\necho planted > ${marker}\nexec ${tb.buildxBin} "$@"\n`
    const dir = path.dirname(cachedBinary(cache))
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.complete')) continue
      if (name.startsWith('.')) writeFileSync(path.join(dir, name), sha256(Buffer.from(planted)))
      else writeFileSync(path.join(dir, name), planted, { mode: 0o755 })
    }
    writeFileSync(path.join(dir, '.sha256'), sha256(Buffer.from(planted)))
    writeFileSync(path.join(dir, '.source-sha256'), sha256(Buffer.from(planted)))
    writeFileSync(path.join(dir, 'docker-buildx'), planted, { mode: 0o755 })
    const run = await install(cache)
    expectSuccess(run)
    expect(existsSync(marker)).toBe(false)
    expect(run.main.log).toContain(`::warning::buildx ${version} in the tool cache does not match`)
    expect(sha256(readFileSync(ranFrom(run)))).toBe(sha256(binary))
  })
})

describe('buildx-sha256: a pinned checksum for the buildx binary', () => {
  const checksumRequests = () => served.filter(u => u.endsWith('/checksums.txt')).length

  it('installs against the pin, and a tool-cache hit is verified against it without any request to the mirror', async () => {
    const cache = freshToolCache()
    const checksumsBefore = checksumRequests()
    const first = await install(cache, version, base, `sha256:${sha256(binary).toUpperCase()}`)
    expectSuccess(first)
    expect(first.main.log).toContain(
      `buildx ${version} downloaded from ${base}/download/v${version}/${assetName()} and verified against buildx-sha256`
    )
    expect(checksumRequests()).toBe(checksumsBefore)

    const requestsBefore = served.length
    const second = await install(cache, version, base, sha256(binary))
    expectSuccess(second)
    expect(second.main.log).toContain(`buildx ${version} found in the tool cache and verified against buildx-sha256`)
    expect(served.length).toBe(requestsBefore)
    expect(sha256(readFileSync(ranFrom(second)))).toBe(sha256(binary))
  })

  it('a wrong pin fails naming buildx-sha256, though the tool cache holds the real binary; nothing is built', async () => {
    const cache = freshToolCache()
    expectSuccess(await install(cache))
    const wrong = sha256(tampered)
    const run = await install(cache, version, base, wrong)
    expect(run.main.code).not.toBe(0)
    const error = run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
    expect(error).toMatch(new RegExp(`^::error::buildx-sha256: checksum mismatch for ${assetName().replaceAll('.', '\\.')} from `))
    expect(error).toContain(`says sha256 ${wrong}, the download is ${sha256(binary)}; refusing to install it`)
    expect(run.main.log).not.toMatch(/::group::(Build|Set up the builder)/)
    expect(run.main.log).not.toMatch(/^#\d+ /m)
  })
})
