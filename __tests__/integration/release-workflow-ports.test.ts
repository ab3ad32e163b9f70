// docker/github-builder's own test jobs (.github/workflows/.test-build.yml and .test-bake.yml of
// its public repository) ported to .github/workflows/release-multi-arch.yml, run through the local
// workflow runner (./workflow-runner) from a separate calling repository, every job on the testbed.
// Several ported jobs run in one workflow run, as they do in github-builder's (one caller workflow
// per family below), and each github-builder job's assertions are a test of its own on that run.
//
// Of github-builder's 77 test jobs (39 in .test-build.yml, 38 in .test-bake.yml), 30 are ported
// and 47 left out.
//
// .test-build.yml: 16 ported, 23 left out
//   build-dockerhub-single, -verify, -outputs      left out: Docker Hub, logged in with OIDC (registry-identities)
//   build-ecr-public, build-ecr-private            left out: Amazon ECR (AWS role, internet)
//   build-dockerhub, -verify, -outputs             left out: Docker Hub with OIDC
//   build-dockerhub-scan                           left out: Docker Hub, and the scanner downloads its vulnerability database
//   build-dockerhub-nosign, -verify, -outputs      left out: Docker Hub with OIDC
//   build-ghcr                                     ported
//   build-ghcr-verify                              ported
//   build-ghcr-outputs                             ported
//   build-ghcr-and-dockerhub, -verify, -outputs    left out: its second registry is Docker Hub with OIDC
//   build-local                                    ported, without signing the local files (see below)
//   build-local-verify                             left out: verifies signatures of local files, which are not signed (see below)
//   build-local-outputs                            ported
//   build-local-single                             ported, without signing the local files
//   build-local-single-verify                      left out: as build-local-verify
//   build-local-single-outputs                     ported
//   build-local-noupload, -verify, -outputs        ported
//   build-local-nosign, -verify, -outputs          ported
//   build-set-runner                               ported
//   build-set-runner-deprecated                    left out: `runner: amd64` is a deprecated github-builder spelling, never ours
//   build-qemu                                     left out: setup-qemu is no input of ours (each platform builds on a runner of its own)
//   build-dockerhub-nodistrib                      left out: Docker Hub with OIDC (and distribute, below)
//   build-local-nodistrib                          left out: distribute: false (every platform in one job) is no input of ours
//   build-auth-scope, -verify                      left out: registry-auth's `scope` is refused by the action (README: registry-auth)
//   build-ghcr-index-annotations                   ported
//   build-ghcr-image-casing                        ported
// .test-bake.yml: 14 ported, 24 left out
//   bake-dockerhub-single, -verify, -outputs       left out: Docker Hub with OIDC
//   bake-ecr-public, bake-ecr-private              left out: Amazon ECR
//   bake-dockerhub, -verify, -outputs, -scan       left out: Docker Hub with OIDC (and the scanner's database)
//   bake-dockerhub-nosign, -verify, -outputs       left out: Docker Hub with OIDC
//   bake-ghcr-and-dockerhub, -verify, -outputs     left out: its second registry is Docker Hub with OIDC
//   bake-local, -outputs                           ported, without signing the local files; bake-local-verify left out (as build-local-verify)
//   bake-local-single, -outputs                    ported, without signing; bake-local-single-verify left out
//   bake-local-noupload, -verify, -outputs         ported
//   bake-local-nosign, -verify, -outputs           ported
//   bake-set-runner                                ported
//   bake-set-runner-deprecated                     left out: `runner: amd64`, as above
//   bake-qemu                                      left out: setup-qemu, as above
//   bake-dockerhub-nodistrib                       left out: Docker Hub with OIDC
//   bake-local-nodistrib                           left out: distribute, as above
//   bake-vars                                      ported (adapted: see below)
//   bake-auth-scope, -verify                       left out: registry-auth's `scope`, as above
//   bake-namedcontexts                             ported (adapted: see below)
//   bake-ghcr-index-annotations                    ported
//   bake-ghcr-image-casing                         left out: a bake target's repository is its first tag in the bake file, which
//                                                  buildx takes in lower case only; github-builder lowercases meta-images, an input
//                                                  ours has for Dockerfile builds only (image; build-ghcr-image-casing is ported)
//
// Adapted (every difference in inputs or setup):
// - ghcr.io with the job's token is a registry that asks for a password: a proxy with Basic auth in
//   front of the testbed registry, given as the registry-auth secret (github-builder's registry-auths);
//   the verify jobs log in with `docker login` where github-builder's use docker/login-action.
// - docker/metadata-action's meta-images and meta-tags are image and tags (for bake, the tags of the
//   bake file's docker-metadata-action target, as that action writes them); {{meta.version}} is the
//   value it stands for (1.0); meta-labels go into labels (bake: bake-set *.labels.KEY), meta-annotations
//   into index-annotations.
// - github-builder signs keylessly (Sigstore's public Fulcio and Rekor, internet): the signed port
//   signs with a cosign key (sign-key), and its verify job runs the verify commands with the public key.
//   Local files are not signed by this action (sign is for what is pushed): the local jobs run with
//   signed=false, so their verify jobs check only that nothing claims a signature.
// - sbom: BuildKit's SBOM generator (docker/buildkit-syft-scanner, Docker Hub) is a STAND-IN image
//   built here (it writes one SPDX in-toto statement), given to the action as sbom: generator=...
// - test/hello.Dockerfile builds FROM the testbed's base image, not alpine, and without the
//   `# syntax=docker/dockerfile:1` line (both from Docker Hub).
// - bake-vars: github-builder's go target builds Go with golang and tonistiigi/xx images (Docker Hub);
//   here a target of the same name prints its XX_VERSION argument into a file, uploaded (the peer
//   uploads nothing) so the test can read that the variable reached the build.
// - bake-namedcontexts: go-cross-with-contexts becomes hello-cross-with-contexts, the same chain of
//   target: contexts (generated-files from generated-hello1 and -hello2, cacheonly) without Go.
// - callers grant contents: read and packages: write (our build job declares packages: write, for its
//   push by digest); github-builder's grant id-token: write, which ours never needs for key signing.
// - runner (github-builder's platform=label mapping) is runners and default-runner; platforms of a
//   bake target are the platforms input (the workflow plans one job per platform before bake runs).
// Stand-ins beside those: actions/checkout, docker/login-action, the artifact actions (a folder of
// the run), GitHub's cache service (type=gha: a registry cache on the testbed), the testbed's
// BuildKit for the docker-container builder.
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FaultProxy } from './fault-proxy.js'
import {
  actionLogic,
  cosignBin,
  getBlob,
  getManifest,
  listTags,
  privateDockerConfig,
  sh,
  testbed,
  testbedEnv,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'
import {
  ACTION,
  actionRepository,
  callerRepository,
  logs,
  platformsOf,
  runnerOptions,
  type ActionRepository
} from './workflow-runner/fixtures.js'
import { runWorkflow, type RunRecord } from './workflow-runner/runner.js'

// What runs here is the release workflow's own logic (its jobs, inputs and outputs), the same
// whatever buildx is underneath: every describe block runs on one stack only, as `[action logic]`
// (harness.ts ONE_STACK), on trixie, the stack whose BuildKit needed the workflow's own platform
// folders for local output.
const { describe } = actionLogic

const USES = `${ACTION}/.github/workflows/release-multi-arch.yml@v1`
const GRANT = '{ contents: read, packages: write }'
const USER = 'release-bot'
const PASSWORD = `token-${Math.random().toString(36).slice(2)}`
const KEY_PASSWORD = 'ported-key-password'
const SPDX = 'https://spdx.dev/Document'
/** provenance v0.2 (buildx 0.13) or v1 */
const SLSA = expect.stringMatching(/^https:\/\/slsa\.dev\/provenance\/v/)

let tb: Testbed
let action: ActionRepository
let proxy: FaultProxy
let scanner: string
let cosign: string
let keys: string

/** The SBOM generator's stand-in: BuildKit runs it with the scan source and destination in its env. */
async function sbomScanner(): Promise<string> {
  const ref = `${tb.registry}/${uniqueRepo('sbom-scanner-stand-in')}:1`
  const dir = writeContext({
    'scan.sh': [
      '#!/bin/sh',
      'set -e',
      'n=$(find "$BUILDKIT_SCAN_SOURCE" -type f | wc -l)',
      `printf '{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"${SPDX}","subject":[],"predicate":{"spdxVersion":"SPDX-2.3","name":"sbom-stand-in","comment":"%s files"}}' "$n" > "$BUILDKIT_SCAN_DESTINATION/sbom.spdx.json"`,
      ''
    ].join('\n'),
    Dockerfile: `FROM ${tb.baseImage}\nCOPY scan.sh /scan.sh\nENTRYPOINT ["/bin/sh", "/scan.sh"]\n`
  })
  const r = await sh('docker', [
    'buildx',
    'build',
    '--builder',
    'default',
    '--platform',
    'linux/amd64,linux/arm64',
    '-t',
    ref,
    '--push',
    dir
  ])
  if (r.code !== 0) throw new Error(`the SBOM scanner stand-in: ${r.stderr}`)
  return ref
}

beforeAll(async () => {
  tb = testbed()
  action = actionRepository()
  proxy = await FaultProxy.start(tb.registry)
  proxy.requireBasicAuth(USER, PASSWORD)
  scanner = await sbomScanner()
  cosign = cosignBin(tb)
  keys = mkdtempSync(path.join(os.tmpdir(), 'bia-ported-keys-'))
  const made = spawnSync(cosign, ['generate-key-pair', '--output-key-prefix', path.join(keys, 'release')], {
    env: { PATH: process.env['PATH'] ?? '', HOME: keys, COSIGN_PASSWORD: KEY_PASSWORD },
    encoding: 'utf8'
  })
  if (made.status !== 0) throw new Error(made.stderr)
}, 120_000)

afterAll(async () => {
  await proxy?.close()
})

/** github-builder's test/hello.Dockerfile, FROM the testbed's base image. */
const helloDockerfile = () =>
  [
    `FROM ${tb.baseImage} AS base`,
    'ARG TARGETPLATFORM',
    'ARG VERSION="unknown"',
    'RUN echo "Hello, World! This is ${VERSION} running on ${TARGETPLATFORM}" > /hello.txt',
    'ARG BUILDKIT_SBOM_SCAN_STAGE=true',
    '',
    'FROM scratch',
    'COPY --from=base /hello.txt /',
    ''
  ].join('\n')

/** A caller job that calls the release workflow. */
function callJob(id: string, w: Record<string, string | boolean | number>, secrets: Record<string, string> = {}): string[] {
  const value = (v: string | boolean | number) =>
    typeof v === 'string' && v.includes('\n') ? `|\n${v.replace(/^/gm, '        ')}` : JSON.stringify(v)
  return [
    `  ${id}:`,
    `    uses: ${USES}`,
    `    permissions: ${GRANT}`,
    '    with:',
    ...Object.entries(w).map(([k, v]) => `      ${k}: ${value(v)}`),
    ...(Object.keys(secrets).length ? ['    secrets:', ...Object.entries(secrets).map(([k, v]) => `      ${k}: ${v}`)] : [])
  ]
}

/** github-builder's <job>-outputs: prints the called workflow's outputs as JSON. */
function outputsJob(of: string): string[] {
  return [
    `  ${of}-outputs:`,
    '    runs-on: ubuntu-24.04',
    '    permissions: {}',
    `    needs: ${of}`,
    '    steps:',
    '      - name: Builder outputs',
    '        env:',
    `          BUILDER_OUTPUTS: \${{ toJSON(needs.${of}.outputs) }}`,
    '        run: printf \'%s\\n\' "$BUILDER_OUTPUTS"'
  ]
}

/**
 * github-builder's <job>-verify (its verify.yml): no signature claimed is a warning; a claimed one
 * needs the verify commands and output type, and each command must pass (after a registry login).
 */
function verifyJob(of: string, login: boolean): string[] {
  return [
    `  ${of}-verify:`,
    '    runs-on: ubuntu-24.04',
    '    permissions: {}',
    `    needs: ${of}`,
    '    steps:',
    ...(login
      ? [
          '      - name: Login to registry (docker login for docker/login-action)',
          '        env:',
          `          REGISTRY: ${proxy.registry}`,
          `          USERNAME: ${USER}`,
          '          PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}',
          '        run: printf \'%s\' "$PASSWORD" | docker login --username "$USERNAME" --password-stdin "$REGISTRY"'
        ]
      : []),
    '      - name: Verify signatures',
    '        env:',
    `          SIGNED: \${{ needs.${of}.outputs.signed }}`,
    `          COMMANDS: \${{ needs.${of}.outputs.cosign-verify-commands }}`,
    `          OUTPUT_TYPE: \${{ needs.${of}.outputs.output-type }}`,
    '          PUBLIC_KEY: ${{ secrets.COSIGN_PUB }}',
    '        run: |',
    '          if [ "$SIGNED" != true ]; then echo "::warning::No signatures to verify, skipping verification steps"; exit 0; fi',
    '          if [ -z "$COMMANDS" ] || [ -z "$OUTPUT_TYPE" ]; then echo "::error::Missing required builder outputs for signature verification"; exit 1; fi',
    '          printf \'%s\\n\' "$PUBLIC_KEY" > cosign.pub',
    '          while read -r -a command; do',
    '            [ "${#command[@]}" -gt 0 ] || continue',
    '            "${command[@]}"',
    '            echo "verified: ${command[-1]}"',
    '          done <<< "$COMMANDS"',
    ...(login ? ['      - if: always()', `        run: docker logout ${proxy.registry}`] : [])
  ]
}

function workflow(name: string, jobs: string[][]): string {
  return [`name: ${name}`, 'on: workflow_dispatch', 'permissions:', '  contents: read', 'jobs:', ...jobs.flat(), ''].join('\n')
}

const REGISTRY_AUTH = '${{ secrets.REGISTRY_AUTH }}'

/** One run of a ported caller workflow, with what the testbed stands in for. */
async function runPorted(
  wf: string,
  files: Record<string, string>,
  cacheRepo?: string
): Promise<{ run: RunRecord; asked: Array<Record<string, string>>; dockerConfig: string }> {
  const caller = callerRepository(wf, { 'test/hello.Dockerfile': helloDockerfile(), ...files })
  const dockerConfig = privateDockerConfig()
  const base = runnerOptions(tb, action, caller)
  const asked: Array<Record<string, string>> = []
  const gha = (v: string | undefined) => {
    // GitHub's cache service stand-in: type=gha,scope=S as a registry cache tagged S
    const m = /^type=gha,(.*)$/.exec(v ?? '')
    if (!m?.[1] || !cacheRepo) return v ?? ''
    const attrs = m[1].split(',').filter(a => !a.startsWith('scope='))
    const scope = /(?:^|,)scope=([^,]+)/.exec(m[1])?.[1] ?? ''
    return [`type=registry`, `ref=${tb.registry}/${cacheRepo}:${scope}`, ...attrs].join(',')
  }
  const run = await runWorkflow('.github/workflows/release.yml', {
    ...base,
    env: {
      ...testbedEnv(tb),
      DOCKER_CONFIG: dockerConfig,
      PATH: `${path.dirname(cosign)}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`
    },
    secrets: {
      REGISTRY_PASSWORD: PASSWORD,
      REGISTRY_AUTH: `- registry: ${proxy.registry}\n  username: ${USER}\n  password: "${PASSWORD}"\n`,
      COSIGN_KEY: readFileSync(path.join(keys, 'release.key'), 'utf8'),
      COSIGN_PASSWORD: KEY_PASSWORD,
      COSIGN_PUB: readFileSync(path.join(keys, 'release.pub'), 'utf8')
    },
    actionInputs: step => {
      asked.push(step.with)
      return {
        ...base.actionInputs?.(step),
        ...(step.with['sbom'] === 'true' ? { sbom: `generator=${scanner}` } : {}),
        ...(step.with['cache-from'] ? { 'cache-from': gha(step.with['cache-from']), 'cache-to': gha(step.with['cache-to']) } : {})
      }
    }
  })
  return { run, asked, dockerConfig }
}

/** The jobs of one caller job (its called workflow's jobs too), as [job, result] without the matrix values. */
const jobsOf = (run: RunRecord, id: string) =>
  run.jobs.filter(j => j.id === id || j.id.startsWith(`${id}/`)).map(j => [j.id.replace(/ \(.*/s, ''), j.result])
const jobLog = (run: RunRecord, id: string) =>
  run.jobs
    .find(j => j.id === id)
    ?.steps.map(s => s.log)
    .join('\n') ?? ''
/** What an <job>-outputs job printed. */
const printedOutputs = (run: RunRecord, of: string) => {
  const log = jobLog(run, `${of}-outputs`)
  return JSON.parse(log.slice(log.indexOf('{'), log.lastIndexOf('}') + 1)) as Record<string, string>
}
const OUTPUT_NAMES = ['artifact-name', 'cosign-verify-commands', 'digest', 'digests', 'meta-json', 'output-type', 'signed']

/** The platform manifests of an index and, for each, the predicate types of its attestation manifest. */
async function attestationsOf(repo: string, index: { json: { manifests: Array<Record<string, any>> } }): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const m of index.json.manifests.filter(m => m['platform']?.os !== 'unknown')) {
    const att = index.json.manifests.find(a => a['annotations']?.['vnd.docker.reference.digest'] === m['digest'])
    const manifest = att ? await getManifest(repo, att['digest']) : undefined
    out[`${m['platform'].os}/${m['platform'].architecture}`] = (manifest?.json.layers ?? [])
      .map((l: { annotations?: Record<string, string> }) => l.annotations?.['in-toto.io/predicate-type'] ?? '')
      .sort()
  }
  return out
}

describe('.test-build.yml, image output: ported to release-multi-arch.yml (workflow runner; checkout, login, artifact and cache stand-ins; SBOM generator stand-in)', () => {
  const repo = uniqueRepo('gb-build')
  const annotated = uniqueRepo('gb-build-annotations')
  const casing = uniqueRepo('gb-build-casing')
  const unpushed = uniqueRepo('gb-build-set-runner')
  const cacheRepo = uniqueRepo('gb-build-cache')
  let run: RunRecord
  let asked: Array<Record<string, string>>
  const common = { file: 'test/hello.Dockerfile', 'build-args': 'VERSION=1.0', platforms: 'linux/amd64,linux/arm64', registry: '' }

  beforeAll(async () => {
    const wf = workflow('.test-build (ported)', [
      callJob(
        'build-ghcr',
        { ...common, output: 'image', push: true, sbom: true, image: `${proxy.registry}/${repo}`, tags: 'build-1', sign: 'true' },
        { 'registry-auth': REGISTRY_AUTH, 'sign-key': '${{ secrets.COSIGN_KEY }}', 'sign-key-password': '${{ secrets.COSIGN_PASSWORD }}' }
      ),
      verifyJob('build-ghcr', true),
      outputsJob('build-ghcr'),
      callJob(
        'build-ghcr-index-annotations',
        {
          ...common,
          annotations: 'io.github.docker.github-builder.test-direct-index-annotation=1.0',
          labels: 'io.github.docker.github-builder.test-direct-label=build-1.0\nio.github.docker.github-builder.test-meta-label=build-1',
          'index-annotations': 'io.github.docker.github-builder.test-meta-index-annotation=build-1',
          output: 'image',
          push: true,
          sbom: true,
          image: `${proxy.registry}/${annotated}`,
          tags: 'build-index-annotations-1'
        },
        { 'registry-auth': REGISTRY_AUTH }
      ),
      callJob(
        'build-ghcr-image-casing',
        {
          ...common,
          output: 'image',
          push: true,
          sbom: true,
          image: `${proxy.registry}/Docker/${casing.replace(/^gb/, 'GitHub')}`,
          tags: 'build-image-casing-1'
        },
        { 'registry-auth': REGISTRY_AUTH }
      ),
      // the login github-builder's job names is never tried without push
      callJob('build-set-runner', {
        ...common,
        runners: '{}',
        'default-runner': 'ubuntu-24.04',
        output: 'image',
        push: false,
        image: `${proxy.registry}/${unpushed}`,
        tags: 'build-set-runner',
        registry: proxy.registry
      }),
      // not a github-builder job: its cache jobs push to Docker Hub; the cache input, one scope per platform
      callJob('cache', { ...common, cache: true, 'cache-scope': 'hello', push: false, image: `${tb.registry}/${repo}` })
    ])
    ;({ run, asked } = await runPorted(wf, {}, cacheRepo))
  }, 600_000)

  it('the run: every job succeeded', () => {
    expect(run.jobs.filter(j => j.result !== 'success').map(j => [j.id, j.result, j.errors])).toEqual([
      ['build-set-runner/merge', 'skipped', []],
      ['build-set-runner/result', 'skipped', []],
      ['cache/merge', 'skipped', []],
      ['cache/result', 'skipped', []]
    ])
    expect(run.result).toBe('success')
    expect(logs(run)).not.toContain(PASSWORD)
  })

  it('build-ghcr: 2 platforms pushed through a registry that asks for a password (registry-auth), merged, with an SBOM each, signed', async () => {
    expect(jobsOf(run, 'build-ghcr')).toEqual([
      ['build-ghcr/plan', 'success'],
      ['build-ghcr/build', 'success'],
      ['build-ghcr/build', 'success'],
      ['build-ghcr/merge', 'success'],
      ['build-ghcr/result', 'success']
    ])
    const index = await getManifest(repo, 'build-1')
    expect(index.status).toBe(200)
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64'])
    // each platform has its provenance and the SBOM generator's statement
    const attestations = await attestationsOf(repo, index)
    expect(attestations).toEqual({ 'linux/amd64': expect.arrayContaining([SPDX]), 'linux/arm64': expect.arrayContaining([SPDX]) })
    // every push went through the password-protected registry, with the login registry-auth made
    const puts = proxy.requests.filter(r => r.method === 'PUT' && r.path.startsWith(`/v2/${repo}/manifests/`))
    expect(puts.length).toBeGreaterThanOrEqual(3)
    expect(puts.every(r => r.outcome === 201)).toBe(true)
    expect(run.outputs['build-ghcr']).toMatchObject({ digest: index.digest, signed: 'true', 'output-type': 'image', 'artifact-name': '' })
    expect(JSON.parse(run.outputs['build-ghcr']?.['meta-json'] ?? '{}')).toMatchObject({
      tags: [`${proxy.registry}/${repo}:build-1`],
      digests: { default: index.digest }
    })
  })

  it('build-ghcr-verify: the verify commands pass for the index and each attestation manifest', () => {
    expect(jobsOf(run, 'build-ghcr-verify')).toEqual([['build-ghcr-verify', 'success']])
    const verified = [...jobLog(run, 'build-ghcr-verify').matchAll(/^verified: (.*)$/gm)].map(m => m[1])
    expect(verified).toHaveLength(3)
    expect(verified.every(r => r?.startsWith(`${proxy.registry}/${repo}@sha256:`))).toBe(true)
  })

  it('build-ghcr-outputs: the workflow outputs, as toJSON prints them', () => {
    const printed = printedOutputs(run, 'build-ghcr')
    expect(Object.keys(printed).sort()).toEqual(OUTPUT_NAMES)
    expect(printed).toMatchObject({ 'output-type': 'image', signed: 'true', digest: run.outputs['build-ghcr']?.['digest'] })
  })

  it('build-ghcr-index-annotations: labels in each image, annotations on each platform manifest, the meta annotation on the index', async () => {
    expect(jobsOf(run, 'build-ghcr-index-annotations').every(([, r]) => r === 'success')).toBe(true)
    const index = await getManifest(annotated, 'build-index-annotations-1')
    expect(index.json.annotations).toMatchObject({ 'io.github.docker.github-builder.test-meta-index-annotation': 'build-1' })
    for (const m of index.json.manifests.filter((m: { platform: { os: string } }) => m.platform.os !== 'unknown')) {
      const image = await getManifest(annotated, m.digest)
      expect(image.json.annotations).toMatchObject({ 'io.github.docker.github-builder.test-direct-index-annotation': '1.0' })
      const config = JSON.parse((await getBlob(annotated, image.json.config.digest)).toString('utf8'))
      expect(config.config.Labels).toMatchObject({
        'io.github.docker.github-builder.test-direct-label': 'build-1.0',
        'io.github.docker.github-builder.test-meta-label': 'build-1'
      })
    }
    expect(JSON.parse(run.outputs['build-ghcr-index-annotations']?.['meta-json'] ?? '{}')).toMatchObject({
      labels: { 'io.github.docker.github-builder.test-meta-label': 'build-1' },
      annotations: expect.arrayContaining(['io.github.docker.github-builder.test-meta-index-annotation=build-1'])
    })
  })

  it('build-ghcr-image-casing: an image named in mixed case is pushed to its lower-case repository', async () => {
    expect(jobsOf(run, 'build-ghcr-image-casing').every(([, r]) => r === 'success')).toBe(true)
    const lower = `docker/${casing.replace(/^gb/, 'github')}`
    const index = await getManifest(lower, 'build-image-casing-1')
    expect(index.status).toBe(200)
    expect(run.outputs['build-ghcr-image-casing']?.['digest']).toBe(index.digest)
  })

  it('build-set-runner: every platform on the one runner named, built, nothing pushed, no login tried', async () => {
    expect(run.jobs.filter(j => j.id.startsWith('build-set-runner/build')).map(j => [j.matrix['platform'], j.runsOn, j.result])).toEqual([
      ['linux/amd64', 'ubuntu-24.04', 'success'],
      ['linux/arm64', 'ubuntu-24.04', 'success']
    ])
    expect(run.standIns.filter(c => c.job.startsWith('build-set-runner/') && c.action === 'docker/login-action')).toEqual([])
    expect(await listTags(unpushed)).toEqual([])
    expect(proxy.requests.filter(r => r.path.includes(unpushed))).toEqual([])
  })

  it('cache (ours): type=gha with one scope per platform, exported (to the cache stand-in) by each platform job', async () => {
    const cache = asked.filter(w => w['cache-from']).map(w => [w['cache-from'], w['cache-to']])
    expect(cache).toEqual([
      ['type=gha,scope=hello-linux-amd64', 'type=gha,ignore-error=true,scope=hello-linux-amd64,mode=min'],
      ['type=gha,scope=hello-linux-arm64', 'type=gha,ignore-error=true,scope=hello-linux-arm64,mode=min']
    ])
    expect((await listTags(cacheRepo)).sort()).toEqual(['hello-linux-amd64', 'hello-linux-arm64'])
  })
})

/** The files of an uploaded artifact, relative to it, with their contents (an attestation: its predicate type). */
function artifactFiles(run: RunRecord, name: string): Record<string, string> {
  const dir = path.join(run.artifacts, name)
  if (!existsSync(dir)) return {}
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f => statSync(path.join(dir, f)).isFile())
  return Object.fromEntries(
    files.map(f => {
      const text = readFileSync(path.join(dir, f), 'utf8')
      // Docker 26's BuildKit names the attestations of an unsplit build by platform (provenance.linux_amd64.json)
      const name = f.replace(/\.linux_[a-z0-9_]+\.json$/, '.json')
      return [name, f.endsWith('.json') ? (JSON.parse(text) as { predicateType: string }).predicateType : text.trim()]
    })
  )
}

const hello = (platform: string, version = 'unknown') => `Hello, World! This is ${version} running on ${platform}`

describe('.test-build.yml, local output: ported to release-multi-arch.yml (workflow runner; checkout and artifact stand-ins; SBOM generator stand-in)', () => {
  let run: RunRecord
  const local = { file: 'test/hello.Dockerfile', output: 'local', registry: '' }
  beforeAll(async () => {
    const wf = workflow('.test-build local (ported)', [
      callJob('build-local', {
        ...local,
        'artifact-name': 'build-output',
        'artifact-upload': true,
        'artifact-retention-days': 1,
        platforms: 'linux/amd64,linux/arm64',
        sbom: true
      }),
      outputsJob('build-local'),
      callJob('build-local-single', {
        ...local,
        'artifact-name': 'build-single-output',
        'artifact-upload': true,
        platforms: 'linux/amd64',
        sbom: true
      }),
      outputsJob('build-local-single'),
      callJob('build-local-noupload', { ...local, 'artifact-upload': false, platforms: 'linux/amd64,linux/arm64', sbom: true }),
      verifyJob('build-local-noupload', false),
      outputsJob('build-local-noupload'),
      callJob('build-local-nosign', {
        ...local,
        'artifact-name': 'build-nosign-output',
        'artifact-upload': true,
        platforms: 'linux/amd64,linux/arm64',
        sbom: true,
        sign: 'false'
      }),
      verifyJob('build-local-nosign', false),
      outputsJob('build-local-nosign')
    ])
    ;({ run } = await runPorted(wf, {}))
  }, 600_000)

  it('the run: every job succeeded, nothing merged', () => {
    expect(run.jobs.filter(j => j.result !== 'success').map(j => [j.id, j.result])).toEqual(
      ['build-local', 'build-local-single', 'build-local-noupload', 'build-local-nosign'].map(id => [`${id}/merge`, 'skipped'])
    )
    expect(run.result).toBe('success')
  })

  it('build-local: each platform’s files and SBOM in one artifact, one folder per platform', () => {
    expect(artifactFiles(run, 'build-output')).toEqual({
      'linux_amd64/hello.txt': hello('linux/amd64'),
      'linux_amd64/sbom.spdx.json': SPDX,
      'linux_amd64/provenance.json': SLSA,
      'linux_arm64/hello.txt': hello('linux/arm64'),
      'linux_arm64/sbom.spdx.json': SPDX,
      'linux_arm64/provenance.json': SLSA
    })
    expect(run.standIns.find(c => c.job === 'build-local/result' && c.action === 'actions/upload-artifact')?.with).toMatchObject({
      name: 'build-output',
      'retention-days': '1'
    })
  })

  it('build-local-outputs', () => {
    const printed = printedOutputs(run, 'build-local')
    expect(Object.keys(printed).sort()).toEqual(OUTPUT_NAMES)
    expect(printed).toMatchObject({ 'artifact-name': 'build-output', 'output-type': 'local', signed: 'false', digest: '' })
  })

  it('build-local-single and its outputs: one platform, one artifact', () => {
    expect(artifactFiles(run, 'build-single-output')).toEqual({
      'linux_amd64/hello.txt': hello('linux/amd64'),
      'linux_amd64/sbom.spdx.json': SPDX,
      'linux_amd64/provenance.json': SLSA
    })
    expect(printedOutputs(run, 'build-local-single')).toMatchObject({ 'artifact-name': 'build-single-output', 'output-type': 'local' })
  })

  it('build-local-noupload, -verify, -outputs: built, nothing uploaded, no artifact named, nothing to verify', () => {
    expect(jobsOf(run, 'build-local-noupload').filter(([id]) => id === 'build-local-noupload/build')).toEqual([
      ['build-local-noupload/build', 'success'],
      ['build-local-noupload/build', 'success']
    ])
    expect(run.standIns.filter(c => c.job.startsWith('build-local-noupload/') && c.action === 'actions/upload-artifact')).toEqual([])
    expect(printedOutputs(run, 'build-local-noupload')).toMatchObject({ 'artifact-name': '', 'output-type': 'local', signed: 'false' })
    expect(jobLog(run, 'build-local-noupload-verify')).toContain('::warning::No signatures to verify')
  })

  it('build-local-nosign, -verify, -outputs', () => {
    expect(Object.keys(artifactFiles(run, 'build-nosign-output')).sort()).toEqual([
      'linux_amd64/hello.txt',
      'linux_amd64/provenance.json',
      'linux_amd64/sbom.spdx.json',
      'linux_arm64/hello.txt',
      'linux_arm64/provenance.json',
      'linux_arm64/sbom.spdx.json'
    ])
    expect(jobsOf(run, 'build-local-nosign-verify')).toEqual([['build-local-nosign-verify', 'success']])
    expect(jobLog(run, 'build-local-nosign-verify')).toContain('::warning::No signatures to verify')
    expect(printedOutputs(run, 'build-local-nosign')).toMatchObject({ 'artifact-name': 'build-nosign-output', signed: 'false' })
  })
})

/** github-builder's test/docker-bake.hcl without its Go targets (Docker Hub), tags as metadata-action writes them. */
const bakeFile = (tags: string[]) =>
  `
target "docker-metadata-action" {
  tags = ${JSON.stringify(tags)}
}

group "default" {
  targets = ["hello-cross"]
}

variable "XX_VERSION" {
  default = null
}

target "go" {
  inherits = ["docker-metadata-action"]
  args = {
    XX_VERSION = XX_VERSION
  }
  dockerfile = "go.Dockerfile"
}

target "hello" {
  inherits = ["docker-metadata-action"]
  dockerfile = "hello.Dockerfile"
}

target "hello-cross" {
  inherits = ["hello"]
  platforms = ["linux/amd64", "linux/arm64"]
}

target "hello-cross-with-contexts" {
  inherits = ["hello-cross"]
  dockerfile = "contexts.Dockerfile"
  contexts = {
    gen = "target:generated-files"
  }
}

target "generated-files" {
  contexts = {
    generated-hello1 = "target:generated-hello1"
    generated-hello2 = "target:generated-hello2"
  }
  dockerfile-inline = <<-EOT
  FROM scratch AS generated-files
  COPY --from=generated-hello1 / /hello1
  COPY --from=generated-hello2 / /hello2
  EOT
  output = ["type=cacheonly"]
}

target "generated-hello1" {
  dockerfile = "hello.Dockerfile"
  output = ["type=cacheonly"]
}

target "generated-hello2" {
  dockerfile = "hello.Dockerfile"
  output = ["type=cacheonly"]
}
`

describe('.test-bake.yml: ported to release-multi-arch.yml (workflow runner; checkout, login and artifact stand-ins; SBOM generator stand-in)', () => {
  const repo = uniqueRepo('gb-bake')
  let run: RunRecord
  const local = { 'bake-source': 'test', output: 'local', registry: '' }
  beforeAll(async () => {
    const wf = workflow('.test-bake (ported)', [
      callJob('bake-local', {
        ...local,
        'bake-targets': 'hello-cross',
        'artifact-name': 'bake-output',
        'artifact-upload': true,
        'artifact-retention-days': 1,
        platforms: 'linux/amd64,linux/arm64',
        sbom: true
      }),
      outputsJob('bake-local'),
      callJob('bake-local-single', {
        ...local,
        'bake-targets': 'hello',
        'artifact-name': 'bake-single-output',
        'artifact-upload': true,
        platforms: 'linux/amd64',
        sbom: true
      }),
      outputsJob('bake-local-single'),
      callJob('bake-local-noupload', {
        ...local,
        'bake-targets': 'hello-cross',
        'artifact-upload': false,
        platforms: 'linux/amd64,linux/arm64',
        sbom: true
      }),
      verifyJob('bake-local-noupload', false),
      outputsJob('bake-local-noupload'),
      callJob('bake-local-nosign', {
        ...local,
        'bake-targets': 'hello-cross',
        'artifact-name': 'bake-nosign-output',
        'artifact-upload': true,
        platforms: 'linux/amd64,linux/arm64',
        sbom: true,
        sign: 'false'
      }),
      verifyJob('bake-local-nosign', false),
      outputsJob('bake-local-nosign'),
      callJob('bake-set-runner', {
        'bake-source': 'test',
        'bake-targets': 'hello-cross',
        'bake-set': '*.args.VERSION=1.0',
        runners: '{}',
        'default-runner': 'ubuntu-24.04',
        platforms: 'linux/amd64,linux/arm64',
        output: 'image',
        push: false,
        registry: proxy.registry
      }),
      callJob('bake-vars', {
        ...local,
        'bake-targets': 'go',
        'bake-vars': 'XX_VERSION=1.9.0',
        'artifact-name': 'bake-vars-output',
        'artifact-upload': true,
        platforms: 'linux/amd64'
      }),
      callJob('bake-namedcontexts', {
        ...local,
        'bake-targets': 'hello-cross-with-contexts',
        'artifact-name': 'bake-namedcontexts-output',
        'artifact-upload': true,
        platforms: 'linux/amd64,linux/arm64',
        sbom: true
      }),
      callJob(
        'bake-ghcr-index-annotations',
        {
          'bake-source': 'test',
          'bake-targets': 'hello-cross',
          'bake-set': '*.args.VERSION=1.0\n*.labels.io.github.docker.github-builder.test-label=bake-1',
          'index-annotations': 'io.github.docker.github-builder.test-index-annotation=bake-1',
          platforms: 'linux/amd64,linux/arm64',
          output: 'image',
          push: true,
          sbom: true,
          registry: ''
        },
        { 'registry-auth': REGISTRY_AUTH }
      )
    ])
    ;({ run } = await runPorted(wf, {
      'test/docker-bake.hcl': bakeFile([`${proxy.registry}/${repo}:bake-index-annotations-1`]),
      'test/go.Dockerfile': `FROM ${tb.baseImage} AS build\nARG XX_VERSION="1.7.0"\nRUN echo "xx $XX_VERSION" > /xx-version\n\nFROM scratch\nCOPY --from=build /xx-version /\n`,
      'test/contexts.Dockerfile': 'FROM scratch AS gen\n\nFROM scratch\nCOPY --from=gen / /\n'
    }))
  }, 600_000)

  it('the run: every job succeeded', () => {
    expect(run.jobs.filter(j => j.result !== 'success').map(j => [j.id, j.result, j.errors])).toEqual([
      ...['bake-local', 'bake-local-single', 'bake-local-noupload', 'bake-local-nosign'].map(id => [`${id}/merge`, 'skipped', []]),
      ['bake-set-runner/merge', 'skipped', []],
      ['bake-set-runner/result', 'skipped', []],
      ...['bake-vars', 'bake-namedcontexts'].map(id => [`${id}/merge`, 'skipped', []])
    ])
    expect(run.result).toBe('success')
    expect(logs(run)).not.toContain(PASSWORD)
  })

  it('bake-local and its outputs: the target’s files and SBOM per platform, in one artifact', () => {
    expect(artifactFiles(run, 'bake-output')).toEqual({
      'hello-cross/linux_amd64/hello.txt': hello('linux/amd64'),
      'hello-cross/linux_amd64/sbom.spdx.json': SPDX,
      'hello-cross/linux_amd64/provenance.json': SLSA,
      'hello-cross/linux_arm64/hello.txt': hello('linux/arm64'),
      'hello-cross/linux_arm64/sbom.spdx.json': SPDX,
      'hello-cross/linux_arm64/provenance.json': SLSA
    })
    expect(printedOutputs(run, 'bake-local')).toMatchObject({ 'artifact-name': 'bake-output', 'output-type': 'local', signed: 'false' })
  })

  it('bake-local-single and its outputs', () => {
    expect(artifactFiles(run, 'bake-single-output')).toEqual({
      'hello/linux_amd64/hello.txt': hello('linux/amd64'),
      'hello/linux_amd64/sbom.spdx.json': SPDX,
      'hello/linux_amd64/provenance.json': SLSA
    })
    expect(printedOutputs(run, 'bake-local-single')).toMatchObject({ 'artifact-name': 'bake-single-output' })
  })

  it('bake-local-noupload, -verify, -outputs', () => {
    expect(jobsOf(run, 'bake-local-noupload').filter(([id]) => id === 'bake-local-noupload/build')).toHaveLength(2)
    expect(printedOutputs(run, 'bake-local-noupload')).toMatchObject({ 'artifact-name': '', 'output-type': 'local', signed: 'false' })
    expect(jobLog(run, 'bake-local-noupload-verify')).toContain('::warning::No signatures to verify')
  })

  it('bake-local-nosign, -verify, -outputs', () => {
    expect(Object.keys(artifactFiles(run, 'bake-nosign-output')).sort()).toEqual([
      'hello-cross/linux_amd64/hello.txt',
      'hello-cross/linux_amd64/provenance.json',
      'hello-cross/linux_amd64/sbom.spdx.json',
      'hello-cross/linux_arm64/hello.txt',
      'hello-cross/linux_arm64/provenance.json',
      'hello-cross/linux_arm64/sbom.spdx.json'
    ])
    expect(jobLog(run, 'bake-local-nosign-verify')).toContain('::warning::No signatures to verify')
    expect(printedOutputs(run, 'bake-local-nosign')).toMatchObject({ 'artifact-name': 'bake-nosign-output', signed: 'false' })
  })

  it('bake-set-runner: both platforms on the one runner, nothing pushed, no login tried', () => {
    expect(run.jobs.filter(j => j.id.startsWith('bake-set-runner/build')).map(j => [j.matrix['platform'], j.runsOn, j.result])).toEqual([
      ['linux/amd64', 'ubuntu-24.04', 'success'],
      ['linux/arm64', 'ubuntu-24.04', 'success']
    ])
    expect(run.standIns.filter(c => c.job.startsWith('bake-set-runner/') && c.action === 'docker/login-action')).toEqual([])
  })

  it('bake-vars: the bake variable reaches the target’s build argument', () => {
    expect(artifactFiles(run, 'bake-vars-output')).toEqual({
      'go/linux_amd64/xx-version': 'xx 1.9.0',
      'go/linux_amd64/provenance.json': SLSA
    })
  })

  it('bake-namedcontexts: the target: contexts are built with the target (not as jobs of their own), their files in its output', () => {
    expect(run.jobs.filter(j => j.id.startsWith('bake-namedcontexts/build')).map(j => j.matrix['target'])).toEqual([
      'hello-cross-with-contexts',
      'hello-cross-with-contexts'
    ])
    const files = artifactFiles(run, 'bake-namedcontexts-output')
    for (const p of ['linux/amd64', 'linux/arm64']) {
      const dir = `hello-cross-with-contexts/${p.replace('/', '_')}`
      expect(
        Object.keys(files)
          .filter(f => f.startsWith(`${dir}/hello`))
          .sort()
      ).toEqual([`${dir}/hello1/hello.txt`, `${dir}/hello2/hello.txt`])
    }
  })

  it('bake-ghcr-index-annotations: labels through bake-set, the annotation on the index, an SBOM per platform', async () => {
    const index = await getManifest(repo, 'bake-index-annotations-1')
    expect(index.status).toBe(200)
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64'])
    expect(index.json.annotations).toMatchObject({ 'io.github.docker.github-builder.test-index-annotation': 'bake-1' })
    expect(await attestationsOf(repo, index)).toEqual({
      'linux/amd64': expect.arrayContaining([SPDX]),
      'linux/arm64': expect.arrayContaining([SPDX])
    })
    for (const m of index.json.manifests.filter((m: { platform: { os: string } }) => m.platform.os !== 'unknown')) {
      const image = await getManifest(repo, m.digest)
      const config = JSON.parse((await getBlob(repo, image.json.config.digest)).toString('utf8'))
      expect(config.config.Labels).toMatchObject({ 'io.github.docker.github-builder.test-label': 'bake-1' })
    }
    expect(run.outputs['bake-ghcr-index-annotations']).toMatchObject({ digest: index.digest, 'output-type': 'image', signed: 'false' })
  })
})
