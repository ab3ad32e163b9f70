// Build check warnings: what BuildKit's Dockerfile checks report, read from the two places buildx
// writes them (the metadata file's `buildx.build.warnings`, asked for with
// BUILDX_METADATA_WARNINGS, and the JSON of `--call check`), as annotations and output (the summary's
// section is report/checks-summary.ts).
// Pure: the Dockerfiles' text comes in as data.

/** Where an annotation goes (the runner's annotation properties this needs). */
export interface WarningPlacement {
  title: string
  file?: string
  startLine?: number
}

/** One warning, placed on a Dockerfile line where BuildKit says where. */
export interface CheckWarning {
  /** the check's rule, e.g. FromAsCasing */
  rule: string
  message: string
  /** the rule's documentation */
  url: string
  /** the Dockerfile, relative to the workspace; '' when it is not known */
  file: string
  /** 1-based; 0 when BuildKit gave no location */
  line: number
}

export interface TargetWarnings {
  target: string
  warnings: CheckWarning[]
}

/** A Dockerfile a target reads, with its text when it could be read (remote contexts cannot). */
export interface DockerfileSource {
  target: string
  /** relative to the workspace */
  file: string
  text?: string
}

interface Range {
  start?: { line?: number }
  end?: { line?: number }
}

/** A warning as buildx writes it into the metadata file: text base64 encoded. */
interface MetadataWarning {
  level?: number
  short?: string
  detail?: string[]
  url?: string
  sourceInfo?: { filename?: string; data?: string }
  range?: Range[]
}

/** A warning of `--call check,format=json`: the Dockerfile by index into `sources`. */
interface CallCheckWarning {
  ruleName?: string
  detail?: string
  description?: string
  url?: string
  location?: { sourceIndex?: number; ranges?: Range[] }
}

export interface CallCheckResult {
  warnings?: CallCheckWarning[] | null
  sources?: Array<{ filename?: string; data?: string }>
}

function fromBase64(s: string | undefined): string {
  return s ? Buffer.from(s, 'base64').toString('utf8') : ''
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1)
}

/**
 * The targets a warning's Dockerfile belongs to: those whose Dockerfile has the same text, else
 * those whose Dockerfile has the same file name, else (one target) that one.
 */
function ownersOf(sourceText: string, filename: string, sources: readonly DockerfileSource[]): DockerfileSource[] {
  if (sourceText) {
    const same = sources.filter(s => s.text !== undefined && s.text === sourceText)
    if (same.length > 0) return same
  }
  const named = filename ? sources.filter(s => s.text === undefined && basename(s.file) === basename(filename)) : []
  if (named.length > 0) return named
  return sources.length === 1 ? [...sources] : []
}

const SHORT = /^([A-Za-z0-9]+): ([\s\S]*?)(?: \(line \d+\))?$/

/** buildx's metadata warnings, each given to the targets whose Dockerfile it is about. */
export function warningsFromMetadata(raw: unknown, sources: readonly DockerfileSource[], fallbackTarget: string): TargetWarnings[] {
  const list = Array.isArray(raw) ? (raw as MetadataWarning[]) : []
  const byTarget = new Map<string, CheckWarning[]>()
  for (const w of list) {
    const short = fromBase64(w.short).trim()
    const m = SHORT.exec(short)
    const rule = m?.[1] ?? ruleFromUrl(w.url ?? '')
    const message = m?.[2] ?? (short || (w.detail ?? []).map(fromBase64).join(' '))
    const line = w.range?.[0]?.start?.line ?? 0
    const owners = ownersOf(fromBase64(w.sourceInfo?.data), w.sourceInfo?.filename ?? '', sources)
    const targets = owners.length > 0 ? owners : [{ target: fallbackTarget, file: '' }]
    for (const o of targets) add(byTarget, o.target, { rule, message, url: w.url ?? '', file: o.file, line })
  }
  return [...byTarget].map(([target, warnings]) => ({ target, warnings }))
}

/** The warnings of one target's `--call check,format=json` result. */
export function warningsFromCheck(result: CallCheckResult, sources: readonly DockerfileSource[]): CheckWarning[] {
  const out = new Map<string, CheckWarning[]>()
  for (const w of result.warnings ?? []) {
    const src = result.sources?.[w.location?.sourceIndex ?? 0]
    const owner = ownersOf(fromBase64(src?.data), src?.filename ?? '', sources)[0]
    add(out, '', {
      rule: w.ruleName ?? ruleFromUrl(w.url ?? ''),
      message: w.detail || w.description || '',
      url: w.url ?? '',
      file: owner?.file ?? '',
      line: w.location?.ranges?.[0]?.start?.line ?? 0
    })
  }
  return out.get('') ?? []
}

/** Adds a warning once: the same rule on the same line of the same file is one warning. */
function add(map: Map<string, CheckWarning[]>, target: string, w: CheckWarning): void {
  const list = map.get(target) ?? []
  if (!list.some(x => x.rule === w.rule && x.line === w.line && x.file === w.file && x.message === w.message)) list.push(w)
  map.set(target, list)
}

function ruleFromUrl(url: string): string {
  return basename(url.replace(/\/+$/, '')) || 'BuildCheck'
}

/** The annotation of one warning: on its Dockerfile line, titled with the rule. */
export function warningAnnotation(w: CheckWarning): { message: string; properties: WarningPlacement } {
  const properties: WarningPlacement = { title: w.rule }
  if (w.file) properties.file = w.file
  if (w.file && w.line > 0) properties.startLine = w.line
  return { message: w.url ? `${w.message} (${w.url})` : w.message, properties }
}

/** Each annotation once, when several targets share a Dockerfile. */
export function uniqueWarnings(all: readonly TargetWarnings[]): CheckWarning[] {
  const seen = new Map<string, CheckWarning>()
  for (const t of all) for (const w of t.warnings) seen.set(`${w.file}\0${w.line}\0${w.rule}\0${w.message}`, w)
  return [...seen.values()]
}

/** The check-warnings output: target -> its warnings. */
export function checkWarningsOutput(all: readonly TargetWarnings[]): string {
  return JSON.stringify(Object.fromEntries(all.map(t => [t.target, t.warnings])))
}

/** The message buildx prints at the end of a check, which fails the step as the peer does. */
export function checkFailureMessage(count: number): string {
  return `Check complete, ${count} warning${count === 1 ? ' has' : 's have'} been found!`
}
