// Signing what is pushed, for real: Debian's cosign (the testbed's) signs the index and its
// attestation manifests by digest in the testbed registry; `cosign verify`, run here outside the
// action, checks them against the key's public half (and fails with another key). The key and its
// password never reach argv (a cosign wrapper on PATH records what it was run with), the log, the
// outputs, the state or the summary.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {
  BUILDKIT_PROGRESS,
  cosignBin,
  describeActionLogic,
  eachActionLogic,
  eachInputCheck,
  everythingKept,
  expectSuccess,
  getManifest,
  itActionLogic,
  runAction,
  sh,
  shownLog,
  testbed,
  uniqueRepo,
  writeContext,
  type ActionRun,
  type Testbed
} from './harness.js'
import { startStandIns, type StandIns } from './sigstore-standins.js'
import { FaultProxy } from './fault-proxy.js'

let tb: Testbed
let cosign: string
let keys: string
let ctx: string
/** a folder with a `cosign` that records its argv and the names of its environment, then runs the real one */
let wrapperDir: string
let argvLog: string
const PASSWORD = 'pw-7f3c1e-sign-test'

function cosignRun(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; out: string } {
  const r = spawnSync(cosign, args, {
    env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), ...env },
    encoding: 'utf8',
    timeout: 120_000
  })
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

beforeAll(() => {
  tb = testbed()
  cosign = cosignBin(tb)
  keys = mkdtempSync(path.join(os.tmpdir(), 'bia-sign-keys-'))
  const made = cosignRun(['generate-key-pair', '--output-key-prefix', path.join(keys, 'signer')], { COSIGN_PASSWORD: PASSWORD })
  if (made.code !== 0) throw new Error(`cosign generate-key-pair: ${made.out}`)
  const other = cosignRun(['generate-key-pair', '--output-key-prefix', path.join(keys, 'other')], { COSIGN_PASSWORD: '' })
  if (other.code !== 0) throw new Error(`cosign generate-key-pair: ${other.out}`)
  ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo signed > /signed\n` })
  wrapperDir = mkdtempSync(path.join(os.tmpdir(), 'bia-cosign-wrapper-'))
  argvLog = path.join(wrapperDir, 'argv.log')
  writeFileSync(
    path.join(wrapperDir, 'cosign'),
    `#!/bin/sh\nprintf '%s\\n' "ARGV: $*" >> ${argvLog}\nawk 'BEGIN { for (k in ENVIRON) print "ENV: " k }' >> ${argvLog}\nexec ${cosign} "$@"\n`
  )
  chmodSync(path.join(wrapperDir, 'cosign'), 0o755)
})

afterAll(() => {
  rmSync(keys, { recursive: true, force: true })
  rmSync(wrapperDir, { recursive: true, force: true })
})

const privateKey = () => readFileSync(path.join(keys, 'signer.key'), 'utf8')
const publicKey = () => path.join(keys, 'signer.pub')
const otherKey = () => path.join(keys, 'other.pub')

/** The runner's PATH with the cosign wrapper first: the installed cosign the action finds. */
const withCosignOnPath = () => ({ PATH: `${wrapperDir}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}` })

function keyInputs(): Record<string, string> {
  return { 'sign-key': privateKey(), 'sign-key-password': PASSWORD, 'sign-tlog': 'false' }
}

/** The registry's own view: the index a tag points at and its attestation manifests. */
async function pushedDigests(repo: string, tag: string): Promise<{ index: string; attestations: string[] }> {
  const m = await getManifest(repo, tag)
  expect(m.status).toBe(200)
  const attestations = (m.json.manifests as any[])
    .filter(d => d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
    .map(d => d.digest as string)
  return { index: m.digest, attestations }
}

/** `cosign verify --key` outside the action; the signed payload's docker-reference is returned. */
function verify(ref: string, key: string): { code: number; out: string; references: string[] } {
  const r = cosignRun(['verify', '--key', key, '--insecure-ignore-tlog=true', '--allow-insecure-registry', ref], {
    DOCKER_CONFIG: tb.dockerConfig
  })
  let references: string[] = []
  if (r.code === 0) {
    const line = r.out.split('\n').find(l => l.startsWith('[')) ?? '[]'
    references = (JSON.parse(line) as any[]).map(p => p.critical?.identity?.['docker-reference'] as string)
  }
  return { ...r, references }
}

/**
 * cosign's own message for a signature that another key made (cosign 3's bundle format), not any
 * failure: "no signatures found", a registry error or a crash would all exit non-zero too.
 */
const WRONG_KEY = /^Error: no matching (?:attestations|signatures): failed to verify signature/m
/** cosign's message for a certificate issued to another identity than the one asked for */
const OTHER_IDENTITY =
  /^Error: no matching (?:attestations|signatures): failed to verify certificate identity: no matching CertificateIdentity found/m
/** cosign's message for an image that holds no signature at all */
const UNSIGNED = /^Error: no signatures found$/m

function expectWrongKey(ref: string): void {
  const wrong = verify(ref, otherKey())
  expect([ref, wrong.code !== 0, WRONG_KEY.test(wrong.out) ? 'wrong key' : wrong.out]).toEqual([ref, true, 'wrong key'])
}

function expectNoSecrets(run: ActionRun): void {
  const kept = everythingKept(run)
  expect(kept).not.toContain(PASSWORD)
  // every base64 line of the key's body
  for (const line of privateKey()
    .split('\n')
    .filter(l => l.length > 20 && !l.startsWith('-----')))
    expect(kept).not.toContain(line)
  const argv = existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : ''
  expect(argv).toContain('ARGV: sign')
  expect(argv).toContain('ENV: COSIGN_KEY')
  expect(argv).not.toContain(PASSWORD)
  for (const line of privateKey()
    .split('\n')
    .filter(l => l.length > 20 && !l.startsWith('-----')))
    expect(argv).not.toContain(line)
}

describe('key-based signing with the testbed cosign', () => {
  it('signs a 2-platform push: the index and each attestation manifest by digest; cosign verify --key passes, another key fails; no secret kept', async () => {
    const repo = uniqueRepo('sign-2p')
    const image = `${tb.registry}/${repo}`
    rmSync(argvLog, { force: true })
    const run = await runAction(
      { context: ctx, platforms: 'linux/amd64,linux/arm64', push: 'true', tags: `${image}:1`, sign: 'true', ...keyInputs() },
      { env: withCosignOnPath() }
    )
    expectSuccess(run)
    const pushed = await pushedDigests(repo, '1')
    expect(pushed.attestations).toHaveLength(2)
    const expected = [`${image}@${pushed.index}`, ...pushed.attestations.map(d => `${image}@${d}`)].sort()

    const signatures = JSON.parse(run.outputs['signatures'] ?? '[]') as any[]
    expect(signatures.map(s => s.ref).sort()).toEqual(expected)
    expect(signatures.find(s => s.digest === pushed.index)?.kind).toBe('index')

    for (const ref of expected) {
      const ok = verify(ref, publicKey())
      expect(ok.code).toBe(0)
      // signed by digest, never by tag
      expect(ok.references).toEqual([ref])
      expectWrongKey(ref)
    }
    // cosign was asked to sign digests only, never the tag
    const signArgv = readFileSync(argvLog, 'utf8')
      .split('\n')
      .filter(l => l.startsWith('ARGV: sign '))
    expect(signArgv).toHaveLength(1)
    const refs = (signArgv[0] ?? '').split(' -- ')[1]?.split(' ') ?? []
    expect(refs.sort()).toEqual(expected)
    // the registry holds a signature (cosign 3: a referrer, under the sha256-<digest> fallback tag) for each
    const tags = (await fetch(`http://${tb.registry.replace(/^localhost/, '127.0.0.1')}/v2/${repo}/tags/list`).then(r => r.json())) as {
      tags: string[]
    }
    for (const ref of expected) expect(tags.tags).toContain(ref.split('@')[1]?.replace(':', '-'))

    // the verify commands the action printed work as given (with the public half's path)
    const commands = (run.outputs['verify-commands'] ?? '').split('\n').filter(Boolean)
    expect(commands).toHaveLength(expected.length)
    for (const cmd of commands) {
      const words = cmd.split(' ')
      expect(words.slice(0, 4)).toEqual(['cosign', 'verify', '--key', 'cosign.pub'])
      const r = cosignRun(
        words.slice(1).map(w => (w === 'cosign.pub' ? publicKey() : w)),
        { DOCKER_CONFIG: tb.dockerConfig }
      )
      expect(r.code).toBe(0)
    }
    expect(run.summary).toContain('### Signatures')
    for (const cmd of commands) expect(run.summary).toContain(cmd)
    expect(run.main.log).toMatch(/::group::Sign 3 digest\(s\) in /)
    expectNoSecrets(run)
  })

  itActionLogic('signs every target of a matrix, each index and its attestations, by digest', async () => {
    const repo = uniqueRepo('sign-matrix')
    const image = `${tb.registry}/${repo}`
    rmSync(argvLog, { force: true })
    const run = await runAction(
      // a repository per target: the two targets' images are identical, and two pushes of the same
      // blobs to one repository at once can make the registry answer 400 to the one whose blob
      // upload the other is finishing (seen with trixie's BuildKit 0.13)
      { context: ctx, matrix: 'variant: [a, b]\n', platforms: 'linux/amd64', push: 'true', tags: `${image}-{{variant}}:1`, ...keyInputs() },
      { env: withCosignOnPath() }
    )
    expectSuccess(run)
    const expected: string[] = []
    for (const variant of ['a', 'b']) {
      const pushed = await pushedDigests(`${repo}-${variant}`, '1')
      expect(pushed.attestations).toHaveLength(1)
      expected.push(`${image}-${variant}@${pushed.index}`, ...pushed.attestations.map(d => `${image}-${variant}@${d}`))
    }
    const signatures = JSON.parse(run.outputs['signatures'] ?? '[]') as any[]
    expect(signatures.map(s => s.ref).sort()).toEqual([...new Set(expected)].sort())
    for (const ref of expected) {
      expect(verify(ref, publicKey()).code).toBe(0)
      expectWrongKey(ref)
    }
    expectNoSecrets(run)
  })

  eachActionLogic([
    ['a bake file with two targets', 'bake'],
    ['platform-split (each platform by digest, then merged)', 'split']
  ])('signs %s: each pushed index and its attestations, by digest', async (_what, kind) => {
    const repo = uniqueRepo(`sign-${kind}`)
    const image = `${tb.registry}/${repo}`
    const bakeFile = path.join(ctx, `sign-${repo}.hcl`)
    writeFileSync(
      bakeFile,
      // a repository per target, as in the matrix test above
      ['a', 'b']
        .map(t => `target "${t}" {\n  context = "${ctx}"\n  tags = ["${image}-${t}:1"]\n  platforms = ["linux/amd64"]\n}`)
        .join('\n')
    )
    const inputs: Record<string, string> =
      kind === 'bake'
        ? { files: bakeFile, targets: 'a,b' }
        : {
            context: ctx,
            tags: `${image}:a`,
            platforms: 'linux/amd64,linux/arm64',
            'platform-split': 'true',
            driver: 'remote',
            endpoint: tb.buildkitAddr,
            'max-parallel': '1'
          }
    const run = await runAction({ ...inputs, push: 'true', ...keyInputs() }, { env: withCosignOnPath() })
    expectSuccess(run)
    const expected: string[] = []
    const pushedTo: [string, string][] =
      kind === 'bake'
        ? [
            ['-a', '1'],
            ['-b', '1']
          ]
        : [['', 'a']]
    for (const [suffix, tag] of pushedTo) {
      const pushed = await pushedDigests(`${repo}${suffix}`, tag)
      expect(pushed.attestations.length).toBeGreaterThan(0)
      expected.push(`${image}${suffix}@${pushed.index}`, ...pushed.attestations.map(d => `${image}${suffix}@${d}`))
    }
    const signatures = JSON.parse(run.outputs['signatures'] ?? '[]') as any[]
    expect(signatures.map(s => s.ref).sort()).toEqual([...expected].sort())
    for (const ref of expected) expect([ref, verify(ref, publicKey()).code]).toEqual([ref, 0])
  })

  itActionLogic('sign: auto with neither a key nor an OIDC token pushes without signing, and says why', async () => {
    const repo = uniqueRepo('sign-off')
    rmSync(argvLog, { force: true })
    const run = await runAction(
      { context: ctx, platforms: 'linux/amd64', push: 'true', tags: `${tb.registry}/${repo}:1` },
      { env: withCosignOnPath() }
    )
    expectSuccess(run)
    expect(run.main.log).toContain('not signing: sign: auto, and the job cannot get an OIDC token')
    const pushed = await pushedDigests(repo, '1')
    expect(run.outputs['signatures']).toBeUndefined()
    expect(existsSync(argvLog)).toBe(false)
    const unsigned = verify(`${tb.registry}/${repo}@${pushed.index}`, publicKey())
    expect(unsigned.code).not.toBe(0)
    expect(unsigned.out).toMatch(UNSIGNED)
  })

  eachInputCheck([
    ['sign', { sign: 'true' }, /^::error::sign: signs what is pushed, by digest; set push: true/m],
    ['sign-key', { sign: 'true', push: 'true', 'sign-key': 'not a key' }, /^::error::sign-key: is neither a PEM private key/m],
    ['sign-key-password', { push: 'true', 'sign-key-password': 'x' }, /^::error::sign-key-password: decrypts a PEM sign-key/m],
    [
      'sign-key with sign false',
      { push: 'true', sign: 'false', 'sign-key': 'awskms:///alias/x' },
      /^::error::sign-key: is given while sign is false/m
    ],
    [
      'cosign-download-url',
      { push: 'true', 'cosign-download-url': 'http://mirror.example/cosign' },
      /^::error::cosign-download-url: .* is plain http/m
    ]
  ])('a bad %s is refused before anything is built or pushed', async (_name, inputs, message) => {
    const repo = uniqueRepo('sign-bad')
    const run = await runAction({ context: ctx, tags: `${tb.registry}/${repo}:1`, ...inputs })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(message)
    expect(run.main.log).not.toMatch(/::group::Build/)
    // nothing reached BuildKit and the engine holds no such image: checks that can fail also where
    // nothing would be pushed anyway (the first case has no push)
    expect(run.main.log).not.toMatch(BUILDKIT_PROGRESS)
    expect((await sh('docker', ['image', 'inspect', `${tb.registry}/${repo}:1`])).code).not.toBe(0)
    expect((await getManifest(repo, '1')).status).toBe(404)
  })
})

describeActionLogic('sign: true promises signatures', () => {
  it('a bake where one target is pushed and one is not: the step fails naming sign and the unsigned target, and signs nothing', async () => {
    const repo = uniqueRepo('sign-partial')
    const image = `${tb.registry}/${repo}`
    const out = mkdtempSync(path.join(os.tmpdir(), 'bia-sign-local-'))
    const bakeFile = path.join(ctx, `sign-${repo}.hcl`)
    writeFileSync(
      bakeFile,
      `target "pushed" {\n  context = "${ctx}"\n  tags = ["${image}:1"]\n  platforms = ["linux/amd64"]\n}\n` +
        `target "files" {\n  context = "${ctx}"\n  platforms = ["linux/amd64"]\n  output = ["type=local,dest=${out}"]\n}\n`
    )
    rmSync(argvLog, { force: true })
    try {
      const run = await runAction(
        { files: bakeFile, targets: 'pushed,files', push: 'true', sign: 'true', ...keyInputs() },
        { env: withCosignOnPath() }
      )
      expect(run.main.code).not.toBe(0)
      expect(run.main.log).toMatch(
        /^::error::sign: is true, but target\(s\) files were not pushed, or not read back from the registry by digest/m
      )
      expect(existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '').not.toMatch(/^ARGV: sign /m)
      expect(run.outputs['signatures']).toBeUndefined()
      // the pushed target is there, unsigned
      const pushed = await pushedDigests(repo, '1')
      expect(verify(`${image}@${pushed.index}`, publicKey()).code).not.toBe(0)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})

describeActionLogic('a KMS key URI with a PIN (the KMS is a STAND-IN: a cosign wrapper signs with a local key in its place)', () => {
  it('the URI and its pin-value are masked and reach no output, state or summary; the verify commands name cosign.pub', async () => {
    const repo = uniqueRepo('sign-kms')
    const image = `${tb.registry}/${repo}`
    const pin = 'pin-4d1c-9a7e-secret'
    const uri = `pkcs11:token=release;object=signer?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-value=${pin}`
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-kms-standin-'))
    // the stand-in: `--key <uri>` becomes the local key; everything else reaches the real cosign as given
    writeFileSync(
      path.join(dir, 'cosign'),
      `#!/bin/sh\nprintf '%s\\n' "ARGV: $*" >> ${argvLog}\nn=$#; prev=\nfor a in "$@"; do\n  orig="$a"\n  case "$prev" in --key) a=env://COSIGN_STANDIN_KEY;; esac\n  set -- "$@" "$a"; prev="$orig"\ndone\nshift $n\nexec ${cosign} "$@"\n`,
      { mode: 0o755 }
    )
    rmSync(argvLog, { force: true })
    try {
      const run = await runAction(
        { context: ctx, platforms: 'linux/amd64', push: 'true', tags: `${image}:1`, sign: 'true', 'sign-key': uri, 'sign-tlog': 'false' },
        {
          env: {
            PATH: `${dir}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`,
            COSIGN_STANDIN_KEY: privateKey(),
            COSIGN_PASSWORD: PASSWORD
          }
        }
      )
      expectSuccess(run)
      // cosign was given the URI (it must be), and signed
      expect(readFileSync(argvLog, 'utf8')).toMatch(/^ARGV: sign .*--key pkcs11:/m)
      const pushed = await pushedDigests(repo, '1')
      expect(verify(`${image}@${pushed.index}`, publicKey()).code).toBe(0)
      // masked, as a whole and its PIN alone
      expect(run.main.log).toContain(`::add-mask::${pin}`)
      const kept = everythingKept(run)
      expect(kept).not.toContain(pin)
      expect(kept).not.toContain('pkcs11:token=release')
      expect(JSON.stringify(run.state)).not.toMatch(/pkcs11:token|module-path|pin-value/)
      const commands = (run.outputs['verify-commands'] ?? '').split('\n').filter(Boolean)
      expect(commands.length).toBeGreaterThan(0)
      for (const cmd of commands) expect(cmd).toMatch(/^cosign verify --key cosign\.pub /)
      expect(run.summary).toContain('Signed with the pkcs11: sign-key')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describeActionLogic('the signer cannot be planted by the build', () => {
  it('a cosign put on PATH while the build runs (as a bake local output could) is never run: the cosign resolved before the build signs, from its private copy', async () => {
    const repo = uniqueRepo('sign-plant')
    const image = `${tb.registry}/${repo}`
    const plantDir = mkdtempSync(path.join(os.tmpdir(), 'bia-cosign-plant-'))
    const marker = path.join(plantDir, 'planted-cosign-ran')
    // what the action finds on PATH before the build: the recording wrapper
    writeFileSync(path.join(plantDir, 'cosign'), readFileSync(path.join(wrapperDir, 'cosign')), { mode: 0o755 })
    const planted = `#!/bin/sh\nenv > ${marker}\nexec ${cosign} "$@"\n`
    let replaced = false
    rmSync(argvLog, { force: true })
    try {
      const run = await runAction(
        { context: ctx, platforms: 'linux/amd64', push: 'true', tags: `${image}:1`, sign: 'true', ...keyInputs() },
        {
          env: { PATH: `${plantDir}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}` },
          onMainOutput: log => {
            if (replaced || !log.includes('::group::Build')) return
            writeFileSync(path.join(plantDir, 'cosign.new'), planted, { mode: 0o755 })
            renameSync(path.join(plantDir, 'cosign.new'), path.join(plantDir, 'cosign'))
            replaced = true
          }
        }
      )
      expectSuccess(run)
      expect(replaced).toBe(true)
      expect(existsSync(marker)).toBe(false)
      expect(run.main.log).toMatch(new RegExp(`cosign \\S+ \\(installed: ${plantDir}/cosign, run from a private copy `))
      const pushed = await pushedDigests(repo, '1')
      expect(verify(`${image}@${pushed.index}`, publicKey()).code).toBe(0)
      // the resolved (recording) cosign is the one that signed
      expect(readFileSync(argvLog, 'utf8')).toMatch(/^ARGV: sign /m)
    } finally {
      rmSync(plantDir, { recursive: true, force: true })
    }
  })
})

describeActionLogic('the fork rule (a pull_request_target event from a fork, as the runner writes GITHUB_EVENT_PATH)', () => {
  it('sign: auto pushes without signing; sign: true signs, with a warning', async () => {
    const repo = uniqueRepo('sign-fork')
    const image = `${tb.registry}/${repo}`
    const eventDir = mkdtempSync(path.join(os.tmpdir(), 'bia-fork-event-'))
    const eventPath = path.join(eventDir, 'event.json')
    writeFileSync(
      eventPath,
      JSON.stringify({ pull_request: { head: { repo: { full_name: 'someone/app' } } }, repository: { full_name: 'org/app' } })
    )
    const env = { ...withCosignOnPath(), GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: eventPath }
    try {
      rmSync(argvLog, { force: true })
      const auto = await runAction({ context: ctx, platforms: 'linux/amd64', push: 'true', tags: `${image}:auto`, ...keyInputs() }, { env })
      expectSuccess(auto)
      expect(auto.main.log).toContain('not signing: sign: auto, and the run was started by a pull request from someone/app')
      expect(auto.outputs['signatures']).toBeUndefined()
      expect(existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '').not.toMatch(/^ARGV: sign /m)
      const unsigned = await pushedDigests(repo, 'auto')
      expect(verify(`${image}@${unsigned.index}`, publicKey()).code).not.toBe(0)

      const forced = await runAction(
        { context: ctx, platforms: 'linux/amd64', push: 'true', tags: `${image}:true`, sign: 'true', ...keyInputs() },
        { env }
      )
      expectSuccess(forced)
      expect(forced.main.log).toMatch(
        /^::warning::sign: true signs what this run built, though the run was started by a pull request from someone\/app/m
      )
      const signed = await pushedDigests(repo, 'true')
      expect(verify(`${image}@${signed.index}`, publicKey()).code).toBe(0)
    } finally {
      rmSync(eventDir, { recursive: true, force: true })
    }
  })
})

describeActionLogic('cosign download', () => {
  let server: http.Server
  let base: string
  let binary: Buffer
  let serveTampered = false
  const version = '3.1.1'
  const caches: string[] = []
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

  beforeAll(async () => {
    binary = readFileSync(cosign)
    const tampered = Buffer.from(binary)
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff
    const checksums = `${'0'.repeat(64)}  cosign-darwin-arm64\n${sha256(binary)}  cosign-linux-amd64\n`
    server = http.createServer((req, res) => {
      const url = req.url ?? ''
      if (url === `/cosign/download/v${version}/cosign-linux-amd64`) {
        res.writeHead(200)
        res.end(serveTampered ? tampered : binary)
      } else if (url === `/cosign/download/v${version}/cosign_checksums.txt`) {
        res.writeHead(200)
        res.end(checksums)
      } else {
        res.writeHead(404)
        res.end()
      }
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cosign`
  })

  afterAll(async () => {
    for (const dir of caches) rmSync(dir, { recursive: true, force: true })
    server.closeAllConnections()
    await new Promise<void>(resolve => server.close(() => resolve()))
  })

  const freshCache = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-toolcache-'))
    caches.push(dir)
    return dir
  }

  it('with no cosign installed, downloads the release from the mirror, verifies it against cosign_checksums.txt, caches it and signs with it', async () => {
    const repo = uniqueRepo('sign-dl')
    const cache = freshCache()
    const inputs = {
      context: ctx,
      platforms: 'linux/amd64',
      push: 'true',
      tags: `${tb.registry}/${repo}:1`,
      ...keyInputs(),
      'cosign-version': version,
      'cosign-download-url': base
    }
    const run = await runAction(inputs, { env: { RUNNER_TOOL_CACHE: cache } })
    expectSuccess(run)
    expect(run.main.log).toContain(
      `cosign ${version} downloaded from ${base}/download/v${version}/cosign-linux-amd64 and verified against the release's checksums file ${base}/download/v${version}/cosign_checksums.txt`
    )
    expect(sha256(readFileSync(path.join(cache, 'cosign', version, 'x64', 'cosign-linux-amd64')))).toBe(sha256(binary))
    const pushed = await pushedDigests(repo, '1')
    expect(verify(`${tb.registry}/${repo}@${pushed.index}`, publicKey()).code).toBe(0)

    const again = await runAction({ ...inputs, tags: `${tb.registry}/${repo}:2` }, { env: { RUNNER_TOOL_CACHE: cache } })
    expectSuccess(again)
    expect(again.main.log).toContain(`cosign ${version} found in the tool cache and verified against`)
  })

  it('cosign-sha256 pins the binary: a wrong pin fails naming cosign-sha256 before anything is built; the right one signs', async () => {
    const repo = uniqueRepo('sign-pin')
    const cache = freshCache()
    const inputs = {
      context: ctx,
      platforms: 'linux/amd64',
      push: 'true',
      ...keyInputs(),
      'cosign-version': version,
      'cosign-download-url': base
    }
    const wrong = await runAction(
      { ...inputs, tags: `${tb.registry}/${repo}:1`, 'cosign-sha256': 'a'.repeat(64) },
      { env: { RUNNER_TOOL_CACHE: cache } }
    )
    expect(wrong.main.code).not.toBe(0)
    expect(wrong.main.log).toMatch(/^::error::cosign-sha256: checksum mismatch for cosign-linux-amd64 from /m)
    expect(wrong.main.log).not.toMatch(/::group::Build/)
    expect((await getManifest(repo, '1')).status).toBe(404)

    const right = await runAction(
      { ...inputs, tags: `${tb.registry}/${repo}:2`, 'cosign-sha256': `sha256:${sha256(binary).toUpperCase()}` },
      { env: { RUNNER_TOOL_CACHE: cache } }
    )
    expectSuccess(right)
    expect(right.main.log).toContain(
      `cosign ${version} downloaded from ${base}/download/v${version}/cosign-linux-amd64 and verified against cosign-sha256`
    )
    const pushed = await pushedDigests(repo, '2')
    expect(verify(`${tb.registry}/${repo}@${pushed.index}`, publicKey()).code).toBe(0)
  })

  it('refuses a tampered cosign before anything is built or pushed, naming cosign-version', async () => {
    const repo = uniqueRepo('sign-tampered')
    const cache = freshCache()
    serveTampered = true
    let run: ActionRun
    try {
      run = await runAction(
        {
          context: ctx,
          push: 'true',
          tags: `${tb.registry}/${repo}:1`,
          ...keyInputs(),
          'cosign-version': version,
          'cosign-download-url': base
        },
        { env: { RUNNER_TOOL_CACHE: cache } }
      )
    } finally {
      serveTampered = false
    }
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/^::error::cosign-version: checksum mismatch for cosign-linux-amd64 from /m)
    expect(run.main.log).not.toMatch(/::group::Build/)
    expect((await getManifest(repo, '1')).status).toBe(404)
    expect(existsSync(path.join(cache, 'cosign'))).toBe(false)
  })
})

describeActionLogic('keyless signing against local STAND-INS of GitHub OIDC and Fulcio (no Rekor: sign-tlog false)', () => {
  const workflowRef = 'octo-org/app/.github/workflows/x.yml@refs/heads/main'
  let standIns: StandIns
  let trustedRoot: string

  beforeAll(async () => {
    standIns = await startStandIns(workflowRef)
    trustedRoot = path.join(keys, 'trusted-root.json')
    const made = cosignRun([
      'trusted-root',
      'create',
      '--fulcio',
      `url=${standIns.fulcioUrl},certificate-chain=${standIns.caFile}`,
      '--out',
      trustedRoot
    ])
    if (made.code !== 0) throw new Error(`cosign trusted-root create: ${made.out}`)
  })

  afterAll(async () => {
    await standIns.close()
  })

  function verifyKeyless(ref: string, identity: string): { code: number; out: string } {
    return cosignRun(
      [
        'verify',
        '--trusted-root',
        trustedRoot,
        '--certificate-identity',
        identity,
        '--certificate-oidc-issuer',
        standIns.issuer,
        '--insecure-ignore-tlog=true',
        '--insecure-ignore-sct=true',
        '--allow-insecure-registry',
        ref
      ],
      { DOCKER_CONFIG: tb.dockerConfig }
    )
  }

  it("sign: auto with the job's OIDC token (stand-in) signs with a certificate for the workflow ref (stand-in Fulcio); verify --certificate-identity passes, another identity fails", async () => {
    const repo = uniqueRepo('sign-keyless')
    const image = `${tb.registry}/${repo}`
    rmSync(argvLog, { force: true })
    const run = await runAction(
      {
        context: ctx,
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: `${image}:1`,
        'sign-fulcio-url': standIns.fulcioUrl,
        'sign-tlog': 'false'
      },
      { env: { ...withCosignOnPath(), ...standIns.tokenEnv } }
    )
    expectSuccess(run)
    expect(standIns.certificatesIssued().length).toBeGreaterThan(0)
    const pushed = await pushedDigests(repo, '1')
    const expected = [`${image}@${pushed.index}`, ...pushed.attestations.map(d => `${image}@${d}`)].sort()
    const signatures = JSON.parse(run.outputs['signatures'] ?? '[]') as any[]
    expect(signatures.map(s => s.ref).sort()).toEqual(expected)
    const identity = `https://github.com/${workflowRef}`
    for (const ref of expected) {
      const ok = verifyKeyless(ref, identity)
      expect([ref, ok.code, ok.code === 0 ? '' : ok.out]).toEqual([ref, 0, ''])
      const other = verifyKeyless(ref, 'https://github.com/octo-org/other/.github/workflows/x.yml@refs/heads/main')
      expect([ref, other.code !== 0, OTHER_IDENTITY.test(other.out) ? 'other identity' : other.out]).toEqual([ref, true, 'other identity'])
    }
    const commands = (run.outputs['verify-commands'] ?? '').split('\n').filter(Boolean)
    expect(commands).toHaveLength(expected.length)
    for (const cmd of commands) {
      expect(cmd).toContain(`--certificate-identity ${identity} --certificate-oidc-issuer ${standIns.issuer} `)
    }
    // the OIDC token never reaches argv, the log, outputs, state or summary
    const token = shownLog(run.main.log + run.post.log).match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/)
    expect(token).toBeNull()
    const argv = readFileSync(argvLog, 'utf8')
    expect(argv).toContain('ENV: SIGSTORE_ID_TOKEN')
    expect(argv).not.toMatch(/eyJ[\w-]+\.eyJ/)
    expect(everythingKept(run)).not.toMatch(/eyJ[\w-]+\.eyJ/)
  })

  it('cosign gets an allow-listed environment: the token the action minted, never ACTIONS_RUNTIME_TOKEN or the OIDC request variables', async () => {
    const repo = uniqueRepo('sign-env')
    rmSync(argvLog, { force: true })
    const run = await runAction(
      {
        context: ctx,
        platforms: 'linux/amd64',
        push: 'true',
        tags: `${tb.registry}/${repo}:1`,
        'sign-fulcio-url': standIns.fulcioUrl,
        'sign-tlog': 'false'
      },
      {
        env: {
          ...withCosignOnPath(),
          ...standIns.tokenEnv,
          ACTIONS_RUNTIME_TOKEN: 'runtime-token-e1f0',
          ACTIONS_CACHE_URL: 'http://127.0.0.1:9/cache',
          GITHUB_TOKEN: 'ghs_not_for_cosign',
          COSIGN_YES: 'true'
        }
      }
    )
    expectSuccess(run)
    // every cosign run's environment, as the recording wrapper saw it
    const runs = readFileSync(argvLog, 'utf8')
      .split(/^(?=ARGV: )/m)
      .filter(Boolean)
    const signRun = runs.find(r => r.startsWith('ARGV: sign '))
    expect(signRun).toBeDefined()
    for (const r of runs) {
      const names = r
        .split('\n')
        .filter(l => l.startsWith('ENV: '))
        .map(l => l.slice(5))
      for (const banned of [
        'ACTIONS_RUNTIME_TOKEN',
        'ACTIONS_ID_TOKEN_REQUEST_URL',
        'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
        'ACTIONS_CACHE_URL',
        'GITHUB_TOKEN',
        'GITHUB_OUTPUT',
        'GITHUB_STATE'
      ])
        expect([r.split('\n')[0], names]).not.toEqual([r.split('\n')[0], expect.arrayContaining([banned])])
    }
    const signEnv = (signRun ?? '')
      .split('\n')
      .filter(l => l.startsWith('ENV: '))
      .map(l => l.slice(5))
    expect(signEnv).toEqual(expect.arrayContaining(['SIGSTORE_ID_TOKEN', 'PATH', 'HOME', 'DOCKER_CONFIG', 'COSIGN_YES']))
  })
})

describeActionLogic(
  'a merge signs only the index it created, never what the tag resolves to (fault proxy in front of the testbed registry)',
  () => {
    let proxy: FaultProxy

    beforeAll(async () => {
      proxy = await FaultProxy.start(tb.registry)
    })

    afterAll(async () => {
      await proxy.close()
    })

    it('the registry serves another index for the tag after the create: the step fails saying so, cosign never runs, nothing is signed', async () => {
      const repo = uniqueRepo('sign-swap')
      const base = await getManifest('base', 'multi')
      const [amd, arm] = (base.json.manifests as any[]).map(d => d.digest as string)
      // another index in the same repository: what a compromised registry (or a concurrent push) would hand out
      const made = await sh('docker', [
        'buildx',
        'imagetools',
        'create',
        '-t',
        `${tb.registry}/${repo}:other`,
        `${tb.registry}/base@${arm}`
      ])
      expect(made.stderr).not.toMatch(/ERROR/)
      const other = await getManifest(repo, 'other')
      expect(other.status).toBe(200)
      proxy.clearFaults()
      // reads of the tag only (a push's own answers stay the registry's), once the create has put it
      const lie = (method: string) =>
        proxy.inject({
          method,
          path: new RegExp(`^/v2/${repo}/manifests/1$`),
          times: 1000,
          after: { method: 'PUT', path: new RegExp(`^/v2/${repo}/manifests/1$`) },
          fault: { kind: 'serve', body: Buffer.from(other.body), contentType: other.mediaType }
        })
      const servedGet = lie('GET')
      const servedHead = lie('HEAD')
      const served = () => servedGet() + servedHead()
      rmSync(argvLog, { force: true })
      const run = await runAction(
        {
          mode: 'merge',
          digests: `${proxy.registry}/base@${amd}\n${proxy.registry}/base@${arm}`,
          tags: `${proxy.registry}/${repo}:1`,
          sign: 'true',
          ...keyInputs()
        },
        { env: withCosignOnPath() }
      )
      // the index this step created is what the registry itself holds under the tag
      const created = await getManifest(repo, '1')
      expect(created.status).toBe(200)
      expect(created.digest).not.toBe(other.digest)
      expect(served()).toBeGreaterThan(0)

      expect(run.main.code).not.toBe(0)
      expect(run.main.log).toMatch(
        new RegExp(`::error::.*${repo}:1 resolves to ${other.digest}, not the index this step created \\(${created.digest}\\)`)
      )
      // cosign was never run to sign, and the registry holds no signature for either index
      const argv = existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : ''
      expect(argv).not.toMatch(/^ARGV: sign /m)
      const tags = await fetch(`http://${tb.registry.replace(/^localhost/, '127.0.0.1')}/v2/${repo}/tags/list`).then(
        r => r.json() as Promise<{ tags: string[] }>
      )
      expect(tags.tags.sort()).toEqual(['1', 'other'])
      // no output names the other index
      for (const value of Object.values(run.outputs)) expect(value).not.toContain(other.digest)
      expect(run.outputs['signatures']).toBeUndefined()
    })

    it('platform-split: the same lie after the merge fails the step before cosign runs; no output names the other index', async () => {
      const repo = uniqueRepo('sign-swap-split')
      const base = await getManifest('base', 'multi')
      const arm = (base.json.manifests as any[])[1]?.digest as string
      const made = await sh('docker', [
        'buildx',
        'imagetools',
        'create',
        '-t',
        `${tb.registry}/${repo}:other`,
        `${tb.registry}/base@${arm}`
      ])
      expect(made.stderr).not.toMatch(/ERROR/)
      const other = await getManifest(repo, 'other')
      proxy.clearFaults()
      const lie = (method: string) =>
        proxy.inject({
          method,
          path: new RegExp(`^/v2/${repo}/manifests/1$`),
          times: 1000,
          after: { method: 'PUT', path: new RegExp(`^/v2/${repo}/manifests/1$`) },
          fault: { kind: 'serve', body: Buffer.from(other.body), contentType: other.mediaType }
        })
      const servedGet = lie('GET')
      const servedHead = lie('HEAD')
      rmSync(argvLog, { force: true })
      const run = await runAction(
        {
          context: ctx,
          tags: `${proxy.registry}/${repo}:1`,
          platforms: 'linux/amd64,linux/arm64',
          'platform-split': 'true',
          driver: 'remote',
          endpoint: tb.buildkitAddr,
          'max-parallel': '1',
          push: 'true',
          sign: 'true',
          ...keyInputs()
        },
        { env: withCosignOnPath() }
      )
      const created = await getManifest(repo, '1')
      expect(created.status).toBe(200)
      expect(servedGet() + servedHead()).toBeGreaterThan(0)
      expect(run.main.code).not.toBe(0)
      expect(run.main.log).toMatch(
        new RegExp(`::error::.*${repo}:1 resolves to ${other.digest}, not the index this step created \\(${created.digest}\\)`)
      )
      expect(existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '').not.toMatch(/^ARGV: sign /m)
      for (const value of Object.values(run.outputs)) expect(value).not.toContain(other.digest)
      expect(run.outputs['signatures']).toBeUndefined()
    })
  }
)
