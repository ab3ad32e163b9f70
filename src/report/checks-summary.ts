// The job summary's section for build checks and the call input's answers (outline, targets),
// from what main saved. Pure.
import type { TargetWarnings } from '../buildx/warnings.js'
import { escapeCell, escapeInline, inlineCode } from './markdown.js'

export interface ChecksSummaryInput {
  checkWarnings: readonly TargetWarnings[]
  /** the call input's request when not build */
  call: string
  /** the JSON buildx answered to it */
  callResult: string
}

interface Outline {
  name?: string
  description?: string
  args?: Array<{ name?: string; value?: string; description?: string }>
  secrets?: Array<{ name?: string; required?: boolean }>
  ssh?: Array<{ name?: string; required?: boolean }>
}

interface Targets {
  targets?: Array<{ name?: string; default?: boolean; base?: string; description?: string; platforms?: string[] }>
}

const cell = (s: string | undefined): string => escapeCell(s ?? '')
/** A name in a code span (a target, a secret); `fallback` when it is empty. */
const name = (s: string | undefined, fallback = ''): string => inlineCode(s ?? '') || (fallback && inlineCode(fallback))
/** Only a plain http(s) URL becomes a link: anything else could end the link or the table cell. */
const linkable = (url: string): boolean => /^https?:\/\/[^\s()<>|\\`]+$/.test(url)

/** The job summary's section: per target, a table of its warnings. */
export function renderWarningsSummary(all: readonly TargetWarnings[], heading = 'Build checks'): string {
  const withAny = all.filter(t => t.warnings.length > 0)
  if (withAny.length === 0) return ''
  const total = withAny.reduce((n, t) => n + t.warnings.length, 0)
  const lines = [`### ${heading}`, '', `${total} warning(s) found.`, '']
  for (const t of withAny) {
    if (all.length > 1 || t.target !== 'default') lines.push(`**${cell(t.target)}**`, '')
    lines.push('| rule | where | message |', '| --- | --- | --- |')
    for (const w of t.warnings) {
      const rule = w.url && linkable(w.url) ? `[${cell(w.rule)}](${w.url})` : cell(w.rule)
      const where = w.file ? inlineCode(`${w.file}${w.line ? `:${w.line}` : ''}`, true) : w.line ? `line ${w.line}` : ''
      lines.push(`| ${rule} | ${where} | ${cell(w.message)} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}

function renderTargets(t: Targets): string[] {
  const rows = (t.targets ?? []).map(x => `| ${cell(x.name)}${x.default ? ' (default)' : ''} | ${cell(x.base)} | ${cell(x.description)} |`)
  return rows.length > 0 ? ['| stage | base | description |', '| --- | --- | --- |', ...rows] : ['no build targets']
}

function renderOutline(o: Outline): string[] {
  const lines = [`target ${name(o.name, 'default')}${o.description ? `: ${escapeInline(o.description)}` : ''}`, '']
  const args = o.args ?? []
  if (args.length > 0) {
    lines.push('| build arg | default | description |', '| --- | --- | --- |')
    for (const a of args) lines.push(`| ${cell(a.name)} | ${cell(a.value)} | ${cell(a.description)} |`)
    lines.push('')
  }
  const needs = [
    ...(o.secrets ?? []).map(x => `secret ${name(x.name)}${x.required ? ' (required)' : ''}`),
    ...(o.ssh ?? []).map(x => `ssh ${name(x.name)}${x.required ? ' (required)' : ''}`)
  ]
  if (needs.length > 0) lines.push(needs.map(n => `- ${n}`).join('\n'))
  return lines
}

/** One answer of outline or targets, keyed by target for bake (`{group, target: {name: {build, <call>}}}`). */
function answers(call: string, result: unknown): Array<{ target: string; answer: unknown }> {
  const r = (result ?? {}) as { target?: Record<string, Record<string, unknown>> }
  if (r.target && typeof r.target === 'object') return Object.entries(r.target).map(([target, v]) => ({ target, answer: v[call] }))
  return [{ target: '', answer: result }]
}

export function renderChecksSummary(input: ChecksSummaryInput): string {
  const parts: string[] = []
  const warnings = renderWarningsSummary(input.checkWarnings, input.call === 'check' ? 'Check (call: check)' : 'Build checks')
  if (warnings) parts.push(warnings)
  else if (input.call === 'check') parts.push('### Check (call: check)\n\nCheck complete, no warnings found.\n')
  if (input.call === 'outline' || input.call === 'targets') {
    let result: unknown
    try {
      result = JSON.parse(input.callResult || 'null')
    } catch {
      result = null
    }
    const lines = [`### ${input.call === 'outline' ? 'Outline' : 'Targets'} (call: ${input.call})`, '']
    for (const { target, answer } of answers(input.call, result)) {
      if (target) lines.push(`**${cell(target)}**`, '')
      lines.push(...(input.call === 'outline' ? renderOutline((answer ?? {}) as Outline) : renderTargets((answer ?? {}) as Targets)), '')
    }
    parts.push(lines.join('\n'))
  }
  return parts.join('\n')
}
