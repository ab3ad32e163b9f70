// The job summary: GitHub-flavoured markdown describing what was built. Pure and deterministic.
//
// Every string that comes from users or tools goes through escapeText, escapeCell or inlineCode
// (report/markdown.ts), so that it can neither open HTML nor change the markdown structure.
import type { Attestation, BaseImage, ImageReport, PlatformImage } from '../oci/types.js'
import {
  basesFor,
  DASH,
  formatBytes,
  formatCount,
  formatDuration,
  manifestKnown,
  mediaTypeName,
  shortDigest,
  sourceName
} from './format.js'
import { escapeText, inlineCode } from './markdown.js'

export interface SummaryContext {
  engine: string
  engineReason?: string
  builder?: string
  driver?: string
  /** why the action made the builder (a request the Docker daemon's builder cannot build) */
  builderReason?: string
  buildxVersion?: string
  mode?: string
  durationMs?: number
  error?: string
  warnings?: string[]
}

// ---------------------------------------------------------------------------------------------
// Formatting

function code(value: string): string {
  return inlineCode(value, true) || DASH
}

/** Where the metadata came from, as a phrase: read from the registry, not available. */
function sourceText(source: string): string {
  if (source === 'none') return 'not available'
  const name = sourceName(source)
  return name ? `read from ${name}` : escapeText(source)
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

// ---------------------------------------------------------------------------------------------
// Rendering

const MAX_ERROR_LINES = 30

function header(ctx: SummaryContext): string[] {
  const facts: string[] = []
  const engine = escapeText(ctx.engine || 'unknown')
  facts.push(`**Engine:** ${engine}${ctx.engineReason ? ` (${escapeText(ctx.engineReason)})` : ''}`)
  if (ctx.builder) {
    const driver = ctx.driver ? ` (${escapeText(ctx.driver)} driver)` : ''
    const made = ctx.builderReason ? `, made for this build: ${escapeText(ctx.builderReason)}` : ''
    facts.push(`**Builder:** ${inlineCode(ctx.builder)}${driver}${made}`)
  } else if (ctx.driver) facts.push(`**Driver:** ${escapeText(ctx.driver)}`)
  if (ctx.buildxVersion) facts.push(`**Buildx:** ${inlineCode(ctx.buildxVersion)}`)
  if (ctx.mode) facts.push(`**Mode:** ${escapeText(ctx.mode)}`)
  if (ctx.durationMs !== undefined && ctx.durationMs > 0) facts.push(`**Duration:** ${formatDuration(ctx.durationMs)}`)
  const out = ['## Build image', '', facts.join(' · ')]

  if (ctx.error) {
    const lines = ctx.error.split(/\r\n|\r|\n/).filter(l => l.trim() !== '')
    const shown = lines.slice(0, MAX_ERROR_LINES).map(escapeText)
    if (lines.length > MAX_ERROR_LINES) shown.push(`… ${lines.length - MAX_ERROR_LINES} more lines in the log`)
    out.push('', '> [!CAUTION]', '> **The build failed.**', '>', `> ${shown.join('<br>') || 'no error message'}`)
  }
  const warnings = (ctx.warnings ?? []).filter(w => w.trim() !== '')
  if (warnings.length > 0) {
    out.push('', '> [!WARNING]', ...warnings.map(w => `> - ${escapeText(w)}`))
  }
  return out
}

/** A base image as shown: one line per name@digest, with every source that named it. */
interface ShownBase {
  name: string
  digest: string
  platform: string
  sources: string[]
}

/**
 * The base images of one platform, each once: the Dockerfile's FROM and the provenance often name
 * the same image, one for all platforms and one per platform.
 */
function shownBases(report: ImageReport, p: PlatformImage): ShownBase[] {
  const out: ShownBase[] = []
  for (const b of basesFor(report, p)) {
    const same = out.find(o => o.name === b.name && o.digest === b.digest)
    if (!same) {
      out.push({ name: b.name, digest: b.digest, platform: b.platform, sources: [b.source] })
      continue
    }
    if (!same.sources.includes(b.source)) same.sources.push(b.source)
    if (!same.platform) same.platform = b.platform
  }
  return out
}

function platformTable(report: ImageReport): string[] {
  const out = [
    row(['Platform', 'Manifest', 'Size', 'Layers', 'Last layer', 'Base image']),
    row(['---', '---', '---:', '---:', '---', '---'])
  ]
  for (const p of report.platforms) {
    const bases = shownBases(report, p)
    out.push(
      row([
        code(p.platform),
        code(shortDigest(p.digest)),
        manifestKnown(p) ? formatBytes(p.size) : DASH,
        manifestKnown(p) ? String(p.layers.length) : DASH,
        code(shortDigest(p.lastLayerDigest)),
        bases.length > 0 ? bases.map(b => code(b.name)).join('<br>') : DASH
      ])
    )
  }
  return out
}

function otherBases(report: ImageReport): BaseImage[] {
  return report.baseImages.filter(b => !report.platforms.some(p => basesFor(report, p).includes(b)))
}

function attestationSection(report: ImageReport): string[] {
  const out = [
    '#### Attestations',
    '',
    'The entries with platform `unknown/unknown` in the image index are attestation manifests (build provenance, SBOM) that BuildKit stores next to the images. They are not images and cannot be run; each one describes the platform image listed under *Attests*.',
    '',
    row(['Manifest', 'Attests', 'Predicate types']),
    row(['---', '---', '---'])
  ]
  for (const a of report.attestations) {
    out.push(
      row([
        code(shortDigest(a.digest)),
        attestsCell(a),
        a.predicateTypes.length > 0 ? a.predicateTypes.map(t => code(t)).join('<br>') : DASH
      ])
    )
  }
  out.push('', '<details><summary>Attestation digests</summary>', '')
  for (const a of report.attestations) {
    out.push(
      `- ${inlineCode(a.digest) || DASH} attests ${inlineCode(a.attests) || DASH}${a.platform ? ` (${inlineCode(a.platform)})` : ''}, ${formatBytes(a.size)}`
    )
  }
  out.push('', '</details>')
  return out
}

function attestsCell(a: Attestation): string {
  if (a.platform && a.attests) return `${code(a.platform)} (${code(shortDigest(a.attests))})`
  if (a.platform) return code(a.platform)
  return code(shortDigest(a.attests))
}

function layersSection(report: ImageReport): string[] {
  const total = report.platforms.reduce((n, p) => n + p.layers.length, 0)
  const out = [`<details><summary>Layers (${total})</summary>`]
  for (const p of report.platforms) {
    out.push('', `##### ${inlineCode(p.platform) || DASH}`, '')
    out.push(`- Manifest: ${inlineCode(p.digest) || DASH}`)
    if (manifestKnown(p)) out.push(`- Config: ${inlineCode(p.configDigest)}`)
    for (const b of shownBases(report, p)) out.push(`- Base image: ${baseLine(b)}`)
    out.push('')
    if (!manifestKnown(p)) {
      out.push('The manifest could not be read, so its layers are unknown.')
    } else if (p.layers.length === 0) {
      out.push('No layers.')
    } else {
      out.push(row(['#', 'Digest', 'Size', 'Media type']), row(['---:', '---', '---:', '---']))
      p.layers.forEach((l, i) => {
        out.push(row([String(i + 1), code(l.digest), `${formatBytes(l.size)} (${formatCount(l.size)} bytes)`, code(l.mediaType)]))
      })
    }
  }
  out.push('', '</details>')
  return out
}

/** name@digest (a pinnable reference) when the digest is known, and where it comes from. */
function baseLine(b: ShownBase): string {
  const ref = b.digest && !b.name.includes('@') ? `${b.name}@${b.digest}` : b.name
  const facts = [b.platform ? `for ${inlineCode(b.platform)}` : 'for all platforms', `from ${b.sources.map(escapeText).join(' and ')}`]
  return `${inlineCode(ref) || DASH} (${facts.join(', ')})`
}

function reportSection(report: ImageReport): string[] {
  const out = [`### ${escapeText(report.target) || '(unnamed target)'}`, '']
  const facts: string[] = []
  const tags = report.tags.map(t => inlineCode(t)).filter(t => t !== '')
  facts.push(`- **Tags:** ${tags.length > 0 ? tags.join(', ') : 'none'}`)
  const kind = mediaTypeName(report.mediaType) ?? (report.mediaType ? inlineCode(report.mediaType) : '')
  const isIndex = /index|list/.test(report.mediaType)
  facts.push(`- **${isIndex ? 'Index digest' : 'Digest'}:** ${inlineCode(report.digest) || 'unknown'}${kind ? ` (${kind})` : ''}`)
  const bytes = report.source === 'none' ? '' : `, ${formatCount(report.bytesRead)} bytes of manifest JSON`
  facts.push(`- **Metadata:** ${sourceText(report.source)}${bytes}`)
  const build: string[] = []
  if (report.durationMs !== undefined) build.push(formatDuration(report.durationMs))
  if (report.steps) build.push(`${report.steps.cached}/${report.steps.total} steps cached`)
  if (build.length > 0) facts.push(`- **Build:** ${build.join(', ')}`)
  out.push(...facts, '')

  if (report.platforms.length === 0) {
    out.push('No manifest metadata was available for this image, so its platforms and layers are not listed.', '')
  } else {
    out.push(...platformTable(report), '')
    const others = otherBases(report)
    if (others.length > 0) {
      const list = others.map(b => `${inlineCode(b.name) || DASH}${b.platform ? ` (${inlineCode(b.platform)})` : ''}`)
      out.push(`Other images the build used (earlier stages or another platform): ${list.join(', ')}`, '')
    }
  }
  if (report.attestations.length > 0) out.push(...attestationSection(report), '')
  if (report.notes.length > 0) {
    out.push('#### Notes', '', ...report.notes.map(n => `- ${escapeText(n)}`), '')
  }
  if (report.platforms.length > 0) out.push(...layersSection(report), '')
  return out
}

/** The job summary for the reports of one run, as GitHub-flavoured markdown. */
export function renderSummary(reports: ImageReport[], context: SummaryContext): string {
  const out = header(context)
  out.push('')
  if (reports.length === 0) {
    out.push(context.error ? 'No image was reported.' : 'No images were reported.', '')
  }
  for (const r of reports) out.push(...reportSection(r))
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}
