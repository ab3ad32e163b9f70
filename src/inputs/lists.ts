// Parsing of list-valued inputs, the way docker's actions read them. Pure.
import { InputError } from '../errors.js'

/** One field of a CSV record: its text, and whether it was quoted (quoted text is kept as written). */
interface CsvField {
  value: string
  quoted: boolean
}

/**
 * The one CSV reader: fields end at a comma, and a double-quoted field may hold commas and `""` (a
 * quote); whitespace after a closing quote is not part of the value. With `records`, records end at
 * a line break (a quoted field may hold line breaks), and blank records and records starting with
 * '#' are skipped; without, the whole text is one record. `unterminated` is the line an unclosed
 * quote starts on (0 when every quote is closed).
 */
function readCsv(text: string, records: boolean): { records: CsvField[][]; unterminated: number } {
  const out: CsvField[][] = []
  let fields: CsvField[] = []
  let field = ''
  let quoted = false
  let wasQuoted = false
  // length of the field when its closing quote was read: whitespace after it is not part of the value
  let quotedEnd = 0
  let line = 1
  let quoteLine = 1
  const finishField = () => {
    fields.push(
      wasQuoted ? { value: field.slice(0, quotedEnd) + field.slice(quotedEnd).trimEnd(), quoted: true } : { value: field, quoted: false }
    )
    field = ''
    wasQuoted = false
  }
  const finishRecord = () => {
    finishField()
    if (!records || fields.length > 1 || fields[0]?.quoted || fields[0]?.value.trim() !== '') out.push(fields)
    fields = []
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (c === '\n') line++
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') {
        field += '"'
        i++
      } else {
        quoted = false
        quotedEnd = field.length
      }
    } else if (records && (c === '\n' || (c === '\r' && text[i + 1] === '\n'))) {
      if (c === '\r') {
        i++
        line++
      }
      finishRecord()
    } else if (c === '"' && !wasQuoted && field.trim() === '') {
      quoted = true
      wasQuoted = true
      quoteLine = line
      field = ''
    } else if (records && c === '#' && fields.length === 0 && !wasQuoted && field.trim() === '') {
      while (i + 1 < text.length && text[i + 1] !== '\n' && !(text[i + 1] === '\r' && text[i + 2] === '\n')) i++
    } else if (c === ',') {
      finishField()
    } else {
      field += c
    }
  }
  if (quoted) return { records: out, unterminated: quoteLine }
  finishRecord()
  return { records: out, unterminated: 0 }
}

/**
 * Splits one CSV record, honouring double quotes ("a,b" stays one field, "" is a quote); unquoted
 * fields are trimmed. Throws on an unterminated quote so a malformed list is reported, not half-read.
 */
export function splitCsv(line: string, input: string): string[] {
  const read = readCsv(line, false)
  if (read.unterminated) throw new InputError(input, `unterminated quote in ${JSON.stringify(clip(line))}`)
  return (read.records[0] ?? []).map(f => (f.quoted ? f.value : f.value.trim()))
}

/**
 * A list input read as CSV records, the way docker's actions read theirs: records end at a line
 * break, fields at a comma, and a double-quoted field may hold commas, `""` (a quote) and line
 * breaks, so one entry can span several lines. Blank records and records starting with '#' are
 * skipped. An unterminated quote is reported by its line, never echoed (it may hold a secret).
 */
export function csvRecords(value: string, input: string): CsvField[][] {
  const read = readCsv(value, true)
  if (read.unterminated) throw new InputError(input, `unterminated quote: the entry starting on line ${read.unterminated} has no closing "`)
  return read.records
}

/**
 * How a list input is split, as docker's actions split the input of the same name:
 * - `comma`: every field of every record is an item (platforms, tags, targets, allow, ...);
 * - `record` (the default): one item per CSV record, its fields joined again with commas, so a
 *   quoted entry may hold commas and line breaks (build-args, labels, secrets, ...);
 * - `lines`: one item per line, quotes kept, for values that buildx parses as CSV itself
 *   (outputs, cache-from, cache-to, attests, driver-opts, set).
 */
export type ListSplit = 'comma' | 'record' | 'lines'

/** A list input's items. Blank entries and lines starting with '#' are skipped. */
export function parseList(value: string, input: string, opts: { comma?: boolean; split?: ListSplit } = {}): string[] {
  const split: ListSplit = opts.split ?? (opts.comma ? 'comma' : 'record')
  if (split === 'lines') {
    return value
      .split(/\r?\n/)
      .map(l => l.trim())
      .filter(l => l !== '' && !l.startsWith('#'))
  }
  const records = csvRecords(value, input)
  if (split === 'comma') return records.flatMap(r => r.map(f => (f.quoted ? f.value : f.value.trim()))).filter(v => v !== '')
  return records
    .map(r =>
      r
        .map(f => f.value)
        .join(',')
        .trim()
    )
    .filter(v => v !== '')
}

/** KEY=VALUE lines (build-args, labels). Keys must be non-empty and contain no whitespace. */
export function parseKeyValues(items: string[], input: string): Array<[string, string]> {
  return items.map(item => {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new InputError(input, `expected KEY=VALUE, got ${JSON.stringify(clip(item))}`)
    const key = item.slice(0, eq)
    if (/\s/.test(key)) throw new InputError(input, `key ${JSON.stringify(key)} contains whitespace`)
    return [key, item.slice(eq + 1)]
  })
}

/** Parses `k=v,k2=v2` (CSV with quotes) into fields, as buildx reads --output/--cache-* values. */
export function parseCsvFields(value: string, input: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const field of splitCsv(value, input)) {
    const eq = field.indexOf('=')
    if (eq <= 0) throw new InputError(input, `expected key=value in ${JSON.stringify(clip(value))}, got ${JSON.stringify(clip(field))}`)
    out[field.slice(0, eq).trim().toLowerCase()] = field.slice(eq + 1)
  }
  return out
}

/**
 * A boolean input by the YAML 1.2 core schema, as GitHub's own boolean inputs and docker's
 * actions read it: true, True, TRUE, false, False or FALSE; '' is the default. `yes`, `on` or `1`
 * are refused rather than guessed at.
 */
export function parseBool(value: string, input: string, dflt: boolean): boolean {
  const v = value.trim()
  if (v === '') return dflt
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  throw new InputError(input, `expected true or false (true, True, TRUE, false, False or FALSE), got ${JSON.stringify(clip(value))}`)
}

/** Shortens a value for an error message, so a huge input does not flood the log. */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s
}

/** latest, installed or an exact version of a tool the action installs ('' is left to the caller's default). */
export function checkToolVersion(v: string, input: string, example: string): string {
  if (v !== '' && !/^(latest|installed|v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/.test(v)) {
    throw new InputError(input, `expected latest, installed or a version like ${example}, got ${JSON.stringify(clip(v))}`)
  }
  return v
}

/** The URL names this machine (localhost, 127.x.x.x, [::1]): plain http to it crosses no network. */
export function isLoopbackUrl(v: string): boolean {
  let host: string
  try {
    host = new URL(v).hostname
  } catch {
    return false
  }
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * An optional https URL (a download mirror). Plain http only for a mirror on this machine: over a
 * network, whoever is on the path serves both the binary and the checksums it is verified with.
 */
export function checkHttpUrl(v: string, input: string): string {
  if (v && !/^https?:\/\/[^\s]+$/.test(v)) throw new InputError(input, `expected an http(s) URL, got ${JSON.stringify(clip(v))}`)
  if (v.startsWith('http://') && !isLoopbackUrl(v))
    throw new InputError(
      input,
      `${JSON.stringify(clip(v))} is plain http: the binary and the checksums it is checked against would both come over a connection anyone on the way can change; use https (plain http is accepted only for a mirror on this machine: localhost, 127.0.0.1, [::1])`
    )
  return v
}

/**
 * A pinned sha256 for a downloaded release file (`sha256:` prefix and case tolerated): it
 * verifies one release, so the version input must name that release exactly.
 */
export function checkPinnedSha256(raw: string, input: string, version: string, versionInput: string, what: string): string {
  const sha = raw
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '')
  if (!sha) return ''
  if (!/^[a-f0-9]{64}$/.test(sha)) throw new InputError(input, `expected ${what} sha256 as 64 hex digits, got ${JSON.stringify(clip(sha))}`)
  if (version === 'installed')
    throw new InputError(
      input,
      `verifies a download; ${versionInput}: installed downloads nothing (give the exact ${versionInput} it belongs to)`
    )
  if (version === '')
    throw new InputError(input, `verifies a download; give the exact ${versionInput} it belongs to (empty may download nothing)`)
  if (version === 'latest') throw new InputError(input, `pins one release; give the exact ${versionInput} it belongs to`)
  return sha
}
