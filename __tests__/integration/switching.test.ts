// Switching from docker/build-push-action is one changed `uses:` line (issue 12), for real:
// subdirectories of the run's Git context built without a checkout (served by git http-backend on
// 127.0.0.1), the github-token secret, local and tar outputs with provenance, docker's
// BUILDX_NO_DEFAULT_ATTESTATIONS and YAML 1.2 booleans. Tested once elsewhere: the Git context
// itself and a multi-line secret (readme-examples.test.ts), DOCKER_BUILD_SUMMARY
// (peer-build-push.test.ts's summary-disable). Results are read back from the git
// server's request log, the registry's HTTP API and the files the build wrote.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { makeGitRepo, startGitServer, type GitServer } from './git-server.js'
import {
  everythingKept,
  expectNothingPushed,
  expectSuccess,
  getBlob,
  getManifest,
  NODE24,
  runAction,
  secretMatches,
  shownLog,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

let tb: Testbed
let gitRoot: string
let server: GitServer
/** an empty working directory: no checkout step ran */
let emptyDir: string

beforeAll(async () => {
  tb = testbed()
  gitRoot = mkdtempSync(path.join(os.tmpdir(), 'bia-git-root-'))
  server = await startGitServer(gitRoot)
  emptyDir = mkdtempSync(path.join(os.tmpdir(), 'bia-no-checkout-'))
})

afterAll(async () => {
  await server.close()
})

/** The environment of a workflow run of `repository` at `sha` on the local git server. */
function runEnv(repository: string, sha: string): NodeJS.ProcessEnv {
  return { GITHUB_SERVER_URL: server.url, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' }
}

/** The image config of repo:tag's amd64 image, read from the registry. */
async function imageConfig(repo: string, tag: string): Promise<any> {
  const top = await getManifest(repo, tag)
  expect(top.status).toBe(200)
  const manifest = top.json.manifests
    ? await getManifest(repo, top.json.manifests.find((m: any) => m.platform?.architecture === 'amd64').digest)
    : top
  return JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
}

/** A docker config whose buildx plugin records its argv (one JSON array per line) before running the real one. */
function recordingDockerConfig(): { dir: string; argvLog: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-argv-config-'))
  const argvLog = path.join(dir, 'argv.jsonl')
  mkdirSync(path.join(dir, 'cli-plugins'))
  const plugin = path.join(dir, 'cli-plugins', 'docker-buildx')
  writeFileSync(
    plugin,
    [
      `#!${NODE24}`,
      "const { appendFileSync } = require('node:fs')",
      "const { spawn } = require('node:child_process')",
      `appendFileSync(${JSON.stringify(argvLog)}, JSON.stringify(process.argv.slice(2)) + '\\n')`,
      `const child = spawn(${JSON.stringify(tb.buildxBin)}, process.argv.slice(2), { stdio: 'inherit' })`,
      'child.on("close", code => process.exit(code ?? 1))',
      ''
    ].join('\n')
  )
  chmodSync(plugin, 0o755)
  writeFileSync(path.join(dir, 'config.json'), '{}')
  return { dir, argvLog }
}

describe("the default context: the run's Git context, no checkout", () => {
  it('expands {{defaultContext}}:sub/dir in context and build-contexts', async () => {
    const repository = `octo/${uniqueRepo('sub')}`
    const git = makeGitRepo(gitRoot, repository, {
      'app/Dockerfile': `FROM ${tb.baseImage}\nCOPY --from=shared /value /value\nCOPY local.txt /local.txt\nLABEL shared=yes\n`,
      'app/local.txt': 'app',
      'shared/value': 'shared'
    })
    const repo = uniqueRepo('default-context-sub')
    const run = await runAction(
      {
        context: '{{defaultContext}}:app',
        'build-contexts': 'shared={{ defaultContext }}:shared',
        tags: `${tb.registry}/${repo}:1`,
        push: 'true',
        platforms: 'linux/amd64'
      },
      { cwd: emptyDir, env: runEnv(repository, git.sha) }
    )
    expectSuccess(run)
    expect(run.main.log).toContain(`${server.url}/${repository}.git#${git.sha}:app`)
    expect(run.main.log).toContain(`shared=${server.url}/${repository}.git#${git.sha}:shared`)
    expect((await imageConfig(repo, '1')).config.Labels.shared).toBe('yes')
  })

  it('passes github-token as the secret GIT_AUTH_TOKEN.<host>: the build reads it, nothing else shows it', async () => {
    // BuildKit sends no credentials over plain http, so the server cannot see the token: the build
    // itself checks that the secret holds it (by sha256, so the Dockerfile never holds the value).
    const token = `ghs_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}TOKEN`
    const id = `GIT_AUTH_TOKEN.${server.host}`
    const repository = `octo/${uniqueRepo('token')}`
    const git = makeGitRepo(gitRoot, repository, {
      Dockerfile: `FROM ${tb.baseImage}\nRUN --mount=type=secret,id=${id},required=true ${secretMatches(id, token)}\n`
    })
    const { dir: dockerConfig, argvLog } = recordingDockerConfig()
    const run = await runAction(
      { 'github-token': token, platforms: 'linux/amd64' },
      { cwd: emptyDir, env: { ...runEnv(repository, git.sha), DOCKER_CONFIG: dockerConfig } }
    )
    expectSuccess(run)
    const argv = readFileSync(argvLog, 'utf8')
    const build = argv
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l) as string[])
      .find(a => a.includes('build'))
    expect(build?.some(a => a.startsWith(`id=${id},src=`))).toBe(true)
    expect(argv).not.toContain(token)
    expect(everythingKept(run)).not.toContain(token)
    expect(run.main.log).toContain(`::add-mask::${token}`)
  })

  it('with a local context the token is not passed (no GIT_AUTH_TOKEN secret)', async () => {
    const token = `ghs_local${Date.now().toString(36)}`
    const ctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nRUN --mount=type=secret,id=GIT_AUTH_TOKEN.${server.host} test ! -e /run/secrets/GIT_AUTH_TOKEN.${server.host}\n`
    })
    const run = await runAction(
      { context: ctx, 'github-token': token, platforms: 'linux/amd64' },
      { cwd: emptyDir, env: runEnv('octo/none', 'a'.repeat(40)) }
    )
    expectSuccess(run)
    // the buildx command line the action logs carries no --secret at all
    expect(run.main.log.split('\n').find(l => l.startsWith('buildx build'))).not.toContain('--secret')
  })

  it('a local context that does not exist fails clearly, before anything is built', async () => {
    const run = await runAction(
      { context: './nope', platforms: 'linux/amd64' },
      { cwd: emptyDir, env: runEnv('octo/none', 'a'.repeat(40)) }
    )
    expect(run.main.code).not.toBe(0)
    expect(shownLog(run.main.log)).toMatch(/::error::context: \.\/nope is not a directory \(resolved from .*\)/)
    const dot = await runAction({ context: '.', platforms: 'linux/amd64' }, { cwd: emptyDir, env: runEnv('octo/none', 'a'.repeat(40)) })
    expect(dot.main.code).not.toBe(0)
    expect(shownLog(dot.main.log)).toContain(
      "::error::file: Dockerfile does not exist; without a checkout step, leave context unset to build the run's Git context"
    )
  })
})

describe('local and tar outputs with provenance', () => {
  const ctx = () => writeContext({ Dockerfile: `FROM scratch\nCOPY app.bin /app.bin\n`, 'app.bin': 'binary' })

  it('type=local: the folder gets the files and provenance.json; imageid and digest are empty', async () => {
    const dest = mkdtempSync(path.join(os.tmpdir(), 'bia-local-out-'))
    const run = await runAction({ context: ctx(), outputs: `type=local,dest=${dest}`, provenance: 'mode=max', platforms: 'linux/amd64' })
    expectSuccess(run)
    expect(readFileSync(path.join(dest, 'app.bin'), 'utf8')).toBe('binary')
    const provenance = JSON.parse(readFileSync(path.join(dest, 'provenance.json'), 'utf8'))
    expect(JSON.stringify(provenance)).toMatch(/buildType|predicateType|buildDefinition/)
    expect(run.mainOutputs['imageid']).toBe('')
    expect(run.mainOutputs['digest']).toBe('')
    expect(shownLog(run.main.log)).not.toContain('--iidfile')
  })

  it('type=tar: the archive holds the files and provenance.json', async () => {
    const dest = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-tar-out-')), 'out.tar')
    const run = await runAction({ context: ctx(), outputs: `type=tar,dest=${dest}`, provenance: 'mode=min', platforms: 'linux/amd64' })
    expectSuccess(run)
    const names = spawnSync('tar', ['-tf', dest], { encoding: 'utf8' }).stdout.split('\n')
    expect(names).toContain('app.bin')
    expect(names).toContain('provenance.json')
    expect(run.mainOutputs['imageid']).toBe('')
    expect(run.mainOutputs['digest']).toBe('')
  })
})

describe("docker's environment switches", () => {
  const ctx = () => writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN true\n` })

  it('BUILDX_NO_DEFAULT_ATTESTATIONS=1: the pushed image has no provenance', async () => {
    const repo = uniqueRepo('no-default-attest')
    const run = await runAction(
      { context: ctx(), tags: `${tb.registry}/${repo}:1`, push: 'true', platforms: 'linux/amd64' },
      { env: { BUILDX_NO_DEFAULT_ATTESTATIONS: '1' } }
    )
    expectSuccess(run)
    const top = await getManifest(repo, '1')
    expect(top.status).toBe(200)
    const attestations = (top.json.manifests ?? []).filter((m: any) => m.platform?.os === 'unknown')
    expect(attestations).toEqual([])
    expect(shownLog(run.main.log)).not.toContain('--provenance')
  })
})

describe('booleans by the YAML 1.2 core rule', () => {
  it('push: yes is refused, naming the input, and nothing is pushed', async () => {
    const repo = uniqueRepo('bool-yes')
    const run = await runAction({
      context: writeContext({ Dockerfile: `FROM ${tb.baseImage}\n` }),
      tags: `${tb.registry}/${repo}:1`,
      push: 'yes'
    })
    expect(run.main.code).not.toBe(0)
    expect(shownLog(run.main.log)).toContain('::error::push: expected true or false (true, True, TRUE, false, False or FALSE), got "yes"')
    await expectNothingPushed(repo)
    expect(existsSync(run.files.summary)).toBe(true)
  })
})
