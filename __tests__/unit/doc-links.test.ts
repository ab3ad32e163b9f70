// Every relative link in the Markdown files at the root (README, ARCHITECTURE, CONTRIBUTING, ...) and
// in docs/ points to a file that exists, and every #anchor to a heading of that file (GitHub's heading ids).
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const DOCS = [
  ...readdirSync('.').filter(f => f.endsWith('.md')),
  ...readdirSync('docs')
    .filter(f => f.endsWith('.md'))
    .map(f => `docs/${f}`)
]

/** The text outside fenced code blocks and inline code: links inside code are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces as dashes; repeats get -1, -2, ... */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>()
  const seen = new Map<string, number>()
  for (const m of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const text = (m[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '')
    const base = text
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    ids.add(n === 0 ? base : `${base}-${n}`)
  }
  return ids
}

/** The relative links of a document: [text](target), targets without a scheme. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1] ?? '').filter(t => !/^[a-z][a-z0-9+.-]*:/i.test(t))
}

/** What is wrong with a link from `from`: a missing file or a missing anchor; '' when it resolves. */
function problem(from: string, link: string): string {
  const [file = '', anchor] = link.split('#')
  const target = file === '' ? from : path.normalize(path.join(path.dirname(from), file))
  if (!existsSync(target)) return `${from}: ${link}: no file ${target}`
  if (anchor === undefined) return ''
  if (statSync(target).isDirectory() || !target.endsWith('.md')) return `${from}: ${link}: an anchor into ${target}, which has no headings`
  return headingIds(readFileSync(target, 'utf8')).has(anchor) ? '' : `${from}: ${link}: ${target} has no heading #${anchor}`
}

describe('links between the docs', () => {
  it('finds the docs and their links', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['README.md', 'docs/switching.md', 'docs/inputs-and-outputs.md']))
    expect(relativeLinks(readFileSync('README.md', 'utf8')).length).toBeGreaterThan(10)
  })

  it('computes heading ids as GitHub does', () => {
    expect([
      ...headingIds('# Build checks and `call`\n## Switching from docker/bake-action\n## A\n## A\n```\n# not a heading\n```\n')
    ]).toEqual(['build-checks-and-call', 'switching-from-dockerbake-action', 'a', 'a-1'])
  })

  it('catches a missing file and a missing anchor', () => {
    expect(problem('README.md', 'docs/nothing-here.md')).toMatch(/no file docs\/nothing-here\.md/)
    expect(problem('README.md', 'docs/switching.md#nothing-here')).toMatch(/has no heading #nothing-here/)
    expect(problem('docs/switching.md', '../README.md#documentation')).toBe('')
  })

  it.each(DOCS)('%s: every relative link resolves', doc => {
    const text = readFileSync(doc, 'utf8')
    expect(
      relativeLinks(text)
        .map(link => problem(doc, link))
        .filter(Boolean)
    ).toEqual([])
  })
})
