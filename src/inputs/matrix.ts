// Build matrices: the `matrix` input (GitHub Actions matrix semantics), per-combination
// templates, and the bake definition with one target per combination. Pure.
//
// Values are strings. YAML numbers and booleans are converted with String(), so an unquoted
// `1.80` becomes "1.8" and `1.10` becomes "1.1": quote versions ("1.80") in the matrix input.

import { parseDocument } from 'yaml'
import { MatrixError } from '../errors.js'

/** One combination of the matrix: axis (or include-added key) name → value. */
export type Combination = Record<string, string>

export interface MatrixAxis {
  name: string
  values: string[]
}

export interface MatrixSpec {
  axes: MatrixAxis[]
  include: Combination[]
  exclude: Combination[]
}

/** GitHub's job limit per matrix, applied to the expanded combinations. */
export const MAX_COMBINATIONS = 256
/** Cartesian products larger than this are refused before expanding (exclude can't plausibly save them). */
const MAX_PRODUCT = 65536

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/
const RESERVED_NAMES = new Set(['__proto__'])

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)'
  if (Array.isArray(value)) return 'a list'
  if (isMapping(value)) return 'a mapping'
  if (typeof value === 'object') return 'a binary or other non-scalar value'
  return `a ${typeof value}`
}

function checkName(name: string, input: string, what: string): void {
  if (!NAME_RE.test(name)) {
    throw new MatrixError(
      input,
      `${what} ${JSON.stringify(name)} is not a valid name (letters, digits, "_" and "-", not starting with a digit or "-")`
    )
  }
  if (RESERVED_NAMES.has(name)) throw new MatrixError(input, `${what} ${JSON.stringify(name)} is reserved`)
}

function scalar(value: unknown, input: string, where: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null || value === undefined) {
    throw new MatrixError(input, `${where} is empty (null); write "" for an empty string`)
  }
  throw new MatrixError(
    input,
    `${where} is ${describe(value)}; matrix values must be strings, numbers or booleans (nested values are not supported)`
  )
}

function parseEntries(
  value: unknown,
  input: string,
  section: 'include' | 'exclude'
): Array<{ entry: Combination; raw: Record<string, unknown> }> {
  if (value === null || value === undefined) return []
  if (!Array.isArray(value)) throw new MatrixError(input, `${section} must be a list of mappings, got ${describe(value)}`)
  return value.map((item: unknown, i) => {
    const where = `${section} entry ${i + 1}`
    if (!isMapping(item)) throw new MatrixError(input, `${where} must be a mapping, got ${describe(item)}`)
    const keys = Object.keys(item)
    if (keys.length === 0) throw new MatrixError(input, `${where} is empty`)
    const entry: Combination = {}
    for (const key of keys) {
      checkName(key, input, `${where} key`)
      entry[key] = scalar(item[key], input, `${where} key ${JSON.stringify(key)}`)
    }
    return { entry, raw: item }
  })
}

function sameCombination(a: Combination, b: Combination): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every(k => Object.hasOwn(b, k) && a[k] === b[k])
}

/**
 * Parses and validates the `matrix` input. Top-level keys are axes (lists of scalar values),
 * plus the optional `include` and `exclude` lists of mappings. Also expands the matrix once to
 * enforce the combination limit and refuse matrices that expand to nothing or to duplicates.
 */
export function parseMatrix(text: string, inputName = 'matrix'): MatrixSpec {
  const doc = parseDocument(text)
  const [firstError] = doc.errors
  if (firstError) {
    const line = (firstError.message.split('\n')[0] ?? '').replace(/:$/, '')
    throw new MatrixError(inputName, `invalid YAML: ${line}`)
  }
  const root: unknown = doc.toJS()
  if (root === null || root === undefined) {
    throw new MatrixError(inputName, 'empty matrix: give at least one axis or an include list')
  }
  if (!isMapping(root)) {
    throw new MatrixError(inputName, `must be a mapping of axis names to lists of values, got ${describe(root)}`)
  }

  const axes: MatrixAxis[] = []
  for (const [name, value] of Object.entries(root)) {
    if (name === 'include' || name === 'exclude') continue
    checkName(name, inputName, 'axis name')
    if (!Array.isArray(value)) {
      throw new MatrixError(
        inputName,
        `axis ${JSON.stringify(name)} must be a list of values, got ${describe(value)} (write ${name}: [value])`
      )
    }
    if (value.length === 0) throw new MatrixError(inputName, `axis ${JSON.stringify(name)} has no values`)
    const values = value.map((v: unknown, i) => scalar(v, inputName, `axis ${JSON.stringify(name)} value ${i + 1}`))
    const seen = new Set<string>()
    for (const v of values) {
      if (seen.has(v)) {
        throw new MatrixError(
          inputName,
          `axis ${JSON.stringify(name)} lists the value ${JSON.stringify(v)} more than once (numbers are converted with String(): quote versions such as "1.80")`
        )
      }
      seen.add(v)
    }
    axes.push({ name, values })
  }

  const include = parseEntries(root.include, inputName, 'include').map(e => e.entry)
  const exclude = parseEntries(root.exclude, inputName, 'exclude').map(({ entry, raw }, i) => {
    for (const [key, value] of Object.entries(entry)) {
      const axis = axes.find(a => a.name === key)
      if (!axis) {
        const known = axes.length ? axes.map(a => a.name).join(', ') : '(none)'
        throw new MatrixError(inputName, `exclude entry ${i + 1} uses ${JSON.stringify(key)}, which is not an axis; axes: ${known}`)
      }
      if (!axis.values.includes(value)) {
        const hint = typeof raw[key] === 'number' ? ' (unquoted numbers are converted with String(): quote it)' : ''
        throw new MatrixError(
          inputName,
          `exclude entry ${i + 1}: ${key} ${JSON.stringify(value)} is not one of the axis values ${axis.values.map(v => JSON.stringify(v)).join(', ')}${hint}`
        )
      }
    }
    return entry
  })

  if (axes.length === 0 && include.length === 0) {
    throw new MatrixError(inputName, 'empty matrix: give at least one axis or an include list')
  }

  const product = axes.reduce((n, a) => n * a.values.length, axes.length ? 1 : 0)
  if (product > MAX_PRODUCT) {
    throw new MatrixError(inputName, `the axes produce ${product} combinations; at most ${MAX_COMBINATIONS} are allowed`)
  }
  const spec: MatrixSpec = { axes, include, exclude }
  const combos = expandMatrix(spec)
  if (combos.length > MAX_COMBINATIONS) {
    throw new MatrixError(inputName, `expands to ${combos.length} combinations; at most ${MAX_COMBINATIONS} are allowed`)
  }
  if (combos.length === 0) throw new MatrixError(inputName, 'every combination is excluded; nothing to build')
  combos.forEach((combo, i) => {
    const j = combos.findIndex(c => sameCombination(c, combo))
    if (j < i) {
      throw new MatrixError(
        inputName,
        `combination ${i + 1} ${JSON.stringify(combo)} is the same as combination ${j + 1}; each combination must be distinct`
      )
    }
  })
  return spec
}

/**
 * Expands a matrix the way GitHub Actions does:
 * 1. cartesian product of the axes, first axis varying slowest (order as written);
 * 2. `exclude` entries remove every combination matching all of their keys;
 * 3. each `include` entry, in order, is merged into every remaining original combination whose
 *    original-axis values it matches (its other keys are added, overwriting values added by
 *    earlier includes); an entry matching none is appended as a combination of its own.
 *    Appended entries are never matched by later includes.
 */
export function expandMatrix(spec: MatrixSpec): Combination[] {
  let product: Combination[] = spec.axes.length ? [{}] : []
  for (const axis of spec.axes) {
    const next: Combination[] = []
    for (const combo of product) {
      for (const value of axis.values) next.push({ ...combo, [axis.name]: value })
    }
    product = next
  }
  const matches = (combo: Combination, entry: Combination, keys: (k: string) => boolean): boolean =>
    Object.entries(entry).every(([k, v]) => !keys(k) || (Object.hasOwn(combo, k) && combo[k] === v))

  const original = product.filter(combo => !spec.exclude.some(ex => matches(combo, ex, () => true)))
  const axisNames = new Set(spec.axes.map(a => a.name))
  const appended: Combination[] = []
  for (const entry of spec.include) {
    let matched = false
    for (const combo of original) {
      if (!matches(combo, entry, k => axisNames.has(k))) continue
      matched = true
      for (const [k, v] of Object.entries(entry)) if (!axisNames.has(k)) combo[k] = v
    }
    if (!matched) appended.push({ ...entry })
  }
  return [...original, ...appended]
}

type Segment = { text: string } | { key: string; raw: string }

function tokenize(template: string, inputName: string): Segment[] {
  const segments: Segment[] = []
  let pos = 0
  while (pos < template.length) {
    const open = template.indexOf('{{', pos)
    if (open < 0) {
      segments.push({ text: template.slice(pos) })
      break
    }
    if (open > pos) segments.push({ text: template.slice(pos, open) })
    const close = template.indexOf('}}', open + 2)
    if (close < 0) {
      throw new MatrixError(inputName, `unclosed "{{" in template ${JSON.stringify(template)}`)
    }
    const raw = template.slice(open, close + 2)
    const key = template.slice(open + 2, close).trim()
    if (!NAME_RE.test(key)) {
      throw new MatrixError(
        inputName,
        `invalid placeholder ${JSON.stringify(raw)} in template ${JSON.stringify(template)}; write {{ name }} with a matrix axis name`
      )
    }
    segments.push({ key, raw })
    pos = close + 2
  }
  return segments
}

/** Names used by `{{ name }}` placeholders, in order of first use, without repeats. */
export function templateKeys(template: string, inputName = 'template'): string[] {
  const keys: string[] = []
  for (const s of tokenize(template, inputName)) if ('key' in s && !keys.includes(s.key)) keys.push(s.key)
  return keys
}

/**
 * Replaces `{{ name }}` (spaces optional) by the combination's value. There is no escape:
 * every "{{" starts a placeholder. Unknown names and unclosed placeholders throw MatrixError.
 */
export function renderTemplate(template: string, values: Combination, inputName: string): string {
  let out = ''
  for (const s of tokenize(template, inputName)) {
    if ('text' in s) {
      out += s.text
      continue
    }
    if (!Object.hasOwn(values, s.key)) {
      const known = Object.keys(values)
      throw new MatrixError(
        inputName,
        `template ${JSON.stringify(template)} uses ${JSON.stringify(s.key)}, which is not a matrix axis of combination ${JSON.stringify(values)}; known axes: ${known.length ? known.join(', ') : '(none)'}`
      )
    }
    out += values[s.key]
  }
  return out
}

const sanitize = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_')

/** Group that lists every target; a target may not take its name. */
export const DEFAULT_GROUP = 'default'

/**
 * Bake target name of one combination: the values in key order joined with "-", or the
 * `matrix-name` template rendered; either way every character outside [A-Za-z0-9_-] becomes "_".
 */
export function targetName(values: Combination, template?: string): string {
  if (template !== undefined) {
    const name = sanitize(renderTemplate(template, values, 'matrix-name'))
    if (name === '') {
      throw new MatrixError('matrix-name', `template ${JSON.stringify(template)} renders to an empty name for ${JSON.stringify(values)}`)
    }
    return name
  }
  const name = Object.values(values).map(sanitize).join('-')
  return name === '' ? 'matrix' : name
}

/**
 * Target names for all combinations, in order. The first combination with a given name keeps
 * it; later ones get "-2", "-3", … (skipping names any combination has, and "default", which
 * is the group's name).
 */
export function uniqueTargetNames(combos: Combination[], template?: string): string[] {
  const bases = combos.map(c => targetName(c, template))
  const taken = new Set([...bases, DEFAULT_GROUP])
  const assigned = new Set<string>()
  return bases.map(base => {
    let name = base
    if (assigned.has(base) || base === DEFAULT_GROUP) {
      let n = 2
      while (taken.has(`${base}-${n}`) || assigned.has(`${base}-${n}`)) n++
      name = `${base}-${n}`
    }
    assigned.add(name)
    return name
  })
}

export interface BakeTarget {
  context?: string
  dockerfile?: string
  target?: string
  args?: Record<string, string>
  tags?: string[]
  labels?: Record<string, string>
  annotations?: string[]
  platforms?: string[]
  'cache-from'?: string[]
  'cache-to'?: string[]
  output?: string[]
  attest?: string[]
  'no-cache'?: boolean
  pull?: boolean
  secret?: string[]
  contexts?: Record<string, string>
  network?: string
  'shm-size'?: string
  ulimits?: string[]
  ssh?: string[]
  'no-cache-filter'?: string[]
}

export interface BakeDefinition {
  group: Record<string, { targets: string[] }>
  target: Record<string, BakeTarget>
}

export interface MatrixBakeOptions {
  /** tag templates; they replace base.tags */
  tagTemplates: string[]
  /** `matrix-name` template for target names */
  nameTemplate?: string
  /** prefix for the build args carrying the combination's values */
  argPrefix?: string
}

function renderRecord(record: Record<string, string>, values: Combination, input: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(record)) out[k] = renderTemplate(v, values, input)
  return out
}

/**
 * One bake target per combination, all listed (in order) by the `default` group. Each target
 * is a copy of `base` with:
 * - `tags`: the tag templates rendered (input `tags`); base.tags are replaced;
 * - `args`: base args with values rendered (input `build-args`), then one arg per key of the
 *   combination, named as written (prefixed by argPrefix); these win over base args;
 * - `labels` values rendered (input `labels`) and `target` rendered (input `target`).
 * Other fields are copied as they are. With more than one combination every tag template
 * must contain a placeholder, and no two targets may render the same tag.
 */
export function matrixToBake(combos: Combination[], base: BakeTarget, options: MatrixBakeOptions): BakeDefinition {
  if (combos.length === 0) throw new MatrixError('matrix', 'the matrix has no combinations')
  if (combos.length > 1) {
    for (const tag of options.tagTemplates) {
      if (templateKeys(tag, 'tags').length === 0) {
        throw new MatrixError(
          'tags',
          `${JSON.stringify(tag)} has no matrix placeholder; tags must contain a matrix placeholder such as {{ ${Object.keys(combos[0] ?? {})[0] ?? 'name'} }} when the matrix has more than one combination (${combos.length}), or every variant would push to the same tag`
        )
      }
    }
  }
  const names = uniqueTargetNames(combos, options.nameTemplate)
  const prefix = options.argPrefix ?? ''
  const definition: BakeDefinition = { group: { [DEFAULT_GROUP]: { targets: [...names] } }, target: {} }
  const tagOwner = new Map<string, string>()

  combos.forEach((combo, i) => {
    const name = names[i] ?? ''
    const t: BakeTarget = { ...base }
    for (const key of [
      'tags',
      'annotations',
      'platforms',
      'cache-from',
      'cache-to',
      'output',
      'attest',
      'secret',
      'ulimits',
      'ssh',
      'no-cache-filter'
    ] as const) {
      const list = base[key]
      if (list) t[key] = [...list]
    }
    if (base.contexts) t.contexts = { ...base.contexts }
    if (base.target !== undefined) t.target = renderTemplate(base.target, combo, 'target')
    if (base.labels) t.labels = renderRecord(base.labels, combo, 'labels')
    const args = base.args ? renderRecord(base.args, combo, 'build-args') : {}
    for (const [k, v] of Object.entries(combo)) args[`${prefix}${k}`] = v
    t.args = args
    const tags = options.tagTemplates.map(tpl => renderTemplate(tpl, combo, 'tags'))
    for (const tag of tags) {
      const owner = tagOwner.get(tag)
      if (owner !== undefined && owner !== name) {
        throw new MatrixError(
          'tags',
          `targets ${owner} and ${name} both render the tag ${JSON.stringify(tag)}; use placeholders that differ between combinations`
        )
      }
      tagOwner.set(tag, name)
    }
    if (tags.length) t.tags = [...new Set(tags)]
    else delete t.tags
    definition.target[name] = t
  })
  return definition
}
