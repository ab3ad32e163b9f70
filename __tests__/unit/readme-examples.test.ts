// The workflow examples of the README, docs/ and examples/, read as YAML: step outputs reach shell
// commands through `env:` (a JSON output put inside "..." loses its quotes), and a matrix job
// declares no job outputs from its steps (every leg writes the same name; the job keeps whichever
// leg finished last).
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

/** Files under a folder, recursively, whose names end with `ext`. */
function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : []
  )
}

const docs = ['README.md', ...filesUnder('docs', '.md')]
const blocks: Array<[string, string]> = [
  ...docs.flatMap(doc =>
    [...readFileSync(doc, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      (m, i) => [`${doc} block ${i + 1}`, m[1] ?? ''] as [string, string]
    )
  ),
  ...filesUnder('examples', '.yml').map(file => [file, readFileSync(file, 'utf8')] as [string, string])
]

/** Every object in a parsed YAML document, depth first. */
function objects(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(objects)
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    return [o, ...Object.values(o).flatMap(objects)]
  }
  return []
}

describe('workflow examples in the docs and examples/', () => {
  it('has examples to check', () => {
    expect(blocks.length).toBeGreaterThan(10)
  })

  it.each(blocks)('%s: run steps take expressions through env, never inline', (_name, block) => {
    for (const o of objects(parse(block))) {
      if (typeof o['run'] === 'string') expect(o['run']).not.toMatch(/\$\{\{/)
    }
  })

  it.each(blocks)('%s: a matrix job declares no outputs from its steps', (_name, block) => {
    for (const o of objects(parse(block))) {
      const strategy = o['strategy'] as { matrix?: unknown } | undefined
      if (strategy?.matrix === undefined || !o['outputs']) continue
      for (const value of Object.values(o['outputs'] as Record<string, unknown>)) expect(String(value)).not.toMatch(/steps\./)
    }
  })
})
