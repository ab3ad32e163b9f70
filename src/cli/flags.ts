// The CLI's flags, mapped onto the action's inputs: `--kebab-name value` is input `kebab-name`, so
// the CLI runs exactly what a workflow step with the same `with:` runs. Pure: the caller passes
// action.yml's text, the argv, the config file's text, the host's architecture, the environment
// and what standard input held.
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { InputError, UsageError, messageOf } from '../errors.js'
import { entryOfName } from '../inputs/catalogue.js'
import { parseCsvFields } from '../inputs/lists.js'

/** One input of action.yml, as a flag. */
export interface InputSpec {
  name: string
  description: string
  default: string
  /** default is true or false: `--name` alone sets it, `--name=false` clears it */
  boolean: boolean
  /** a list input: the flag may be repeated and its values are joined with newlines */
  repeatable: boolean
  /** the singular flag for a list input (--tag for tags), when it has one */
  alias?: string
}

export const SHORT_FLAGS: Readonly<Record<string, string>> = { t: 'tags', f: 'file' }

/**
 * Where the CLI's defaults differ from the action's: locally the engine is buildx and the tools
 * already installed are used; nothing is downloaded unless asked for; the context is the current
 * directory (the action's default, the run's Git context, is for a workflow run).
 */
export const CLI_DEFAULTS: Readonly<Record<string, string>> = {
  context: '.',
  'buildx-version': 'installed',
  'depot-version': 'installed',
  engine: 'buildx'
}

/**
 * Secret values given on the command line, which every local user sees in the process list for
 * as long as the build runs: each gets a warning naming the form that keeps it off argv. (The CLI
 * sets INPUT_* itself, from its flags only, so these forms are the way in.)
 */
export function argvSecretWarnings(inputs: Record<string, string>): string[] {
  const out: string[] = []
  const inline = (inputs['secrets'] ?? '').split('\n').filter(l => l.trim() !== '')
  if (inline.length > 0)
    out.push(
      `--secret id=value on the command line is seen by ps and kept in shell history (${inline.length} given); use --secret-env id=VARIABLE or --secret-file id=PATH (or buildx's --secret id=ID,env=VARIABLE and id=ID,src=PATH), or ${INPUT_ENV_PREFIX}SECRETS`
    )
  if (inputs['depot-token'] !== undefined)
    out.push(
      `--depot-token on the command line is seen by ps and kept in shell history; set DEPOT_TOKEN (or ${INPUT_ENV_PREFIX}DEPOT_TOKEN) in the environment instead`
    )
  if ((inputs['sign-key'] ?? '').includes('PRIVATE KEY'))
    out.push(
      `--sign-key with a PEM key on the command line is seen by ps and kept in shell history; use a KMS URI, or ${INPUT_ENV_PREFIX}SIGN_KEY`
    )
  if (inputs['sign-key-password'] !== undefined)
    out.push(
      '--sign-key-password on the command line is seen by ps and kept in shell history; set COSIGN_PASSWORD in the environment instead'
    )
  if (inputs['registry-auth'] !== undefined)
    out.push(
      '--registry-auth on the command line (its passwords) is seen by ps and kept in shell history; set BUILD_IMAGE_INPUT_REGISTRY_AUTH in the environment or put registry-auth in a --config file instead'
    )
  return out
}

/** The registry password, for those who keep it off the command line (ps, shell history). */
export const PASSWORD_ENV = 'BUILD_IMAGE_PASSWORD'

/**
 * Any input from the environment: BUILD_IMAGE_INPUT_<NAME> (the input's name in capitals, '-' as
 * '_'), e.g. BUILD_IMAGE_INPUT_SECRETS or BUILD_IMAGE_INPUT_DEPOT_TOKEN. Another user cannot read
 * a process's environment, as they can its argv. The runner's own INPUT_* names are not read: the
 * CLI sets those itself from what it resolved, and one left in the environment by something else
 * must not become an input nobody gave.
 */
export const INPUT_ENV_PREFIX = 'BUILD_IMAGE_INPUT_'

export function inputEnvName(input: string): string {
  return `${INPUT_ENV_PREFIX}${input.replace(/[- ]/g, '_').toUpperCase()}`
}

/** The inputs the environment gives (BUILD_IMAGE_INPUT_*, and BUILD_IMAGE_PASSWORD), and the variables read. */
export function envInputs(
  specs: InputSpec[],
  env: Readonly<Record<string, string | undefined>>
): { inputs: Record<string, string>; variables: string[] } {
  const inputs: Record<string, string> = {}
  const variables: string[] = []
  const known = new Map(specs.map(s => [inputEnvName(s.name), s.name]))
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(INPUT_ENV_PREFIX) || value === undefined) continue
    const name = known.get(key)
    if (!name)
      throw new UsageError(`${key}: no input is named ${key.slice(INPUT_ENV_PREFIX.length).toLowerCase().replace(/_/g, '-')} (see --help)`)
    inputs[name] = value
    variables.push(key)
  }
  const password = env[PASSWORD_ENV]
  if (password !== undefined) {
    if (inputs['password'] === undefined && password !== '') inputs['password'] = password
    variables.push(PASSWORD_ENV)
  }
  return { inputs, variables: variables.sort() }
}

/**
 * `--secret` in buildx's own forms, which name where the value is instead of holding it:
 * `id=ID,env=VARIABLE` (or `type=env`, the id naming the variable) becomes a secret-envs line,
 * `id=ID,src=PATH` (`source=`, or `type=file`) a secret-files line. Other lines are the action's
 * `id=value` form and stay secrets.
 */
export function buildxSecretForms(inputs: Record<string, string>): Record<string, string> {
  const lines = (inputs['secrets'] ?? '').split('\n')
  if (!lines.some(l => /^\s*(id|type)=[^,]*,/.test(l))) return inputs
  const values: string[] = []
  const envs: string[] = []
  const files: string[] = []
  for (const line of lines) {
    if (!/^\s*(id|type)=[^,]*,/.test(line)) {
      values.push(line)
      continue
    }
    let f: Record<string, string>
    try {
      f = parseCsvFields(line.trim(), 'secrets')
    } catch (e) {
      // never echo the line: it may hold a value
      throw e instanceof InputError ? new UsageError('--secret: a buildx-style entry is not key=value fields (value not shown)') : e
    }
    const id = f['id'] ?? ''
    const type = f['type'] ?? ''
    const src = f['src'] ?? f['source'] ?? ''
    const known = ['id', 'type', 'env', 'src', 'source']
    const other = Object.keys(f).find(k => !known.includes(k))
    if (other) throw new UsageError(`--secret: ${JSON.stringify(other)} is not a field of buildx's --secret (id, type, env, src, source)`)
    if (!id) throw new UsageError('--secret: a buildx-style entry needs id=')
    if (type && type !== 'env' && type !== 'file') throw new UsageError(`--secret ${id}: type must be env or file`)
    if (f['env'] !== undefined && src) throw new UsageError(`--secret ${id}: give env= or src=, not both`)
    if (f['env'] !== undefined || type === 'env') envs.push(`${id}=${f['env'] || id}`)
    else if (src) files.push(`${id}=${src}`)
    else throw new UsageError(`--secret ${id}: names no env= or src=`)
  }
  const join = (given: string | undefined, more: string[]) => [...(given ? [given] : []), ...more].join('\n')
  const out: Record<string, string> = { ...inputs }
  delete out['secrets']
  if (values.some(v => v.trim() !== '')) out['secrets'] = values.join('\n')
  if (envs.length > 0) out['secret-envs'] = join(inputs['secret-envs'], envs)
  if (files.length > 0) out['secret-files'] = join(inputs['secret-files'], files)
  return out
}

export interface CliOptions {
  json: boolean
  quiet: boolean
  help: boolean
  version: boolean
  /** the registry password is read from standard input */
  passwordStdin: boolean
  /** --config FILE */
  config?: string
}

const CLI_FLAGS: ReadonlyArray<{ flag: string; value?: string; description: string }> = [
  {
    flag: '--config',
    value: 'FILE',
    description: 'YAML file of input names to values (the `with:` of a workflow step); flags override it.'
  },
  { flag: '--json', description: 'Print the outputs as one JSON object on stdout (JSON outputs parsed); logs go to stderr.' },
  { flag: '-q, --quiet', description: 'Hide the build log; warnings and errors are still shown.' },
  {
    flag: '--password-stdin',
    description: `Read the registry password (the password input) from standard input, as docker login --password-stdin does, so no process list or shell history shows it. Without it, the ${PASSWORD_ENV} (or ${INPUT_ENV_PREFIX}PASSWORD) environment variable gives the password; --password works too, with a warning.`
  },
  { flag: '--version', description: 'Print the version of build-image and exit.' },
  { flag: '-h, --help', description: 'Show this help.' }
]

export interface ParsedArgs {
  options: CliOptions
  /** only the inputs given as flags */
  inputs: Record<string, string>
}

/** action.yml's inputs, in file order. */
export function inputSpecs(actionYml: string): InputSpec[] {
  const doc = parseYaml(actionYml) as { inputs?: Record<string, { description?: string; default?: unknown } | null> }
  return Object.entries(doc.inputs ?? {}).map(([name, def]) => {
    // A default the runner evaluates (`${{ github.token }}`) has no value outside a workflow.
    const dflt = def?.default === undefined || def.default === null || /\$\{\{/.test(String(def.default)) ? '' : String(def.default)
    // The catalogue says how each input is read; a Depot alias takes a value, as its default is ''.
    // An input the catalogue lacks (its unit test fails) is a flag that takes one value.
    const row = entryOfName(name)
    const entry = row && !row.alias ? row.entry : undefined
    return {
      name,
      description: String(def?.description ?? '').trim(),
      default: dflt,
      boolean: entry ? entry.kind === 'boolean' : dflt === 'true' || dflt === 'false',
      repeatable: entry?.kind === 'list',
      ...(entry?.flag ? { alias: entry.flag } : {})
    }
  })
}

/** The host's platform for `--platform local`, from node's os.arch(). */
export function hostPlatform(arch: string): string {
  const platforms: Record<string, string> = {
    x64: 'linux/amd64',
    arm64: 'linux/arm64',
    arm: 'linux/arm/v7',
    ia32: 'linux/386',
    ppc64: 'linux/ppc64le',
    s390x: 'linux/s390x',
    riscv64: 'linux/riscv64'
  }
  const p = platforms[arch]
  if (!p) throw new UsageError(`--platform local: no Linux platform is known for this machine's architecture ${arch}; name the platform`)
  return p
}

export function parseArgs(argv: string[], specs: InputSpec[]): ParsedArgs {
  const byFlag = new Map<string, InputSpec>()
  for (const s of specs) {
    byFlag.set(s.name, s)
    if (s.alias) byFlag.set(s.alias, s)
  }
  const options: CliOptions = { json: false, quiet: false, help: false, version: false, passwordStdin: false }
  const values = new Map<string, string[]>()
  const positional: string[] = []
  const add = (spec: InputSpec, flag: string, value: string) => {
    const seen = values.get(spec.name)
    if (seen && !spec.repeatable) throw new UsageError(`${flag} is given twice`)
    values.set(spec.name, [...(seen ?? []), value])
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') {
      positional.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const raw = eq >= 0 ? arg.slice(0, eq) : arg
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined
    const next = (flag: string): string => {
      if (inline !== undefined) return inline
      const v = argv[i + 1]
      // `--tag --push` forgot the tag; a value starting with -- can still be given as --tag=--x.
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`)
      i++
      return v
    }
    const noValue = (flag: string) => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`)
    }

    if (raw === '--help' || raw === '-h') {
      noValue(raw)
      options.help = true
    } else if (raw === '--version') {
      noValue(raw)
      options.version = true
    } else if (raw === '--password-stdin') {
      noValue(raw)
      options.passwordStdin = true
    } else if (raw === '--json') {
      noValue(raw)
      options.json = true
    } else if (raw === '--quiet' || raw === '-q') {
      noValue(raw)
      options.quiet = true
    } else if (raw === '--config') {
      if (options.config !== undefined) throw new UsageError('--config is given twice')
      options.config = next(raw)
    } else if (/^-[A-Za-z]$/.test(raw) && SHORT_FLAGS[raw.slice(1)]) {
      const spec = byFlag.get(SHORT_FLAGS[raw.slice(1)] ?? '')
      if (spec) add(spec, raw, next(raw))
    } else {
      const spec = raw.startsWith('--') ? byFlag.get(raw.slice(2)) : undefined
      if (!spec) throw new UsageError(`unknown flag ${raw} (see --help)`)
      if (spec.boolean) add(spec, raw, inline ?? 'true')
      else add(spec, raw, next(raw))
    }
  }

  if (options.passwordStdin && values.has('password')) throw new UsageError('--password and --password-stdin are both given: use one')
  if (positional.length > 1) throw new UsageError(`one build context expected, got ${positional.length}: ${positional.join(' ')}`)
  const inputs: Record<string, string> = {}
  for (const [name, vs] of values) inputs[name] = vs.join('\n')
  if (positional[0] !== undefined) {
    if (inputs['context'] !== undefined) throw new UsageError('the context is given twice (--context and as an argument)')
    inputs['context'] = positional[0]
  }
  return { options, inputs }
}

function configValue(value: unknown, key: string, file: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    return value
      .map((v: unknown, i) => {
        if (v !== null && typeof v === 'object') throw new UsageError(`${file}: ${key}: item ${i + 1} is not a plain value`)
        return String(v ?? '')
      })
      .join('\n')
  }
  // A mapping is YAML the input reads as text (matrix).
  return stringifyYaml(value).trimEnd()
}

/** The inputs a --config file gives: a YAML mapping of input names to values (lists join with newlines). */
export function configInputs(text: string, specs: InputSpec[], file: string): Record<string, string> {
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch (e) {
    throw new UsageError(`${file}: not valid YAML: ${messageOf(e).split('\n')[0]}`)
  }
  if (doc === null || doc === undefined) return {}
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`${file}: expected a mapping of input names to values`)
  const names = new Set(specs.map(s => s.name))
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    if (!names.has(key)) throw new UsageError(`${file}: unknown input ${key} (see --help)`)
    out[key] = configValue(value, key, file)
  }
  return out
}

/**
 * The flags' inputs with the registry password from where the CLI takes it: standard input with
 * --password-stdin (one trailing line break dropped, as docker login does), else --password, else
 * the environment's BUILD_IMAGE_PASSWORD. A config file's password comes after all of them.
 */
export function withPassword(
  flags: Record<string, string>,
  options: CliOptions,
  env: Readonly<Record<string, string | undefined>>,
  stdin: string | undefined
): Record<string, string> {
  if (options.passwordStdin) {
    const password = (stdin ?? '').replace(/\r?\n$/, '')
    if (password === '') throw new UsageError('--password-stdin: standard input held no password')
    return { ...flags, password }
  }
  const fromEnv = env[PASSWORD_ENV]
  if (flags['password'] === undefined && fromEnv) return { ...flags, password: fromEnv }
  return flags
}

const truthy = (v: string | undefined) => /^(true|True|TRUE)$/.test((v ?? '').trim())

/**
 * Every input's value, as the runner would pass them: action.yml's defaults, then the CLI's
 * defaults, then the config file, then the flags. `local` in platforms is the host's platform
 * and, unless the image goes elsewhere (push, push-by-digest, outputs, or load given), loads it.
 */
export function resolveInputs(
  specs: InputSpec[],
  config: Record<string, string>,
  flags: Record<string, string>,
  hostArch: string
): Record<string, string> {
  const names = new Set(specs.map(s => s.name))
  const inputs: Record<string, string> = Object.fromEntries(specs.map(s => [s.name, s.default]))
  for (const [k, v] of Object.entries(CLI_DEFAULTS)) if (names.has(k)) inputs[k] = v
  Object.assign(inputs, config, flags)

  const given = { ...config, ...flags }
  const platforms = (inputs['platforms'] ?? '').split(/[\n,]/).map(p => p.trim())
  if (platforms.includes('local')) {
    const host = hostPlatform(hostArch)
    inputs['platforms'] = [...new Set(platforms.filter(p => p !== '').map(p => (p === 'local' ? host : p)))].join('\n')
    const elsewhere = truthy(inputs['push']) || truthy(inputs['push-by-digest']) || (inputs['outputs'] ?? '').trim() !== ''
    if (!elsewhere && given['load'] === undefined) inputs['load'] = 'true'
  }
  return inputs
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(indent + line)
  return lines
}

/** --help: usage, the CLI's own flags, then every input of action.yml with its description. */
export function renderHelp(specs: InputSpec[], width = 100): string {
  const out = [
    'Usage: build-image [flags] [CONTEXT]',
    '',
    'Builds an image exactly as the build-image action does: each --flag is the action input of the',
    'same name, so `build-image --platform local -t app:dev .` is the workflow step',
    '`with: { platforms: local, tags: app:dev, context: . }`. CONTEXT defaults to the current directory.',
    '',
    "--platform local builds only this machine's platform and loads the image (unless pushed).",
    'List flags (marked [repeatable]) may be given more than once. Exit codes: 0 built,',
    '1 the build failed, 2 bad flags or inputs.',
    '',
    "Secrets off the command line (other users see a process's arguments, not its environment):",
    "  --secret id=ID,env=VARIABLE and --secret id=ID,src=PATH (buildx's forms) name where a",
    '  value is; --secret ID=VALUE puts the value itself on the command line (warned).',
    `  Any input can come from the environment as ${INPUT_ENV_PREFIX}<NAME> (capitals, - as _),`,
    `  e.g. ${INPUT_ENV_PREFIX}SECRETS='tok=...'; flags override it, and it overrides --config.`,
    "  The build's processes never see these variables.",
    '',
    'CLI flags:'
  ]
  for (const f of CLI_FLAGS) {
    out.push(`  ${f.flag}${f.value ? ` ${f.value}` : ''}`, ...wrap(f.description, width, '      '))
  }
  out.push('', 'Inputs (action.yml):')
  for (const s of specs) {
    const names = [
      ...Object.entries(SHORT_FLAGS)
        .filter(([, input]) => input === s.name)
        .map(([c]) => `-${c}`)
    ]
    if (s.alias) names.push(`--${s.alias}`)
    names.push(`--${s.name}`)
    const value = s.boolean ? '[=false]' : ' VALUE'
    const facts: string[] = []
    if (s.repeatable) facts.push('repeatable')
    const dflt = CLI_DEFAULTS[s.name] ?? s.default
    if (dflt !== '' && !s.boolean) facts.push(`default: ${dflt}`)
    if (s.boolean && dflt === 'true') facts.push('default: true')
    out.push(`  ${names.join(', ')}${value}${facts.length > 0 ? `  [${facts.join(', ')}]` : ''}`, ...wrap(s.description, width, '      '))
  }
  return `${out.join('\n')}\n`
}
