// docs/compare.md's workflow example: valid YAML, only inputs action.yml has, and run steps that
// take expressions through env (as the README's examples do).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
const doc = readFileSync('docs/compare.md', 'utf8')
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => parse(m[1] ?? '') as Record<string, any>)

describe('docs/compare.md', () => {
  it('has a pull-request workflow that uses compare-with and max-size-increase, with inputs action.yml has', () => {
    expect(blocks).toHaveLength(1)
    const workflow = blocks[0] as Record<string, any>
    expect(Object.keys(workflow['on'])).toEqual(['pull_request'])
    const steps = workflow['jobs'].image.steps as Array<Record<string, any>>
    const build = steps.find(s => String(s['uses']).includes('build-image-action'))
    expect(build?.['with']).toMatchObject({ 'compare-with': expect.any(String), 'max-size-increase': '10MiB' })
    for (const name of Object.keys(build?.['with'] ?? {})) expect(Object.keys(action.inputs)).toContain(name)
    for (const s of steps) if (typeof s['run'] === 'string') expect(s['run']).not.toMatch(/\$\{\{/)
  })

  it('names the inputs and the output it documents', () => {
    for (const name of ['compare-with', 'max-size-increase']) expect(Object.keys(action.inputs)).toContain(name)
    expect(Object.keys(action.outputs)).toContain('changes')
  })
})
