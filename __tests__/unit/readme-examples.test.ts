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

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
/** A step that runs this action, however the example names it (org/build-image-action@v1, <owner>/build-image-action@<sha>). */
const THIS_ACTION = /^\S*\/build-image-action@/

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

  it.each(blocks)('%s: the action is given only its inputs, and only its outputs are read', (_name, block) => {
    const steps = objects(parse(block)).filter(o => THIS_ACTION.test(String(o['uses'] ?? '')))
    for (const step of steps) expect(Object.keys((step['with'] as object | undefined) ?? {}).filter(k => !(k in action.inputs))).toEqual([])
    const ids = new Set(steps.map(s => s['id']).filter(Boolean))
    const read = [...block.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)].filter(m => ids.has(m[1]))
    expect(read.map(m => m[2]).filter(name => !(String(name) in action.outputs))).toEqual([])
  })
})
