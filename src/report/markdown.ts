// The one escaper of the job summary: every section (report/) puts each string that comes from
// users or tools through escapeText, escapeInline, escapeCell or inlineCode, so that it can
// neither open HTML nor change the markdown structure (tables, lists, details). Pure.

/** Line breaks, tabs and other control characters, which must not reach markdown as such. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

function oneLine(s: string): string {
  return s.replace(CONTROL, ' ')
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * Escapes text placed inside a line, after other text: one line, no HTML (& < > become entities),
 * no emphasis, links, code, tables, strikethrough, math or references (\ ` * _ [ ] | ~ $ # are
 * backslash-escaped).
 */
export function escapeInline(value: string): string {
  const s = oneLine(String(value)).replace(/ {2,}/g, ' ').trim()
  return s.replace(/[&<>]/g, c => ENTITIES[c] ?? c).replace(/[\\`*_[\]|~$#]/g, c => `\\${c}`)
}

/**
 * Escapes text for use in markdown running text (paragraphs, list items, headings, blockquotes):
 * escapeInline, and no block marker at its start.
 */
export function escapeText(value: string): string {
  let s = escapeInline(value)
  // List items, setext underlines and ordered lists are recognised at the start of a line.
  s = s.replace(/^[-+=]/, c => `\\${c}`)
  s = s.replace(/^(\d+)([.)])/, (_m, digits: string, p: string) => `${digits}\\${p}`)
  return s
}

/** Escapes text for a table cell: escapeText, which also escapes | and keeps the value on one line. */
export function escapeCell(value: string): string {
  return escapeText(value)
}

/**
 * Shows `value` literally in a code font, on one line. Normally a code span whose fence is longer
 * than any run of backticks inside it. A value with < or > (never a real digest, tag or platform)
 * becomes <code> around escaped text instead, so no raw angle bracket from a value reaches the
 * markdown. With `cell` (inside a table), so does a value with | or \: renderers disagree on how
 * backslashes before a pipe split cells, and escaped text is read the same way by all of them.
 */
export function inlineCode(value: string, cell = false): string {
  const s = oneLine(String(value))
  if (s.trim() === '') return ''
  if (/[<>]/.test(s) || (cell && /[|\\]/.test(s))) return `<code>${escapeText(s)}</code>`
  const longest = Math.max(0, ...Array.from(s.matchAll(/`+/g), m => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = /^[` ]|[` ]$/.test(s) ? ' ' : ''
  return `${fence}${pad}${s}${pad}${fence}`
}
