// The job summary's section for build records: the `.dockerbuild` file of each build, the artifact
// it was uploaded as (with its link), or why there is none. Pure.
import { formatBytes } from './format.js'
import { escapeCell, escapeInline, inlineCode } from './markdown.js'

/** What main exported and post uploaded, as saved in the state. */
export interface RecordsSummaryInput {
  files: ReadonlyArray<{ target: string; ref: string; path: string }>
  /** the buildx version when it is too old to export records */
  unsupported: string
  /** why the export failed ('' when it did not) */
  exportError: string
  artifact: { name: string; id: number; size: number; url: string } | null
  /** why nothing was uploaded, or the upload's failure */
  uploadNote: string
}

export function renderRecordsSummary(input: RecordsSummaryInput): string {
  if (input.unsupported) {
    return `### Build records\n\nBuild record export needs buildx 0.23 or later (this buildx is ${escapeInline(input.unsupported)}): no \`.dockerbuild\` file was exported.\n`
  }
  if (input.exportError) return `### Build records\n\nThe build records could not be exported: ${escapeInline(input.exportError)}\n`
  if (input.files.length === 0) return ''
  const lines = ['### Build records', '', '| target | build ref | file |', '| --- | --- | --- |']
  for (const f of input.files)
    lines.push(`| ${escapeCell(f.target)} | ${inlineCode(f.ref, true)} | ${escapeCell(f.path.split('/').pop() ?? '')} |`)
  lines.push('')
  if (input.artifact) {
    lines.push(
      `Uploaded as the artifact [${escapeInline(input.artifact.name)}](${encodeURI(input.artifact.url)}) (${formatBytes(input.artifact.size)}): open it in Docker Desktop's Builds view (\`docker buildx history import\`).`
    )
  } else if (input.uploadNote) {
    lines.push(`Not uploaded: ${escapeInline(input.uploadNote)}`)
  }
  lines.push('')
  return lines.join('\n')
}
