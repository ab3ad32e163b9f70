// The runner's workflow commands and file commands, the few this action uses. @actions/core
// would do the same, but it loads an HTTP client (about 800 KB of undici) at start-up for its
// OIDC helper, in main and again in post; here it is loaded only when an OIDC token is needed.
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'

export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function command(name: string, props: Record<string, string | number | undefined>, message: string): void {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',')
  process.stdout.write(`::${name}${p ? ` ${p}` : ''}::${escapeData(message)}${EOL}`)
}

/** Appends `name<<DELIM` … `DELIM` to a file command; the random delimiter cannot occur in the value. */
function fileCommand(envName: string, name: string, value: string): boolean {
  const file = process.env[envName]
  if (!file) return false
  if (!existsSync(file)) throw new Error(`${envName} names ${file}, which does not exist`)
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`unexpected delimiter in ${name}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
  return true
}

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function setOutput(name: string, value: string): void {
  if (!fileCommand('GITHUB_OUTPUT', name, value)) command('set-output', { name }, value)
}

export function saveState(name: string, value: string): void {
  if (!fileCommand('GITHUB_STATE', name, value)) command('save-state', { name }, value)
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

export function setSecret(value: string): void {
  if (!value) return
  command('add-mask', {}, value)
  // The runner matches a mask against one line of the log at a time: a multi-line secret (a key
  // given as a quoted CSV entry) is masked line by line as well.
  if (/[\r\n]/.test(value)) for (const line of value.split(/\r?\n|\r/)) if (line.trim() !== '') command('add-mask', {}, line)
}

/**
 * The runner splits a step's output into lines at \n, \r and \r\n and acts on every line that
 * starts with `::` after whitespace. Text this action did not write (input values, build output,
 * a tool's error, a file's content) may hold such a line.
 */
const LINE_BREAK = /\r\n|\r|\n|\u0085|\u2028|\u2029/

export function readsAsCommand(text: string): boolean {
  return text.split(LINE_BREAK).some(l => l.replace(/^[\s\u0085\ufeff]+/, '').startsWith('::'))
}

/**
 * Writes a plain log line. Every plain line goes through here: a message holding a line the runner
 * would read as a workflow command is written between ::stop-commands:: and a one-off resume
 * token, so it shows exactly as it is and the runner acts on none of it.
 */
export function info(message: string): void {
  if (!readsAsCommand(message)) {
    process.stdout.write(message + EOL)
    return
  }
  const resume = `inert-text-${randomUUID()}`
  process.stdout.write(`::stop-commands::${resume}${EOL}${message}${EOL}::${resume}::${EOL}`)
}

/**
 * Runs `fn` with the runner's commands stopped: `write` puts lines into the log as they are, and
 * none of them is read as a command. For long streams (build output), where a window per line
 * would double the log.
 */
export async function withCommandsStopped<T>(fn: (write: (line: string) => void) => Promise<T>): Promise<T> {
  // (a token that reads as a command name, so translators of the log that skip unknown commands hide it too)
  const resume = `build-output-${randomUUID()}`
  process.stdout.write(`::stop-commands::${resume}${EOL}`)
  try {
    return await fn(line => {
      // the resume token is random: output cannot end the window early unless it guesses it
      process.stdout.write(line + EOL)
    })
  } finally {
    process.stdout.write(`::${resume}::${EOL}`)
  }
}

function annotation(kind: string, message: string, p: AnnotationProperties = {}): void {
  command(
    kind,
    { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn },
    message
  )
}

export function warning(message: string, props?: AnnotationProperties): void {
  annotation('warning', message, props)
}

export function error(message: string, props?: AnnotationProperties): void {
  annotation('error', message, props)
}

export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  process.stdout.write(`::group::${escapeData(name)}${EOL}`)
  try {
    return await fn()
  } finally {
    process.stdout.write(`::endgroup::${EOL}`)
  }
}

/** Appends markdown to the job summary (GITHUB_STEP_SUMMARY); false where there is none. */
export function appendSummary(markdown: string): boolean {
  const file = process.env['GITHUB_STEP_SUMMARY']
  if (!file) return false
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8')
  return true
}

export async function getIDToken(audience?: string): Promise<string> {
  const core = await import('@actions/core')
  return core.getIDToken(audience)
}
