// Parsing of list-valued inputs, the way docker's actions read them. Pure.
import { InputError } from '../errors.js'

/**
 * Splits one CSV record, honouring double quotes ("a,b" stays one field, "" is a quote).
 * Throws on an unterminated quote so a malformed list is reported, not half-read.
 */
export function splitCsv(line: string, input: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  let wasQuoted = false
  // length of the field when its closing quote was read: whitespace after it is not part of the value
  let quotedEnd = 0
  const finish = () => (wasQuoted ? field.slice(0, quotedEnd) + field.slice(quotedEnd).trimEnd() : field.trim())
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"'
          i++
        } else {
          quoted = false
          quotedEnd = field.length
        }
      } else {
        field += c
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true
      wasQuoted = true
      field = ''
    } else if (c === ',') {
      fields.push(finish())
      field = ''
      wasQuoted = false
    } else {
      field += c
    }
  }
  if (quoted) throw new InputError(input, `unterminated quote in ${JSON.stringify(clip(line))}`)
  fields.push(finish())
  return fields
}

/**
 * A list input: one item per line; with `comma`, also comma-separated (CSV quoting applies).
 * Blank lines and lines starting with '#' are skipped.
 */
export function parseList(value: string, input: string, opts: { comma?: boolean } = {}): string[] {
  const items: string[] = []
  for (const raw of value.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const parts = opts.comma ? splitCsv(line, input) : [line]
    for (const p of parts) if (p !== '') items.push(p)
  }
  return items
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

export function parseBool(value: string, input: string, dflt: boolean): boolean {
  const v = value.trim().toLowerCase()
  if (v === '') return dflt
  if (['true', 'yes', '1', 'on'].includes(v)) return true
  if (['false', 'no', '0', 'off'].includes(v)) return false
  throw new InputError(input, `expected true or false, got ${JSON.stringify(clip(value))}`)
}

/** Shortens a value for an error message, so a huge input does not flood the log. */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s
}
