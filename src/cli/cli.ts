// build-image: the action on a laptop or in a build script. The flags become the action's inputs
// and the same main and post run in this process, as the runner would run them (INPUT_* env, file
// commands, STATE_* between the two); the log's workflow commands become plain terminal lines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  argvSecretWarnings,
  buildxSecretForms,
  configInputs,
  envInputs,
  inputSpecs,
  parseArgs,
  PASSWORD_ENV,
  renderHelp,
  resolveInputs,
  withPassword,
  type CliOptions
} from './flags.js'
import { parseInputs } from '../inputs/parse.js'
import { InputError, UsageError, messageOf } from '../errors.js'
import { run as runMain } from '../action/main.js'
import { run as runPost } from '../action/post.js'
import { loadState } from '../action/state.js'
import { formatDuration } from '../report/format.js'
import { summaryLine, type TargetChanges } from '../report/changes.js'
import { createCommandTranslator, parseFileCommands, renderTerminalTable, terminalSafe, type TerminalLine } from '../report/terminal.js'

type Write = (text: string) => void

interface Io {
  stdout: Write
  stderr: Write
  /** stderr is a terminal: headings in bold */
  color: boolean
  /** all of standard input, for --password-stdin */
  readStdin: () => Promise<string>
}

/** What the bin was built from: action.yml's text and package.json's version. */
export interface About {
  actionYml: string
  version: string
}

const USAGE_EXIT = 2
const BUILD_EXIT = 1

/** The reason for the exit, as the last line of stderr: one line, never a wall of text. */
function oneLine(message: string): string {
  const first = message.split(/\r?\n/).find(l => l.trim() !== '') ?? ''
  const line = terminalSafe(first.trim())
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

function toolCacheDir(): string {
  const base = process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache')
  return path.join(base, 'build-image', 'tools')
}

/**
 * Sends what the action prints to stdout through the translator to stderr while `fn` runs, so
 * stdout holds only the CLI's own result (the table or --json).
 */
async function capturingStdout<T>(options: CliOptions, io: Io, fn: () => Promise<T>): Promise<T> {
  const translate = createCommandTranslator()
  const show = (l: TerminalLine) => {
    if (options.quiet && (l.kind === 'log' || l.kind === 'heading')) return
    io.stderr(`${l.kind === 'heading' && io.color ? `\x1b[1m${l.text}\x1b[0m` : l.text}\n`)
  }
  let partial = ''
  const original = process.stdout.write.bind(process.stdout)
  const write = (
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | ((e?: Error | null) => void),
    cb?: (e?: Error | null) => void
  ): boolean => {
    const text =
      partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'))
    const lines = text.split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) for (const l of translate(line.replace(/\r$/, ''))) show(l)
    const done = typeof encoding === 'function' ? encoding : cb
    done?.()
    return true
  }
  process.stdout.write = write as typeof process.stdout.write
  try {
    return await fn()
  } finally {
    process.stdout.write = original
    if (partial) for (const l of translate(partial)) show(l)
  }
}

/** compare-with's line per target, after the table. */
function changesLines(changes: TargetChanges[]): string {
  return changes.map(t => `${terminalSafe(`${t.target} against ${t.compareWith || '(nothing)'}: ${summaryLine(t)}`)}\n`).join('')
}

/** JSON outputs (metadata, manifests, ...) as values, the rest as strings: ready for jq. */
function outputsJson(outputs: Record<string, string>): string {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(outputs)) {
    out[k] = v
    if (/^\s*[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v)
      } catch {
        // not JSON after all: keep the string
      }
    }
  }
  return `${JSON.stringify(out, null, 2)}\n`
}

export async function runCli(argv: string[], about: About, rawIo: Io): Promise<number> {
  // The failure reason ends stderr once: not again when the action's own error line just said it.
  let lastErr = ''
  const io: Io = {
    ...rawIo,
    stderr: text => {
      if (text === lastErr && text.startsWith('error: ')) return
      lastErr = text
      rawIo.stderr(text)
    }
  }
  const specs = inputSpecs(about.actionYml)
  let options: CliOptions
  let inputs: Record<string, string>
  try {
    const parsed = parseArgs(argv, specs)
    options = parsed.options
    if (options.help) {
      io.stdout(renderHelp(specs, Math.max(60, Math.min(process.stdout.columns || 100, 120))))
      return 0
    }
    if (options.version) {
      io.stdout(`build-image ${about.version}\n`)
      return 0
    }
    if (parsed.inputs['password'] !== undefined)
      io.stderr(
        `warning: --password on the command line is seen by ps and kept in shell history; use --password-stdin or ${PASSWORD_ENV}\n`
      )
    const fromFlags = buildxSecretForms(parsed.inputs)
    for (const warning of argvSecretWarnings(fromFlags)) io.stderr(`warning: ${warning}\n`)
    const fromEnv = envInputs(specs, process.env)
    // The action's child processes (docker, buildx) need not see them: the inputs are set below.
    for (const variable of fromEnv.variables) delete process.env[variable]
    if (fromEnv.variables.length > 0 && !options.quiet) io.stderr(`inputs from the environment: ${fromEnv.variables.join(', ')}\n`)
    // flags override the environment, which overrides the config file
    const flags = withPassword({ ...fromEnv.inputs, ...fromFlags }, options, {}, options.passwordStdin ? await io.readStdin() : undefined)
    let config: Record<string, string> = {}
    if (options.config !== undefined) {
      let text: string
      try {
        text = readFileSync(options.config, 'utf8')
      } catch (e) {
        throw new UsageError(
          `--config ${options.config}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(e)}`
        )
      }
      config = configInputs(text, specs, options.config)
    }
    inputs = resolveInputs(specs, config, flags, os.arch())
    // The same validation main runs first, so bad input stops here with exit 2 and nothing started.
    parseInputs(name => inputs[name] ?? '')
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`error: ${oneLine(e.message)}\n`)
      return USAGE_EXIT
    }
    throw e
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'build-image-cli-'))
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary.md' }
  for (const [key, name] of Object.entries(files)) {
    process.env[key] = path.join(dir, name)
    writeFileSync(path.join(dir, name), '')
  }
  const runnerTemp = path.join(dir, 'temp')
  mkdirSync(runnerTemp)
  process.env['RUNNER_TEMP'] = runnerTemp
  process.env['RUNNER_TOOL_CACHE'] ||= toolCacheDir()
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('STATE_')) delete process.env[key]
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  try {
    const state = await capturingStdout(options, io, async () => {
      await runMain()
      for (const [k, v] of Object.entries(parseFileCommands(readFileSync(process.env['GITHUB_STATE'] ?? '', 'utf8'))))
        process.env[`STATE_${k}`] = v
      const saved = loadState()
      await runPost()
      return saved
    })
    // main's setFailed set it; the CLI decides its own exit code.
    process.exitCode = 0
    const outputs = parseFileCommands(readFileSync(path.join(dir, files.GITHUB_OUTPUT), 'utf8'))
    const failed = !state || state.error !== ''
    if (options.json) io.stdout(outputsJson(outputs))
    else if (!failed && state) io.stdout(`\n${renderTerminalTable(state.reports)}${changesLines(state.changes)}`)
    if (!failed) {
      if (!options.json && !options.quiet) io.stderr(`done in ${formatDuration(state.durationMs)}\n`)
      return 0
    }
    io.stderr(`error: ${oneLine(state?.error || 'the action stopped before it saved any state')}\n`)
    return state?.errorInput ? USAGE_EXIT : BUILD_EXIT
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

/** The bin's entry: real stdout, stderr and stdin. */
export async function main(argv: string[], about: About): Promise<number> {
  const io: Io = {
    stdout: text => void process.stdout.write(text),
    stderr: text => void process.stderr.write(text),
    color: process.stderr.isTTY === true && !process.env['NO_COLOR'],
    readStdin
  }
  try {
    return await runCli(argv, about, io)
  } catch (e) {
    io.stderr(`error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`)
    return BUILD_EXIT
  }
}
