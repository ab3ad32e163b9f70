// The build-image CLI (dist/cli.js on Node 24) against the testbed: what it builds is checked in
// the engine (docker image inspect) and over the registry's HTTP API, never through its own output.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { FaultProxy } from './fault-proxy.js'
import {
  describeActionLogic,
  dockerConfigLogins,
  expectNothingPushed,
  getManifest,
  hasCapability,
  NODE24,
  noteOutput,
  privateDockerConfig,
  ROOT,
  sh,
  testbed,
  testbedEnv,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

interface CliRun {
  code: number
  stdout: string
  stderr: string
  ms: number
}

function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  const started = Date.now()
  return new Promise(resolve => {
    // Only the testbed's environment: no GITHUB_* or INPUT_* from wherever the tests run.
    const child = spawn(NODE24, [path.join(ROOT, 'dist/cli.js'), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...testbedEnv(tb), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    // standard input is empty unless the test gives it (--password-stdin)
    child.stdin.end(opts.stdin ?? '')
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', code => {
      noteOutput(stderr)
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started })
    })
  })
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop() ?? ''
const hostPlatform = os.arch() === 'arm64' ? 'linux/arm64' : 'linux/amd64'
const hello = path.join(ROOT, 'examples/hello')

let tb: Testbed
beforeAll(() => {
  tb = testbed()
})

describe('build-image CLI', () => {
  it('--platform local builds the host platform and loads it, with inputs from --config and flags', async () => {
    const tag = `local/${uniqueRepo('cli-load')}:dev`
    const config = path.join(writeContext({}), 'build.yml')
    writeFileSync(
      config,
      `platforms: local\nbuild-args:\n  - BASE=${tb.baseImage}\n  - VARIANT=from-config\ntags: local/overridden:by-the-flag\n`
    )
    const run = await cli(['--config', config, '-t', tag, 'examples/hello'])
    expect({ code: run.code, err: lastLine(run.stderr) }).toEqual({ code: 0, err: expect.stringMatching(/^done in /) })
    console.log(`CLI --platform local build and load: ${run.ms} ms`)

    const inspect = await sh('docker', ['image', 'inspect', tag, '--format', '{{.Os}}/{{.Architecture}}'])
    expect(inspect.code).toBe(0)
    expect(inspect.stdout.trim()).toBe(hostPlatform)
    const greeting = await sh('docker', ['run', '--rm', tag])
    expect(greeting.stdout).toContain('variant from-config')

    // the log: headings for the action's groups, buildx progress, no workflow commands
    expect(run.stderr).toContain('▶ Build')
    expect(run.stderr).toMatch(/#\d+ \[.*\] RUN /)
    expect(run.stderr).not.toMatch(/^::/m)
    expect(run.stderr).toContain('--load')
    // the table on stdout: the platform rows come from the build record (buildx 0.23+)
    expect(run.stdout).toMatch(new RegExp(`\\n {2}tags +${tag}\\n`))
    if (hasCapability('build-history', tb)) {
      expect(run.stdout).toMatch(
        new RegExp(`${hostPlatform}\\s+sha256:[0-9a-f]{12}\\s+[\\d.]+ (KiB|MiB)\\s+\\d+\\s+sha256:[0-9a-f]{12}\\s+${tb.baseImage}`)
      )
    } else {
      expect(run.stdout).toContain(`note: buildx ${tb.buildxVersion} cannot read build records`)
    }
  })

  it('pushes a two-platform image with --push, and the table names what the registry serves', async () => {
    const repo = uniqueRepo('cli-multi')
    const run = await cli([
      '--platform',
      'linux/amd64',
      '--platform',
      'linux/arm64',
      '--push',
      '--tag',
      `${tb.registry}/${repo}:v1`,
      '--build-arg',
      `BASE=${tb.baseImage}`,
      hello
    ])
    expect({ code: run.code, err: lastLine(run.stderr) }).toEqual({ code: 0, err: expect.stringMatching(/^done in /) })

    const index = await getManifest(repo, 'v1')
    expect(index.status).toBe(200)
    const real = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown')
    expect(real.map((m: any) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    expect(run.stdout).toMatch(new RegExp(`\\n {2}digest +${index.digest} \\(OCI image index\\)\\n`))
    expect(run.stdout).toMatch(/\n {2}read from +the registry\n/)
    for (const m of real) {
      const platform = `${m.platform.os}/${m.platform.architecture}`
      const manifest = await getManifest(repo, m.digest)
      const layers = manifest.json.layers as Array<{ digest: string }>
      const row = run.stdout.split('\n').find(l => l.trim().startsWith(platform)) ?? ''
      expect(row).toContain(m.digest.slice(0, 19))
      expect(row).toContain((layers[layers.length - 1]?.digest ?? '').slice(0, 19))
      expect(row).toMatch(new RegExp(`\\s${layers.length}\\s`))
    }
  })

  it('--json prints only the outputs on stdout, and its digest is the registry digest', async () => {
    const repo = uniqueRepo('cli-json')
    const run = await cli([
      '--json',
      '--platform',
      'local',
      '--push',
      '-t',
      `${tb.registry}/${repo}:j`,
      '--build-arg',
      `BASE=${tb.baseImage}`,
      hello
    ])
    expect(run.code).toBe(0)
    const outputs = JSON.parse(run.stdout)
    const index = await getManifest(repo, 'j')
    expect(index.status).toBe(200)
    expect(outputs.digest).toBe(index.digest)
    expect(outputs.digests).toEqual({ default: index.digest })
    expect(outputs.manifests.default.digest).toBe(index.digest)
    expect(outputs.platforms).toEqual({ default: [hostPlatform] })
    expect(outputs['builder-driver']).toBe('docker')
    // the build log went to stderr
    expect(run.stderr).toContain('▶ Build')
  })

  it('--help lists every input and exits 0', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    const doc = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }
    for (const name of Object.keys(doc.inputs)) expect(run.stdout).toContain(`--${name}`)
    expect(run.stdout).toMatch(/^Usage: build-image/)
    expect(run.stderr).toBe('')
  })

  it('--version prints the version of package.json and exits 0', async () => {
    const run = await cli(['--version'])
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(run).toMatchObject({ code: 0, stdout: `build-image ${version}\n`, stderr: '' })
  })

  it('a machine without the buildx plugin exits 1 saying so, not blaming a flag', async () => {
    // a docker config and home without cli-plugins: the docker CLI finds no buildx
    const home = mkdtempSync(path.join(os.tmpdir(), 'bia-no-buildx-'))
    mkdirSync(path.join(home, 'docker-config'))
    const run = await cli(['--platform', 'local', hello], { env: { HOME: home, DOCKER_CONFIG: path.join(home, 'docker-config') } })
    expect(run.code).toBe(1)
    expect(lastLine(run.stderr)).toMatch(/^error: the docker buildx plugin is not installed .*install docker-buildx/)
    expect(run.stderr).not.toMatch(/^error: buildx-version:|unknown flag/m)
    expect(run.stdout).toBe('')
  })

  it('an unknown flag exits 2 with a one-line reason and starts nothing', async () => {
    const run = await cli(['--platform', 'local', '--frobnicate', '.'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('error: unknown flag --frobnicate (see --help)\n')
  })

  it.each([
    ['a bad input value', ['--platform', 'linux', hello], /^error: platforms: "linux" is not a platform/],
    [
      'a context that does not exist',
      ['--platform', 'local', '/nonexistent/ctx'],
      /^error: context: \/nonexistent\/ctx is not a directory/
    ],
    ['a missing config file', ['--config', '/nonexistent.yml'], /^error: --config \/nonexistent.yml: no such file$/],
    ['a malformed matrix', ['--platform', 'local', '--matrix', 'variant: [a', hello], /^error: matrix: invalid YAML/],
    [
      'a typo in a matrix tag template',
      ['--platform', 'local', '--matrix', 'variant: [a, b]', '-t', 'app:{{varient}}', hello],
      /^error: tags: template .* uses "varient"/
    ]
  ])('%s exits 2 with a one-line reason', async (_name, args, reason) => {
    const run = await cli(args)
    expect(run.code).toBe(2)
    expect(lastLine(run.stderr)).toMatch(reason)
    expect(run.stderr).not.toContain('▶ Build')
  })

  it('a failing build exits 1; stderr ends with the reason at the Dockerfile line; nothing is pushed', async () => {
    const failing = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN exit 3\n` })
    const repo = uniqueRepo('cli-fail')
    const run = await cli(['-q', '--platform', 'local', '--push', '-t', `${tb.registry}/${repo}:x`, failing])
    expect(run.code).toBe(1)
    expect(lastLine(run.stderr)).toMatch(/^error: .*Dockerfile:2.*exit code: 3/)
    // --quiet: no build log, only the error
    expect(run.stderr).not.toContain('▶')
    expect(run.stdout).toBe('')
    await expectNothingPushed(repo)
  })
})

describeActionLogic('build-image CLI: the registry password off the command line', () => {
  const USER = 'cli-user'
  // quotes and a space: the password must reach the registry byte for byte
  const PASSWORD = `cli "${Math.random().toString(36).slice(2)}" pw`
  let proxy: FaultProxy
  let ctx: string

  beforeAll(async () => {
    proxy = await FaultProxy.start(tb.registry)
    proxy.requireBasicAuth(USER, PASSWORD)
    ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo cli-login > /who\n` })
  })
  afterAll(async () => {
    await proxy.close()
  })

  const pushThroughLogin = async (name: string, extra: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string }) => {
    const config = privateDockerConfig()
    const repo = uniqueRepo(name)
    const args = ['--platform', 'linux/amd64', '--push', '-t', `${proxy.registry}/${repo}:v1`, '--registry', proxy.registry]
    const run = await cli([...args, '--username', USER, ...extra, ctx], { ...opts, env: { DOCKER_CONFIG: config, ...opts.env } })
    return { run, repo, config }
  }

  it.each<[string, string[], { env?: NodeJS.ProcessEnv; stdin?: string }]>([
    ['--password-stdin', ['--password-stdin'], { stdin: `${PASSWORD}\n` }],
    ['the BUILD_IMAGE_PASSWORD environment variable', [], { env: { BUILD_IMAGE_PASSWORD: PASSWORD } }]
  ])('logs in with the password from %s, pushes, logs out, and shows the password nowhere', async (_name, extra, opts) => {
    const { run, repo, config } = await pushThroughLogin('cli-login', extra, opts)
    expect({ code: run.code, err: lastLine(run.stderr) }).toEqual({ code: 0, err: expect.stringMatching(/^done in /) })
    expect(run.stderr).toContain(`Log in to ${proxy.registry}`)
    expect(run.stderr).not.toContain('warning: --password')
    expect((await getManifest(repo, 'v1')).status).toBe(200)
    expect(proxy.requests.some(r => r.method === 'PUT' && r.path === `/v2/${repo}/manifests/v1` && r.outcome === 201)).toBe(true)
    expect(dockerConfigLogins(config)).toEqual([])
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD)
  })

  it('--password still works, with a warning that ps and shell history see it', async () => {
    const { run, repo } = await pushThroughLogin('cli-login-argv', ['--password', PASSWORD], {})
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^warning: --password on the command line is seen by ps/m)
    expect((await getManifest(repo, 'v1')).status).toBe(200)
  })

  it('--password-stdin with nothing on standard input exits 2 and starts nothing', async () => {
    const { run } = await pushThroughLogin('cli-login-empty', ['--password-stdin'], { stdin: '' })
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('error: --password-stdin: standard input held no password\n')
  })
})

describeActionLogic('build-image CLI: secrets and the password never on a command line', () => {
  const USER = 'cli-argv-user'
  const token = () => Math.random().toString(36).slice(2)
  const PASSWORD = `pw-${token()}`
  const A = `from-env-${token()}`
  const B = `from-file-${token()}`
  const C = `from-input-env-${token()}`
  const sha256 = (v: string) => createHash('sha256').update(v).digest('hex')
  let proxy: FaultProxy

  beforeAll(async () => {
    proxy = await FaultProxy.start(tb.registry)
    proxy.requireBasicAuth(USER, PASSWORD)
  })
  afterAll(async () => {
    await proxy.close()
  })

  /** A program that writes each argv it is started with (and whether it sees an input variable) to `log`, then runs `real`. */
  function recorder(file: string, real: string, log: string): void {
    writeFileSync(
      file,
      [
        '#!/bin/sh',
        `{ printf 'argv:'; for a in "$@"; do printf ' %s' "$a"; done; printf '\\n'; printf 'env:%s\\n' "\${BUILD_IMAGE_INPUT_SECRETS-unset}"; } >> ${log}`,
        `exec ${real} "$@"`,
        ''
      ].join('\n')
    )
    chmodSync(file, 0o755)
  }

  it("buildx's --secret id=,env= and id=,src= forms, BUILD_IMAGE_INPUT_SECRETS and --password-stdin: the build gets every value, no child's argv holds one", async () => {
    const work = writeContext({
      Dockerfile: [
        `FROM ${tb.baseImage}`,
        'RUN --mount=type=secret,id=a,required=true --mount=type=secret,id=b,required=true --mount=type=secret,id=c,required=true \\',
        // each value checked by its digest: the build log shows this line
        `  test "${[A, B, C].map((v, i) => `$(sha256sum < /run/secrets/${'abc'[i]} | cut -c1-64)`).join(' ')}" = "${[A, B, C].map(sha256).join(' ')}"`,
        ''
      ].join('\n'),
      'b.txt': B
    })
    // docker and the buildx plugin, as the CLI finds them, replaced by recorders of their argv
    const log = path.join(work, 'argv.log')
    writeFileSync(log, '')
    const bin = path.join(work, 'bin')
    mkdirSync(bin)
    recorder(path.join(bin, 'docker'), path.join(tb.dockerBinDir, 'docker'), log)
    const config = path.join(work, 'docker-config')
    mkdirSync(path.join(config, 'cli-plugins'), { recursive: true })
    writeFileSync(path.join(config, 'config.json'), '{}')
    recorder(path.join(config, 'cli-plugins', 'docker-buildx'), tb.buildxBin, log)

    const repo = uniqueRepo('cli-argv')
    const run = await cli(
      [
        '--platform',
        'linux/amd64',
        '--no-cache',
        '--push',
        '-t',
        `${proxy.registry}/${repo}:v1`,
        '--registry',
        proxy.registry,
        '--username',
        USER,
        '--password-stdin',
        '--secret',
        'id=a,env=BIA_CLI_SECRET_A',
        '--secret',
        `id=b,src=${path.join(work, 'b.txt')}`,
        '--context',
        work
      ],
      {
        stdin: `${PASSWORD}\n`,
        env: {
          PATH: `${bin}:${testbedEnv(tb).PATH ?? ''}`,
          DOCKER_CONFIG: config,
          BIA_CLI_SECRET_A: A,
          BUILD_IMAGE_INPUT_SECRETS: `c=${C}`
        }
      }
    )
    expect({ code: run.code, err: lastLine(run.stderr) }).toEqual({ code: 0, err: expect.stringMatching(/^done in /) })
    expect(run.stderr).toContain('inputs from the environment: BUILD_IMAGE_INPUT_SECRETS')
    expect(run.stderr).not.toMatch(/^warning:/m)
    expect((await getManifest(repo, 'v1')).status).toBe(200)

    const recorded = readFileSync(log, 'utf8')
    // the recorders really stood in: the login and the build went through them
    expect(recorded).toMatch(/^argv: login .*--password-stdin/m)
    expect(recorded).toMatch(/^argv: build /m)
    for (const value of [PASSWORD, A, B, C]) expect(recorded).not.toContain(value)
    // and no child was given the variable the secrets came in
    expect(recorded.split('\n').filter(l => l.startsWith('env:') && l !== 'env:unset')).toEqual([])
    expect(`${run.stdout}${run.stderr}`).not.toMatch(new RegExp([PASSWORD, A, B, C].join('|')))
  })
})
