// What the CLI shows in a terminal: the action's log with GitHub's workflow commands turned into
// plain lines, and the job summary's facts as a table. Pure and deterministic.
import { basesFor, DASH, formatBytes, manifestKnown, mediaTypeName, shortDigest, sourceName } from './format.js'
import type { ImageReport } from '../oci/types.js'

export type LineKind = 'heading' | 'log' | 'error' | 'warning' | 'notice'

export interface TerminalLine {
  kind: LineKind
  text: string
}

/** Control characters (escape sequences included) that must not reach a terminal from a value. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/** One line of terminal text: no escape sequences, no line breaks. */
export function terminalSafe(s: string): string {
  return String(s)
    .replace(/\r?\n|\r/g, ' ')
    .replace(CONTROL, '?')
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(s: string): string {
  return s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function parseProperties(text: string): Record<string, string> {
  const props: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=')
    if (eq > 0) props[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1))
  }
  return props
}

/** file:line[:col] from an annotation's properties, '' when it names no file. */
function location(props: Record<string, string>): string {
  if (!props['file']) return ''
  const line = props['line'] ?? props['startLine']
  const col = props['col'] ?? props['startColumn']
  return `${props['file']}${line ? `:${line}` : ''}${line && col ? `:${col}` : ''}`
}

const COMMAND = /^::([A-Za-z][A-Za-z0-9-]*)(?: ([^:]*))?::(.*)$/

/**
 * Returns a function that turns one line the action printed into what a terminal shows, or
 * undefined for lines that only speak to the runner. Like the runner, it masks every value
 * registered with add-mask in the lines that follow.
 */
export function createCommandTranslator(): (line: string) => TerminalLine[] {
  const masks: string[] = []
  const mask = (s: string) => masks.reduce((t, m) => t.split(m).join('***'), s)
  // Between ::stop-commands::TOKEN and ::TOKEN:: every line is text, as the runner reads it.
  let resume = ''
  return line => {
    if (resume) {
      if (line.trim() !== `::${resume}::`) return [{ kind: 'log', text: mask(line) }]
      resume = ''
      return []
    }
    const m = COMMAND.exec(line.trimStart())
    if (!m) return [{ kind: 'log', text: mask(line) }]
    const [, cmd = '', propText = '', data = ''] = m
    if (cmd === 'stop-commands') {
      resume = data
      return []
    }
    const message = unescapeData(data)
    switch (cmd) {
      case 'add-mask':
        // Longest first, so a secret containing a shorter one is masked whole.
        if (message.trim() !== '') masks.push(message)
        masks.sort((a, b) => b.length - a.length)
        return []
      case 'group':
        return [{ kind: 'heading', text: `▶ ${mask(message)}` }]
      case 'error':
      case 'warning':
      case 'notice': {
        const where = location(parseProperties(propText))
        const lines = mask(message).split(/\r?\n/)
        return lines.map((l, i) => ({ kind: cmd, text: i === 0 ? `${cmd}: ${where ? `${where}: ` : ''}${l}` : `  ${l}` }))
      }
      default:
        // endgroup, debug, set-output, save-state, echo, stop-commands: nothing to show.
        return []
    }
  }
}

/** Parses the runner's file-command format (GITHUB_OUTPUT, GITHUB_STATE): `name=value` lines and `name<<DELIMITER` blocks; the last value of a name wins. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc?.[1] && heredoc[2]) {
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? '')
      out[heredoc[1]] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The table

/** Columns padded to their widest cell; the last column is not padded. */
function columns(rows: string[][], rightAligned: Set<number>): string[] {
  const widths: number[] = []
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)))
  return rows.map(r =>
    r
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...c].length)
        if (rightAligned.has(i)) return pad + c
        return i === r.length - 1 ? c : c + pad
      })
      .join('  ')
      .trimEnd()
  )
}

function targetSection(r: ImageReport): string[] {
  const kind = mediaTypeName(r.mediaType) ?? r.mediaType
  const facts: string[][] = [
    ['tags', r.tags.length > 0 ? r.tags.map(terminalSafe).join(', ') : 'none'],
    ['digest', `${terminalSafe(r.digest) || 'unknown'}${kind ? ` (${terminalSafe(kind)})` : ''}`]
  ]
  if (r.source !== 'none') facts.push(['read from', sourceName(r.source) ?? terminalSafe(r.source)])
  if (r.attestations.length > 0) facts.push(['attestations', String(r.attestations.length)])
  const out = [terminalSafe(r.target) || '(unnamed target)', ...columns(facts, new Set()).map(l => `  ${l}`)]

  if (r.platforms.length > 0) {
    const rows = [['PLATFORM', 'MANIFEST', 'SIZE', 'LAYERS', 'LAST LAYER', 'BASE IMAGE']]
    for (const p of r.platforms) {
      const known = manifestKnown(p)
      const bases = basesFor(r, p).map(b => terminalSafe(b.name))
      rows.push([
        terminalSafe(p.platform) || DASH,
        terminalSafe(shortDigest(p.digest)) || DASH,
        known ? formatBytes(p.size) : DASH,
        known ? String(p.layers.length) : DASH,
        terminalSafe(shortDigest(p.lastLayerDigest)) || DASH,
        bases.length > 0 ? bases.join(', ') : DASH
      ])
    }
    out.push('', ...columns(rows, new Set([2, 3])).map(l => `  ${l}`))
  }
  for (const n of r.notes) out.push(`  note: ${terminalSafe(n)}`)
  return out
}

/** What the job summary shows, per target: tags, digest, and per platform the manifest, size, layers, last layer and base image. */
export function renderTerminalTable(reports: ImageReport[]): string {
  if (reports.length === 0) return 'No images were reported.\n'
  return `${reports.map(r => targetSection(r).join('\n')).join('\n\n')}\n`
}
