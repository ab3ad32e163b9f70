// The workflow runner's evaluation (__tests__/integration/workflow-runner): GitHub's expression
// library with our contexts and status functions, on tokens GitHub's workflow parser read.
import { describe, expect, it } from '@jest/globals'
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import type { Job } from '@actions/workflow-parser/model/workflow-template'
import {
  blockScalarValue,
  evaluate,
  evaluateStrings,
  evaluateToken,
  substitute,
  truthy,
  type Status
} from '../../integration/workflow-runner/expressions.js'

const CONTEXTS = {
  inputs: { push: true, sign: 'false', platforms: '["linux/amd64","linux/arm64"]', file: '' },
  needs: { plan: { result: 'success', outputs: { matrix: '{"include":[{"platform":"linux/amd64"}]}' } } },
  matrix: { target: 'app', platform: 'linux/arm64' },
  steps: { build: { outputs: { digest: '' } }, bake: { outputs: { digest: 'sha256:b' } } },
  secrets: {},
  github: { actor: 'release-bot', token: 't' },
  job: {}
}
const OK: Status = { success: true, failure: false, cancelled: false }
const FAILED: Status = { success: false, failure: true, cancelled: false }
const SKIPPED_NEED: Status = { success: false, failure: false, cancelled: false }

describe('evaluate', () => {
  it.each<[string, unknown]>([
    ['inputs.push', true],
    ["inputs.sign == 'false'", true],
    ['fromJSON(needs.plan.outputs.matrix)', { include: [{ platform: 'linux/amd64' }] }],
    ['steps.build.outputs.digest || steps.bake.outputs.digest', 'sha256:b'],
    ['secrets.registry-password || github.token', 't'],
    ["format('{0}.platform={1}', matrix.target, matrix.platform)", 'app.platform=linux/arm64'],
    ["inputs.file != '' && format('caller/{0}', inputs.file) || ''", ''],
    ["contains(fromJSON(inputs.platforms), 'linux/arm64')", true],
    ['job.workflow_repository', null],
    ["MATRIX.Platform == 'linux/arm64'", true]
  ])('%s', (expression, expected) => {
    expect(evaluate(expression, CONTEXTS)).toEqual(expected)
  })

  it.each<[string, Status, boolean]>([
    ['success()', OK, true],
    ['success()', FAILED, false],
    ['success()', SKIPPED_NEED, false],
    ['failure()', FAILED, true],
    ['failure()', SKIPPED_NEED, false],
    ['always()', FAILED, true],
    ['cancelled()', OK, false],
    ['cancelled()', { ...OK, cancelled: true }, true],
    ['!cancelled() && inputs.push', SKIPPED_NEED, true],
    ["success() && (inputs.sign != 'false')", OK, false]
  ])('status functions: %s', (expression, status, expected) => {
    expect(truthy(evaluate(expression, CONTEXTS, status))).toBe(expected)
  })

  it('refuses a context it was not given, as the parser does', () => {
    expect(() => evaluate('vars.x', CONTEXTS)).toThrow(/vars/)
  })
})

describe('on tokens read by the workflow parser', () => {
  const text = `
on: workflow_dispatch
jobs:
  build:
    if: inputs.push
    runs-on: \${{ matrix.platform == 'linux/arm64' && 'ubuntu-24.04-arm' || 'ubuntu-24.04' }}
    strategy:
      fail-fast: false
      matrix: \${{ fromJSON(needs.plan.outputs.matrix) }}
    steps:
      - id: s
        if: always()
        env:
          DIGEST: \${{ steps.build.outputs.digest || steps.bake.outputs.digest }}
        uses: ./
        with:
          set: |
            \${{ matrix.target }}.platform=\${{ matrix.platform }}
            \${{ matrix.target }}.tags=
`
  it("evaluates if:, runs-on, strategy and env as GitHub's parser gives them (the implicit success() added)", async () => {
    const parsed = parseWorkflow({ name: 't.yml', content: text }, new NoOperationTraceWriter())
    expect(parsed.context.errors.getErrors()).toEqual([])
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!)
    const job = template.jobs[0] as Job
    expect(job.if.expression).toBe('success() && (inputs.push)')
    expect(truthy(evaluate(job.if.expression, CONTEXTS, SKIPPED_NEED))).toBe(false)
    expect(evaluateToken(job['runs-on'], CONTEXTS)).toBe('ubuntu-24.04-arm')
    expect(evaluateToken(job.strategy, CONTEXTS)).toEqual({ 'fail-fast': false, matrix: { include: [{ platform: 'linux/amd64' }] } })
    const step = job.steps[0] as { if: { expression: string }; env: Parameters<typeof evaluateStrings>[0] }
    expect(step.if.expression).toBe('always()')
    expect(evaluateStrings(step.env, CONTEXTS)).toEqual({ DIGEST: 'sha256:b' })
  })

  it('a block scalar with several expressions becomes one format() the library evaluates', () => {
    const parsed = parseWorkflow({ name: 't.yml', content: text }, new NoOperationTraceWriter())
    const root = parsed.value as unknown as { find(k: string): any }
    const withToken = root.find('jobs').find('build').find('steps').get(0).find('with')
    expect(evaluateStrings(withToken, CONTEXTS)).toEqual({ set: 'app.platform=linux/arm64\napp.tags=\n' })
  })
})

describe('block scalars', () => {
  it.each<[string, string, string]>([
    ['    a\n      b\n\n', '|', 'a\n  b\n'],
    ['    a\n    b\n\n', '|-', 'a\nb'],
    ['    a\n    b\n\n', '|+', 'a\nb\n\n'],
    ['\n    a\n', '|', '\na\n']
  ])('%j %s', (source, header, value) => {
    expect(blockScalarValue(source, header)).toBe(value)
  })

  it('substitutes each expression, quotes and braces inside them kept', () => {
    expect(substitute("x=${{ format('{0}}}', matrix.target) }} y=${{ 'a}}b' }}", CONTEXTS)).toBe('x=app} y=a}}b')
  })
})
