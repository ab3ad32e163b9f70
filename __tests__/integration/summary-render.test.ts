// The job summary as GitHub shows it: rendered with cmark-gfm (GitHub's own GFM renderer, from
// Debian's package), for a real build and for a failure whose message carries markup.
import { beforeAll, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { actionLogic, expectSuccess, getManifest, runAction, testbed, uniqueRepo, writeContext, type Testbed } from './harness.js'

// What is checked here is the action's summary and GitHub's renderer: every describe block runs on
// one stack only, as `[action logic]` (harness.ts ONE_STACK).
const { describe } = actionLogic

let tb: Testbed

function render(markdown: string): string {
  // --unsafe keeps raw HTML, as GitHub does for the tags it allows (details, summary, code).
  const r = spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough'], {
    input: markdown,
    encoding: 'utf8'
  })
  if (r.error || r.status !== 0)
    throw new Error(`cmark-gfm is needed for this test (apt-get install cmark-gfm): ${r.error?.message ?? r.stderr}`)
  return r.stdout
}

const count = (html: string, tag: string) => (html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length

beforeAll(() => {
  tb = testbed()
})

describe('job summary, rendered', () => {
  it('renders a multi-platform push as tables and collapsible sections', async () => {
    const repo = uniqueRepo('summary')
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo hi > /hi\n` })
    const run = await runAction({ context: ctx, tags: `${tb.registry}/${repo}:v1`, platforms: 'linux/amd64,linux/arm64', push: 'true' })
    expectSuccess(run)
    const index = await getManifest(repo, 'v1')
    const html = render(run.summary)
    expect(html).toContain('<h2>Build image</h2>')
    expect(count(html, 'table')).toBeGreaterThanOrEqual(4) // platforms, attestations, layers per platform
    expect(count(html, 'details')).toBe(count(html, 'summary'))
    expect(html).toContain('<th>Platform</th>')
    expect(html).toContain(index.digest)
    for (const m of index.json.manifests) expect(html).toContain(m.digest)
    expect(html).not.toMatch(/<script/i)
  })

  it('escapes markup that reaches the summary through an error message', async () => {
    const evil = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nRUN echo '</details><script>alert(1)</script> | ## injected' && exit 4\n`
    })
    const run = await runAction({ context: evil, platforms: 'linux/amd64' })
    expect(run.main.code).not.toBe(0)
    expect(run.post.code).toBe(0)
    const html = render(run.summary)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<h2>\s*injected/)
    expect(count(html, 'details')).toBe((html.match(/<\/details>/g) ?? []).length)
    expect(html).toContain('&lt;script&gt;')
  })
})
