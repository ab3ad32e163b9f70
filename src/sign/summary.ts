// The job summary's section for signatures, from what main saved. Pure.
import type { Signature } from './plan.js'
import { escapeCell, escapeText, inlineCode } from '../report/markdown.js'

/** The job summary's signing section. */
export function renderSigningSummary(signatures: Signature[], signer: string): string {
  if (signatures.length === 0) return ''
  const lines = [
    `### Signatures`,
    '',
    `Signed with ${escapeText(signer)}, by digest:`,
    '',
    '| target | what | reference |',
    '| --- | --- | --- |'
  ]
  for (const s of signatures) lines.push(`| ${escapeCell(s.target)} | ${s.kind} | ${inlineCode(s.ref, true)} |`)
  lines.push('', 'Verify with:', '', '```', ...signatures.map(s => s.verifyCommand), '```', '')
  return lines.join('\n')
}
