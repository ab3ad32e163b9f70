// The README's workflow examples, read as YAML: step outputs reach shell commands through `env:`
// (a JSON output put inside "..." loses its quotes), and a matrix job declares no job outputs from
// its steps (every leg writes the same name; the job keeps whichever leg finished last).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const readme = readFileSync('README.md', 'utf8')
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1] ?? '')

/** Every object in a parsed YAML document, depth first. */
function objects(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(objects)
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    return [o, ...Object.values(o).flatMap(objects)]
  }
  return []
}

describe('README workflow examples', () => {
  it('has examples to check', () => {
    expect(blocks.length).toBeGreaterThan(10)
  })

  it.each(blocks.map((b, i) => [i + 1, b] as const))('block %d: run steps take expressions through env, never inline', (_n, block) => {
    for (const o of objects(parse(block))) {
      if (typeof o['run'] === 'string') expect(o['run']).not.toMatch(/\$\{\{/)
    }
  })

  it.each(blocks.map((b, i) => [i + 1, b] as const))('block %d: a matrix job declares no outputs from its steps', (_n, block) => {
    for (const o of objects(parse(block))) {
      const strategy = o['strategy'] as { matrix?: unknown } | undefined
      if (strategy?.matrix === undefined || !o['outputs']) continue
      for (const value of Object.values(o['outputs'] as Record<string, unknown>)) expect(String(value)).not.toMatch(/steps\./)
    }
  })
})
