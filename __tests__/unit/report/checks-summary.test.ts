import { describe, expect, it } from '@jest/globals'
import { renderChecksSummary } from '../../../src/report/checks-summary.js'

describe('renderChecksSummary', () => {
  it('nothing for a build without warnings', () => {
    expect(renderChecksSummary({ checkWarnings: [], call: '', callResult: '' })).toBe('')
  })

  it('call: check without warnings says so', () => {
    expect(renderChecksSummary({ checkWarnings: [{ target: 'default', warnings: [] }], call: 'check', callResult: '{}' })).toContain(
      'Check complete, no warnings found.'
    )
  })

  it('targets of a single build, as buildx 0.29 answers', () => {
    const result = {
      targets: [
        { name: 'base', base: 'alpine' },
        { name: 'app', default: true, base: 'base', description: 'the | app' }
      ]
    }
    const md = renderChecksSummary({ checkWarnings: [], call: 'targets', callResult: JSON.stringify(result) })
    expect(md).toContain('### Targets (call: targets)')
    expect(md).toContain('| base | alpine |  |')
    expect(md).toContain('| app (default) | base | the \\| app |')
  })

  it('outline per bake target: build args, secrets, ssh', () => {
    const result = {
      group: { default: { targets: ['a'] } },
      target: {
        a: {
          build: { context: 'app' },
          outline: {
            name: 'final',
            args: [{ name: 'GREETING', value: 'hi', description: 'what to say' }],
            secrets: [{ name: 'token', required: true }]
          }
        }
      }
    }
    const md = renderChecksSummary({ checkWarnings: [], call: 'outline', callResult: JSON.stringify(result) })
    expect(md).toContain('**a**')
    expect(md).toContain('target `final`')
    expect(md).toContain('| GREETING | hi | what to say |')
    expect(md).toContain('- secret `token` (required)')
  })
})
