// The CLI's pure parts: flags -> the action's inputs, the config file, --platform local, --help,
// and the terminal's view of the log and of the reports.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  argvSecretWarnings,
  buildxSecretForms,
  CLI_DEFAULTS,
  envInputs,
  configInputs,
  hostPlatform,
  inputSpecs,
  parseArgs,
  PASSWORD_ENV,
  renderHelp,
  resolveInputs,
  SHORT_FLAGS,
  withPassword,
  type CliOptions
} from '../../../src/cli/flags.js'
import { UsageError } from '../../../src/errors.js'
import { INPUTS } from '../../../src/inputs/catalogue.js'
import { parseInputs } from '../../../src/inputs/parse.js'
import { createCommandTranslator, parseFileCommands, renderTerminalTable, terminalSafe } from '../../../src/report/terminal.js'
import type { ImageReport } from '../../../src/oci/types.js'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..')
const ACTION_YML = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
const specs = inputSpecs(ACTION_YML)
const D = (c: string) => `sha256:${c.repeat(64)}`

describe('flags are the action inputs', () => {
  it.each<[string, string[], Record<string, string>]>([
    ['positional context', ['.'], { context: '.' }],
    ['long flag with a value', ['--file', 'Dockerfile.dev'], { file: 'Dockerfile.dev' }],
    ['--name=value', ['--file=Dockerfile.dev'], { file: 'Dockerfile.dev' }],
    ['short aliases', ['-t', 'app:dev', '-f', 'x/Dockerfile', 'ctx'], { tags: 'app:dev', file: 'x/Dockerfile', context: 'ctx' }],
    ['repeated --tag joins with newlines', ['--tag', 'a:1', '-t', 'a:2', '--tags', 'a:3'], { tags: 'a:1\na:2\na:3' }],
    ['repeated --platform', ['--platform', 'linux/amd64', '--platform=linux/arm64'], { platforms: 'linux/amd64\nlinux/arm64' }],
    [
      '--build-arg, --label, --set, --secret',
      ['--build-arg', 'A=1', '--build-arg', 'B=2', '--label', 'x=y', '--set', 't.args.A=1', '--secret', 'id=v'],
      { 'build-args': 'A=1\nB=2', labels: 'x=y', set: 't.args.A=1', secrets: 'id=v' }
    ],
    ['boolean flags without a value', ['--push', '--no-cache'], { push: 'true', 'no-cache': 'true' }],
    ['boolean flag set false', ['--summary=false'], { summary: 'false' }],
    ['a boolean flag does not eat the context', ['--load', 'ctx'], { load: 'true', context: 'ctx' }],
    ['matrix and engine', ['--matrix', 'variant: [a, b]', '--engine', 'buildx'], { matrix: 'variant: [a, b]', engine: 'buildx' }],
    ['-- ends the flags', ['--', '-odd-dir'], { context: '-odd-dir' }],
    ['a value that starts with a single dash', ['--build-arg', '-x=1'], { 'build-args': '-x=1' }],
    ['repeated --ssh', ['--ssh', 'default', '--ssh', 'deploy=/k'], { ssh: 'default\ndeploy=/k' }],
    [
      "buildx's --attest is attests",
      ['--attest', 'type=sbom', '--attest=type=provenance,mode=max'],
      { attests: 'type=sbom\ntype=provenance,mode=max' }
    ],
    ['--attest next to --attests', ['--attests', 'type=sbom', '--attest', 'type=provenance'], { attests: 'type=sbom\ntype=provenance' }],
    ['repeated --no-cache-filter', ['--no-cache-filter', 'a', '--no-cache-filters', 'b'], { 'no-cache-filters': 'a\nb' }],
    [
      'repeated --cache-from and --cache-to',
      ['--cache-from', 'a', '--cache-from', 'b', '--cache-to', 'c', '--cache-to', 'd'],
      { 'cache-from': 'a\nb', 'cache-to': 'c\nd' }
    ],
    [
      'repeated --output and --annotation',
      ['--output', 'type=oci,dest=a.tar', '--output', 'type=docker', '--annotation', 'x=1', '--annotation', 'y=2'],
      { outputs: 'type=oci,dest=a.tar\ntype=docker', annotations: 'x=1\ny=2' }
    ],
    [
      'repeated --driver-opt, --ulimit, --file(s)',
      [
        '--driver-opt',
        'a=1',
        '--driver-opt',
        'b=2',
        '--ulimit',
        'nofile=1:1',
        '--ulimit',
        'nproc=2:2',
        '--files',
        'a.hcl',
        '--files',
        'b.hcl'
      ],
      { 'driver-opts': 'a=1\nb=2', ulimit: 'nofile=1:1\nnproc=2:2', files: 'a.hcl\nb.hcl' }
    ],
    ['repeated --digests-from', ['--digests-from', 'a.txt', '--digests-from', 'b.txt'], { 'digests-from': 'a.txt\nb.txt' }],
    ['--password-stdin is no input', ['--password-stdin', '--username', 'u'], { username: 'u' }]
  ])('%s', (_name, argv, inputs) => {
    expect(parseArgs(argv, specs).inputs).toEqual(inputs)
  })

  it('reads the CLI options apart from the inputs', () => {
    const { options, inputs } = parseArgs(['--json', '-q', '--config', 'build.yml', '.'], specs)
    expect(options).toEqual({ json: true, quiet: true, help: false, version: false, passwordStdin: false, config: 'build.yml' })
    expect(inputs).toEqual({ context: '.' })
    expect(parseArgs(['-h'], specs).options.help).toBe(true)
    expect(parseArgs(['--version'], specs).options.version).toBe(true)
    expect(parseArgs(['--password-stdin'], specs).options.passwordStdin).toBe(true)
  })

  it.each<[string, string[], RegExp]>([
    ['unknown long flag', ['--bogus'], /^unknown flag --bogus \(see --help\)$/],
    ['unknown flag with a value', ['--bogus=1'], /^unknown flag --bogus \(see --help\)$/],
    ['unknown short flag', ['-x'], /^unknown flag -x \(see --help\)$/],
    ['a single-value flag twice', ['--file', 'a', '--file', 'b'], /--file is given twice/],
    ['a flag without its value', ['--file'], /--file needs a value/],
    ['a flag followed by another flag', ['--tag', '--push'], /--tag needs a value/],
    ['a value for a CLI switch', ['--json=1'], /--json takes no value/],
    ['a value for --version', ['--version=2'], /--version takes no value/],
    ['a value for --password-stdin', ['--password-stdin=x'], /--password-stdin takes no value/],
    ['--password with --password-stdin', ['--password', 'x', '--password-stdin'], /--password and --password-stdin are both given/],
    ['--password-stdin with --password', ['--password-stdin', '--password=x'], /--password and --password-stdin are both given/],
    ['two contexts', ['a', 'b'], /one build context expected, got 2/],
    ['context twice', ['--context', 'a', 'b'], /context is given twice/]
  ])('rejects %s', (_name, argv, message) => {
    expect(() => parseArgs(argv, specs)).toThrow(UsageError)
    expect(() => parseArgs(argv, specs)).toThrow(message)
  })

  it('names only real inputs as list inputs, aliases and short flags, with no alias shadowing an input', () => {
    const names = new Set(specs.map(s => s.name))
    for (const { name, flag } of INPUTS.filter(e => e.kind === 'list')) {
      expect(names).toContain(name)
      if (flag) expect(names).not.toContain(flag)
    }
    for (const input of Object.values(SHORT_FLAGS)) expect(names).toContain(input)
    for (const s of specs) expect(s.description).not.toBe('')
  })

  it('makes every input that action.yml describes as a list repeatable', () => {
    const lists = specs.filter(s => /\bper line\b|comma or newline separated/.test(s.description)).map(s => s.name)
    expect(lists.length).toBeGreaterThan(20)
    expect(lists.filter(name => !specs.find(s => s.name === name)?.repeatable)).toEqual([])
  })
})

describe('save-tag and save-tags: two list inputs (depot/build-push-action takes both)', () => {
  // The CLI once made save-tag repeatable and not save-tags, while the parser split both on commas.
  it('repeats either flag, and the parser reads every tag of both', () => {
    const { inputs } = parseArgs(['--save-tag', 'a', '--save-tag', 'b,c', '--save-tags', 'd', '--save-tags', 'e'], specs)
    expect(inputs).toEqual({ 'save-tag': 'a\nb,c', 'save-tags': 'd\ne' })
    const s = parseInputs(name => (name === 'depot-save' ? 'true' : (inputs[name] ?? '')))
    expect(s.depotSaveTags).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
})

describe('withPassword: the registry password off the command line', () => {
  const options = (passwordStdin: boolean): CliOptions => ({ json: false, quiet: false, help: false, version: false, passwordStdin })
  it.each<[string, Record<string, string>, boolean, Record<string, string>, string | undefined, Record<string, string>]>([
    ['from standard input, one line break dropped', { username: 'u' }, true, {}, 'pw "x" y\n', { username: 'u', password: 'pw "x" y' }],
    ['from standard input, a CRLF dropped', {}, true, {}, 'pw\r\n', { password: 'pw' }],
    ['from standard input, inner and leading spaces kept', {}, true, {}, ' a b \n', { password: ' a b ' }],
    ['standard input before the environment', {}, true, { [PASSWORD_ENV]: 'env' }, 'stdin', { password: 'stdin' }],
    ['from the environment', { username: 'u' }, false, { [PASSWORD_ENV]: 'env' }, undefined, { username: 'u', password: 'env' }],
    ['--password before the environment', { password: 'argv' }, false, { [PASSWORD_ENV]: 'env' }, undefined, { password: 'argv' }],
    ['an empty environment variable gives none', {}, false, { [PASSWORD_ENV]: '' }, undefined, {}],
    ['nowhere', { username: 'u' }, false, {}, undefined, { username: 'u' }]
  ])('%s', (_name, flags, stdin, env, text, expected) => {
    expect(withPassword(flags, options(stdin), env, text)).toEqual(expected)
  })

  it.each([[''], ['\n'], [undefined]])('refuses an empty standard input (%j)', text => {
    expect(() => withPassword({}, options(true), {}, text)).toThrow(/--password-stdin: standard input held no password/)
  })

  it('puts the environment password under a config file, and a flag over it', () => {
    const flags = withPassword({}, options(false), { [PASSWORD_ENV]: 'env' }, undefined)
    expect(resolveInputs(specs, { password: 'config' }, flags, 'x64')['password']).toBe('env')
    expect(resolveInputs(specs, { password: 'config' }, {}, 'x64')['password']).toBe('config')
  })
})

describe('resolveInputs: defaults, config, flags, --platform local', () => {
  const all = (config: Record<string, string>, flags: string[], arch = 'x64') =>
    resolveInputs(specs, config, parseArgs(flags, specs).inputs, arch)

  it("starts from action.yml's defaults with the CLI's own: installed buildx, engine buildx", () => {
    const inputs = all({}, [])
    for (const s of specs) expect(inputs[s.name]).toBe(CLI_DEFAULTS[s.name] ?? s.default)
    expect(inputs['buildx-version']).toBe('installed')
    expect(inputs['engine']).toBe('buildx')
    expect(inputs['context']).toBe('.')
    expect(() => parseInputs(name => inputs[name] ?? '')).not.toThrow()
  })

  it.each<[string, string, string[], Record<string, string>]>([
    ['x64 loads the host platform', 'x64', ['--platform', 'local'], { platforms: 'linux/amd64', load: 'true', push: 'false' }],
    ['arm64', 'arm64', ['--platform', 'local'], { platforms: 'linux/arm64', load: 'true' }],
    ['with --push it pushes instead', 'x64', ['--platform', 'local', '--push'], { platforms: 'linux/amd64', load: 'false', push: 'true' }],
    ['with --push-by-digest', 'x64', ['--platform', 'local', '--push-by-digest', '-t', 'r/app'], { load: 'false' }],
    ['with outputs', 'x64', ['--platform', 'local', '--output', 'type=oci,dest=x.tar'], { load: 'false' }],
    ['--load=false is kept', 'x64', ['--platform', 'local', '--load=false'], { load: 'false' }],
    [
      'next to another platform',
      'arm64',
      ['--platform', 'local', '--platform', 'linux/amd64'],
      { platforms: 'linux/arm64\nlinux/amd64', load: 'true' }
    ],
    ['in a comma list, twice', 'x64', ['--platform', 'local,linux/amd64'], { platforms: 'linux/amd64' }],
    ['a named platform loads nothing', 'x64', ['--platform', 'linux/arm64'], { platforms: 'linux/arm64', load: 'false' }]
  ])('--platform local: %s', (_name, arch, flags, expected) => {
    expect(all({}, flags, arch)).toMatchObject(expected)
  })

  it('knows the host platform of the common architectures and refuses others', () => {
    expect(hostPlatform('x64')).toBe('linux/amd64')
    expect(hostPlatform('arm64')).toBe('linux/arm64')
    expect(() => hostPlatform('mips')).toThrow(/--platform local/)
  })

  it('merges a config file under the flags', () => {
    const config = configInputs(
      [
        'context: examples/hello',
        'tags: [app:dev, app:latest]',
        'platforms: local',
        'push: false',
        'max-parallel: 2',
        'build-args:',
        '  - BASE=busybox',
        '  - VARIANT=x',
        'matrix:',
        '  variant: [plain, fancy]',
        'file:'
      ].join('\n'),
      specs,
      'build.yml'
    )
    expect(config).toEqual({
      context: 'examples/hello',
      tags: 'app:dev\napp:latest',
      platforms: 'local',
      push: 'false',
      'max-parallel': '2',
      'build-args': 'BASE=busybox\nVARIANT=x',
      matrix: 'variant:\n  - plain\n  - fancy',
      file: ''
    })
    const inputs = all(config, ['-t', 'app:override', '--build-arg', 'BASE=alpine', 'other'])
    expect(inputs).toMatchObject({
      context: 'other',
      tags: 'app:override',
      'build-args': 'BASE=alpine',
      platforms: 'linux/amd64',
      load: 'true',
      'max-parallel': '2'
    })
    // the config's load counts as given, like a flag
    expect(all({ ...config, load: 'false' }, [])['load']).toBe('false')
  })

  it.each<[string, string, RegExp]>([
    ['unknown input', 'tag: app:dev', /build\.yml: unknown input tag \(see --help\)/],
    ['not a mapping', '- a\n- b', /expected a mapping/],
    ['bad YAML', 'a: [', /not valid YAML/],
    ['nested list item', 'tags: [[a]]', /tags: item 1 is not a plain value/]
  ])('rejects a config with %s', (_name, text, message) => {
    expect(() => configInputs(text, specs, 'build.yml')).toThrow(message)
  })

  it('reads an empty config file as no inputs', () => {
    expect(configInputs('', specs, 'build.yml')).toEqual({})
  })
})

describe('--help', () => {
  const help = renderHelp(specs)
  it('lists every input of action.yml with its description, aliases and CLI defaults', () => {
    for (const s of specs) {
      expect(help).toContain(`--${s.name}`)
      expect(help.replace(/\s+/g, ' ')).toContain(s.description.replace(/\s+/g, ' '))
    }
    expect(help).toContain('-t, --tag, --tags VALUE  [repeatable]')
    expect(help).toContain('-f, --file VALUE')
    expect(help).toMatch(/--push\[=false\]/)
    expect(help).toMatch(/--buildx-version VALUE {2}\[default: installed\]/)
    expect(help).toContain('--config FILE')
    expect(help).toContain('--attest, --attests VALUE  [repeatable]')
    expect(help).toContain('--ssh VALUE  [repeatable]')
    expect(help).toContain('--password-stdin')
    expect(help).toContain(PASSWORD_ENV)
    expect(help).toContain('--version')
  })
  it('wraps descriptions at the width (a single long word stays whole)', () => {
    const descriptions = renderHelp(specs, 80)
      .split('\n')
      .filter(l => l.startsWith('      '))
    expect(descriptions.length).toBeGreaterThan(specs.length)
    for (const line of descriptions) if (/\s\S/.test(line.trim())) expect(line.length).toBeLessThanOrEqual(80)
  })
})

describe('workflow commands in a terminal', () => {
  it.each<[string, string, Array<{ kind: string; text: string }>]>([
    ['a log line', '#5 [build 2/2] RUN make', [{ kind: 'log', text: '#5 [build 2/2] RUN make' }]],
    ['a group', '::group::Set up buildx', [{ kind: 'heading', text: '▶ Set up buildx' }]],
    ['endgroup', '::endgroup::', []],
    ['a plain error', '::error::context: /x is not a directory', [{ kind: 'error', text: 'error: context: /x is not a directory' }]],
    [
      'an error at a file and line',
      '::error file=ctx/Dockerfile,line=2,title=Build failed::RUN failed',
      [{ kind: 'error', text: 'error: ctx/Dockerfile:2: RUN failed' }]
    ],
    [
      'escaped data and properties',
      '::warning file=a%2Cb%3A.txt::50%25 done%0Anext line',
      [
        { kind: 'warning', text: 'warning: a,b:.txt: 50% done' },
        { kind: 'warning', text: '  next line' }
      ]
    ],
    ['a notice', '::notice::hi', [{ kind: 'notice', text: 'notice: hi' }]],
    ['debug', '::debug::secret details', []],
    ['an unknown command', '::set-output name=x::1', []],
    ['a line with :: inside', 'see ::group:: docs', [{ kind: 'log', text: 'see ::group:: docs' }]]
  ])('%s', (_name, line, expected) => {
    expect(createCommandTranslator()(line)).toEqual(expected)
  })

  it('drops add-mask lines and masks those values afterwards, longest first', () => {
    const t = createCommandTranslator()
    expect(t('::add-mask::s3cret')).toEqual([])
    expect(t('::add-mask::s3cret-and-more')).toEqual([])
    expect(t('token s3cret-and-more and s3cret')).toEqual([{ kind: 'log', text: 'token *** and ***' }])
    expect(t('::error::bad s3cret')).toEqual([{ kind: 'error', text: 'error: bad ***' }])
  })

  it('parses file commands: name=value and heredoc blocks, the last value winning', () => {
    const text = 'digest=sha256:1\nmetadata<<ghadelimiter_1\n{\n  "a": 1\n}\nghadelimiter_1\ndigest=sha256:2\nempty=\n'
    expect(parseFileCommands(text)).toEqual({ digest: 'sha256:2', metadata: '{\n  "a": 1\n}', empty: '' })
  })

  it('makes values safe for a terminal', () => {
    expect(terminalSafe('a\x1b[31mred\nb\tc')).toBe('a?[31mred b?c')
  })
})

function report(over: Partial<ImageReport> = {}): ImageReport {
  return {
    target: 'default',
    tags: ['localhost:5000/app:1.0', 'localhost:5000/app:latest'],
    digest: D('a'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [
      {
        platform: 'linux/amd64',
        digest: D('b'),
        configDigest: D('c'),
        size: 3_456_789,
        layers: [
          { digest: D('d'), size: 3_000_000, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' },
          { digest: D('e'), size: 456_789, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }
        ],
        lastLayerDigest: D('e')
      },
      { platform: 'linux/arm64', digest: D('f'), configDigest: '', size: 0, layers: [], lastLayerDigest: '' }
    ],
    attestations: [
      { digest: D('9'), attests: D('b'), platform: 'linux/amd64', predicateTypes: ['https://slsa.dev/provenance/v0.2'], size: 800 }
    ],
    baseImages: [
      { name: 'localhost:5000/base:multi', digest: D('7'), platform: 'linux/amd64', source: 'provenance' },
      { name: 'localhost:5000/base:arm', digest: D('8'), platform: 'linux/arm64', source: 'provenance' }
    ],
    source: 'registry',
    bytesRead: 4000,
    notes: [],
    ...over
  }
}

describe('renderTerminalTable', () => {
  it('shows per target the tags, digest and each platform with manifest, size, layers, last layer and base image', () => {
    expect(renderTerminalTable([report()])).toBe(
      [
        'default',
        '  tags          localhost:5000/app:1.0, localhost:5000/app:latest',
        `  digest        ${D('a')} (OCI image index)`,
        '  read from     the registry',
        '  attestations  1',
        '',
        '  PLATFORM     MANIFEST                SIZE  LAYERS  LAST LAYER           BASE IMAGE',
        '  linux/amd64  sha256:bbbbbbbbbbbb  3.3 MiB       2  sha256:eeeeeeeeeeee  localhost:5000/base:multi',
        '  linux/arm64  sha256:ffffffffffff        —       —  —                    localhost:5000/base:arm',
        ''
      ].join('\n')
    )
  })

  it('separates targets, shows notes, and says when nothing was reported', () => {
    const none = report({
      target: 'seed',
      tags: [],
      platforms: [],
      attestations: [],
      baseImages: [],
      source: 'none',
      mediaType: '',
      notes: ['only the digest is known']
    })
    const text = renderTerminalTable([report(), none])
    expect(text).toContain('\n\nseed\n  tags    none\n')
    expect(text).toContain('  note: only the digest is known\n')
    expect(text).not.toMatch(/seed[\s\S]*PLATFORM/)
    expect(renderTerminalTable([])).toBe('No images were reported.\n')
  })

  it('never passes escape sequences or line breaks from a value to the terminal', () => {
    const text = renderTerminalTable([report({ target: 'x\x1b]0;pwned\x07', tags: ['a\nb'] })])
    expect(text).not.toMatch(/\x1b|\x07/)
    expect(text).toContain('  tags          a b\n')
  })
})

describe('secret values on the command line', () => {
  it.each<[string, string[], RegExp[]]>([
    [
      'inline secrets',
      ['--secret', 'a=1', '--secret', 'b=2', '.'],
      [/--secret id=value .*\(2 given\); use --secret-env id=VARIABLE or --secret-file id=PATH/]
    ],
    ['a Depot token', ['--depot-token', 't', '.'], [/--depot-token .* set DEPOT_TOKEN/]],
    [
      'a PEM sign key and its password',
      [
        '--sign-key=-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nx\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----',
        '--sign-key-password',
        'p',
        '.'
      ],
      [/--sign-key with a PEM key .* use a KMS URI/, /--sign-key-password .* set COSIGN_PASSWORD/]
    ],
    ['a KMS sign key', ['--sign-key', 'awskms:///alias/release', '.'], []],
    [
      'registry-auth',
      ['--registry-auth', '- registry: r.io\n  username: u\n  password: p', '.'],
      [/--registry-auth .* in a --config file/]
    ],
    ['the forms that keep them off argv', ['--secret-env', 'a=VAR', '--secret-file', 'b=/p', '.'], []]
  ])('%s', (_what, argv, want) => {
    const warnings = argvSecretWarnings(parseArgs(argv, specs).inputs)
    expect(warnings).toHaveLength(want.length)
    want.forEach((w, i) => expect(warnings[i]).toMatch(w))
  })
})

describe("--secret in buildx's forms", () => {
  const forms = (...secrets: string[]) =>
    buildxSecretForms(
      parseArgs(
        secrets.flatMap(v => ['--secret', v]),
        specs
      ).inputs
    )
  it.each<[string, string[], Record<string, string>]>([
    ['id=value stays a value', ['tok=abc', 'id=v'], { secrets: 'tok=abc\nid=v' }],
    ['env=', ['id=a,env=VAR_A'], { 'secret-envs': 'a=VAR_A' }],
    ['type=env names the variable by the id', ['type=env,id=NPM_TOKEN'], { 'secret-envs': 'NPM_TOKEN=NPM_TOKEN' }],
    ['src= and source=', ['id=b,src=/run/b', 'id=c,type=file,"source=/a,b"'], { 'secret-files': 'b=/run/b\nc=/a,b' }],
    ['mixed, the values kept in order', ['x=1', 'id=a,env=V', 'y=2'], { secrets: 'x=1\ny=2', 'secret-envs': 'a=V' }]
  ])('%s', (_what, secrets, want) => {
    expect(forms(...secrets)).toEqual(want)
  })

  it('adds to --secret-env and --secret-file', () => {
    const inputs = parseArgs(
      ['--secret-env', 'z=Z', '--secret', 'id=a,env=A', '--secret-file', 'f=/f', '--secret', 'id=g,src=/g'],
      specs
    ).inputs
    expect(buildxSecretForms(inputs)).toEqual({ 'secret-envs': 'z=Z\na=A', 'secret-files': 'f=/f\ng=/g' })
  })

  it.each([
    ['no id', 'type=env,env=A', /needs id=/],
    ['both env and src', 'id=a,env=A,src=/p', /not both/],
    ['an unknown field', 'id=a,env=A,value=hunter2', /"value" is not a field/],
    ['a type buildx does not have', 'id=a,type=value,src=/p', /type must be env or file/]
  ])('refuses %s, without echoing the entry', (_what, entry, message) => {
    let error: unknown
    try {
      forms(entry)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('hunter2')
  })
})

describe('inputs from the environment', () => {
  it('reads BUILD_IMAGE_INPUT_<NAME> for any input, and BUILD_IMAGE_PASSWORD; nothing else', () => {
    const env = {
      BUILD_IMAGE_INPUT_SECRETS: 'tok=abc',
      BUILD_IMAGE_INPUT_DEPOT_TOKEN: 't',
      [PASSWORD_ENV]: 'pw',
      INPUT_TAGS: 'ignored:1',
      BUILD_IMAGE_TAGS: 'ignored:2'
    }
    expect(envInputs(specs, env)).toEqual({
      inputs: { secrets: 'tok=abc', 'depot-token': 't', password: 'pw' },
      variables: ['BUILD_IMAGE_INPUT_DEPOT_TOKEN', 'BUILD_IMAGE_INPUT_SECRETS', PASSWORD_ENV]
    })
  })
  it('BUILD_IMAGE_INPUT_PASSWORD wins over BUILD_IMAGE_PASSWORD', () => {
    expect(envInputs(specs, { BUILD_IMAGE_INPUT_PASSWORD: 'a', [PASSWORD_ENV]: 'b' }).inputs).toEqual({ password: 'a' })
  })
  it('refuses a variable that names no input', () => {
    expect(() => envInputs(specs, { BUILD_IMAGE_INPUT_TAG: 'x' })).toThrow(/BUILD_IMAGE_INPUT_TAG: no input is named tag/)
  })
})
