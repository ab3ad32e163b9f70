import { describe, it, expect } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { sha256Digest } from '../../../src/oci/digest.js'
import { buildReport } from '../../../src/oci/manifests.js'
import { baseImagesFromMetadata, baseImagesFromProvenance } from '../../../src/oci/provenance.js'
import { escapeCell, escapeText, inlineCode } from '../../../src/report/markdown.js'
import { renderSummary, type SummaryContext } from '../../../src/report/summary.js'
import type { ImageIndex, ImageManifest, ImageReport } from '../../../src/oci/types.js'

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures')
const GOLDEN = path.join(FIXTURES, 'summary.golden.md')
const text = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')
const json = (name: string): unknown => JSON.parse(text(name))
const D = (c: string) => `sha256:${c.repeat(64)}`

/** Reads every manifest an index lists from the fixtures, by digest, as the action would fetch them. */
function readIndex(indexFile: string, files: string[]): { root: ImageIndex; manifests: Map<string, ImageManifest>; bytesRead: number } {
  const manifests = new Map<string, ImageManifest>()
  let bytesRead = Buffer.byteLength(text(indexFile))
  for (const f of files) {
    manifests.set(sha256Digest(text(f)), json(f) as ImageManifest)
    bytesRead += Buffer.byteLength(text(f))
  }
  return { root: json(indexFile) as ImageIndex, manifests, bytesRead }
}

function goldenReports(): ImageReport[] {
  const app = buildReport({
    target: 'app',
    tags: ['localhost:5000/app:1.0', 'localhost:5000/app:latest'],
    rootDigest: sha256Digest(text('app-index.json')),
    source: 'registry',
    ...readIndex('app-index.json', [
      'app-manifest-amd64.json',
      'app-manifest-arm64.json',
      'app-attestation-amd64.json',
      'app-attestation-arm64.json'
    ])
  })
  app.baseImages.push(...baseImagesFromMetadata(json('metadata-multi.json') as Record<string, unknown>))
  app.durationMs = 48_250
  app.steps = { total: 12, cached: 9 }

  // seed-000: one platform with provenance; the attestation manifest could not be read.
  const seed = buildReport({
    target: 'seed-000',
    tags: ['localhost:5000/seed:000'],
    rootDigest: sha256Digest(text('single-index.json')),
    source: 'build-record',
    ...readIndex('single-index.json', ['single-manifest-amd64.json'])
  })
  seed.baseImages.push(...baseImagesFromProvenance(json('provenance-v02.json')))

  const legacy = buildReport({
    target: 'legacy',
    tags: ['localhost:5000/legacy:2'],
    rootDigest: sha256Digest(text('docker-list.json')),
    source: 'image-store',
    ...readIndex('docker-list.json', ['docker-manifest-amd64.json', 'docker-manifest-armv7.json'])
  })

  const docs: ImageReport = {
    target: 'docs',
    tags: [],
    digest: '',
    mediaType: '',
    platforms: [],
    attestations: [],
    baseImages: [],
    source: 'none',
    bytesRead: 0,
    notes: ['buildx reported no image digest (the exporter wrote files, not an image)']
  }
  return [app, seed, legacy, docs]
}

const goldenContext: SummaryContext = {
  engine: 'buildx',
  engineReason: 'no Depot token',
  builder: 'builder-6f1c2a',
  driver: 'docker-container',
  buildxVersion: 'v0.19.3',
  mode: 'push',
  durationMs: 61_234,
  warnings: ['cache export to type=gha was skipped: ACTIONS_CACHE_URL is not set']
}

describe('renderSummary: golden file', () => {
  it('matches __tests__/fixtures/summary.golden.md', () => {
    const md = renderSummary(goldenReports(), goldenContext)
    if (process.env['UPDATE_GOLDEN'] === '1' && md !== readFileSync(GOLDEN, 'utf8')) {
      writeFileSync(GOLDEN, md)
      // A rewrite is never a pass: the new file is reviewed (git diff) and the tests run again.
      throw new Error(`golden file rewritten; review and rerun: ${path.relative(process.cwd(), GOLDEN)}`)
    }
    expect(md).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('is deterministic', () => {
    expect(renderSummary(goldenReports(), goldenContext)).toBe(renderSummary(goldenReports(), goldenContext))
  })
})

// ---------------------------------------------------------------------------------------------
// Escaping helpers

describe('escapeText', () => {
  it.each<[string, string]>([
    ['plain words', 'plain words'],
    ['a|b', 'a\\|b'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['</details><script>', '&lt;/details&gt;&lt;script&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&lt;already&gt;', '&amp;lt;already&amp;gt;'],
    ['a|b\n## injected', 'a\\|b \\#\\# injected'],
    ['line 1\r\nline 2\rline 3\u2028line 4', 'line 1 line 2 line 3 line 4'],
    ['tab\there', 'tab here'],
    ['  padded   inside  ', 'padded inside'],
    ['**bold** _it_ ~~del~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~del\\~\\~'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['![x](https://evil.example/p.png)', '!\\[x\\](https://evil.example/p.png)'],
    ['`code`', '\\`code\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['$x^2$ and $$y$$', '\\$x^2\\$ and \\$\\$y\\$\\$'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['=====', '\\====='],
    ['1. first', '1\\. first'],
    ['42) answer', '42\\) answer'],
    ['> quote', '&gt; quote'],
    ['see #123', 'see \\#123'],
    ['x\u0000y\u001bz', 'x y z'],
    ['', '']
  ])('%j -> %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected)
  })
})

describe('escapeCell', () => {
  it.each<[string, string]>([
    ['a|b', 'a\\|b'],
    ['a\\|b', 'a\\\\\\|b'],
    ['a\nb', 'a b'],
    ['<b>', '&lt;b&gt;'],
    ['| --- |', '\\| --- \\|'],
    ['---', '\\---']
  ])('%j -> %j', (input, expected) => {
    expect(escapeCell(input)).toBe(expected)
  })
})

describe('inlineCode', () => {
  it.each<[string, boolean, string]>([
    ['localhost:5000/app:1.0', false, '`localhost:5000/app:1.0`'],
    ['a`b', false, '``a`b``'],
    ['a``b`c', false, '```a``b`c```'],
    ['`start', false, '`` `start ``'],
    ['end`', false, '`` end` ``'],
    [' spaced ', false, '`  spaced  `'],
    ['a&amp;b', false, '`a&amp;b`'],
    ['<script>&amp;', false, '<code>&lt;script&gt;&amp;amp;</code>'],
    ['</details>|`x`', true, '<code>&lt;/details&gt;\\|\\`x\\`</code>'],
    ['   ', false, ''],
    ['a\nb\r\nc', false, '`a b  c`'],
    ['a|b', false, '`a|b`'],
    ['a|b', true, '<code>a\\|b</code>'],
    ['a\\|b', true, '<code>a\\\\\\|b</code>'],
    ['C:\\path', true, '<code>C:\\\\path</code>'],
    ['C:\\path', false, '`C:\\path`'],
    ['', false, ''],
    ['', true, '']
  ])('%j (cell: %s) -> %j', (input, cell, expected) => {
    expect(inlineCode(input, cell)).toBe(expected)
  })
})

// ---------------------------------------------------------------------------------------------
// Structure: hostile values cannot add HTML, headings, table columns or close <details>

/** The line with code spans removed (their content is shown literally by any CommonMark renderer). */
function withoutCodeSpans(line: string): string {
  let out = ''
  let i = 0
  while (i < line.length) {
    if (line[i] === '`' && line[i - 1] !== '\\') {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? '`'
      // The closing run must be exactly as long.
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g')
      close.lastIndex = i + run.length
      const m = close.exec(line)
      if (m) {
        out += 'CODE'
        i = m.index + run.length
        continue
      }
    }
    out += line[i]
    i++
  }
  return out
}

/**
 * Pipes that separate table cells, by both rules in use: cmark-gfm (GitHub) absorbs a pipe directly
 * after a backslash whatever comes before; parity-based renderers (markdown-it and others) treat
 * it as escaped only after an odd number of backslashes. Returns both counts.
 */
function cellSeparators(line: string): [number, number] {
  let gfm = 0
  let parity = 0
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '|') continue
    let backslashes = 0
    for (let j = i - 1; j >= 0 && line[j] === '\\'; j--) backslashes++
    if (backslashes === 0) gfm++
    if (backslashes % 2 === 0) parity++
  }
  return [gfm, parity]
}

/** Checks the markdown's skeleton and returns it: headings, table shapes, HTML tags. */
function skeleton(md: string): { headings: string[]; tags: string[]; tables: Array<Array<[number, number]>> } {
  const headings: string[] = []
  const tags: string[] = []
  const tables: Array<Array<[number, number]>> = []
  let table: Array<[number, number]> | undefined
  for (const line of md.split('\n')) {
    if (/^ {0,3}#{1,6}(\s|$)/.test(line)) headings.push(line)
    for (const t of withoutCodeSpans(line).matchAll(/<\/?[A-Za-z][^>]*>?/g)) tags.push(t[0])
    if (line.startsWith('|')) {
      if (!table) tables.push((table = []))
      table.push(cellSeparators(line))
    } else {
      table = undefined
    }
  }
  return { headings, tags, tables }
}

const HOSTILE = [
  '</details><script>alert(1)</script>',
  'a|b\n## injected',
  '`` ` ```\n</summary>',
  '<img src=x onerror=alert(1)>',
  '\n\n| x | y |\n| - | - |\n| 1 | 2 |',
  '- [ ] list\n> [!NOTE]\n> quote',
  '&lt;b&gt; &#60;i&#62;',
  '[link](https://evil.example) ![img](https://evil.example/x.png)',
  '<!-- comment',
  '\\|\\\\|',
  'trailing backslash\\',
  'x\u2028## y\u0085- z',
  '*emphasis* _and_ ~~strike~~ $math$'
]

function hostileReport(v: string): ImageReport {
  return {
    target: v,
    tags: [v, `registry.example/app:${v}`],
    digest: v,
    mediaType: v,
    platforms: [
      {
        platform: v,
        digest: v,
        configDigest: v,
        size: 10,
        layers: [{ digest: v, size: 10, mediaType: v }],
        lastLayerDigest: v,
        annotations: { [v]: v }
      }
    ],
    attestations: [{ digest: v, attests: v, platform: v, predicateTypes: [v, v], size: 1 }],
    baseImages: [
      { name: v, digest: v, platform: '', source: 'provenance' },
      { name: v, digest: v, platform: `${v}-other`, source: 'annotation' }
    ],
    source: 'registry',
    bytesRead: 1,
    durationMs: 1,
    steps: { total: 2, cached: 1 },
    notes: [v, `note: ${v}`],
    annotations: { [v]: v }
  }
}

const hostileContext = (v: string): SummaryContext => ({
  engine: v,
  engineReason: v,
  builder: v,
  driver: v,
  buildxVersion: v,
  mode: v,
  durationMs: 5,
  error: `ERROR: failed to solve: ${v}\n${v}`,
  warnings: [v, v]
})

/** Tags the renderer writes itself; values may only ever add <br> (one per error line) and <code>. */
const STRUCTURE = (tags: string[]) => tags.filter(t => !['<br>', '<code>', '</code>'].includes(t))

describe('renderSummary: hostile values', () => {
  const clean = skeleton(renderSummary([hostileReport('x')], hostileContext('x')))

  it('the clean skeleton is what the renderer itself writes', () => {
    expect(clean.tags).toEqual([
      '<br>',
      '<br>',
      '<details>',
      '<summary>',
      '</summary>',
      '</details>',
      '<details>',
      '<summary>',
      '</summary>',
      '</details>'
    ])
    expect(clean.headings).toEqual(['## Build image', '### x', '#### Attestations', '#### Notes', '##### `x`'])
    expect(clean.tables).toEqual([
      [
        [7, 7],
        [7, 7],
        [7, 7]
      ],
      [
        [4, 4],
        [4, 4],
        [4, 4]
      ],
      [
        [5, 5],
        [5, 5],
        [5, 5]
      ]
    ])
  })

  it.each(HOSTILE.map(v => [v]))('%j keeps the skeleton', v => {
    const md = renderSummary([hostileReport(v)], hostileContext(v))
    const s = skeleton(md)
    expect(STRUCTURE(s.tags)).toEqual(STRUCTURE(clean.tags))
    expect(s.tags.every(t => ['<br>', '<code>', '</code>', '<details>', '</details>', '<summary>', '</summary>'].includes(t))).toBe(true)
    expect(s.tables).toEqual(clean.tables)
    expect(s.headings.length).toBe(clean.headings.length)
    expect(s.headings.filter(h => !h.startsWith('### ') && !h.startsWith('##### '))).toEqual([
      '## Build image',
      '#### Attestations',
      '#### Notes'
    ])
    expect(md).not.toMatch(/^#{1,6} injected/m)
  })

  it.each(HOSTILE.map(v => [v]))('%j never reaches the markdown with a raw < or >', v => {
    const md = renderSummary([hostileReport(v)], hostileContext(v))
    // Every < in the output opens one of the renderer's own tags.
    expect(md.match(/<(?!br>|\/?code>|\/?details>|\/?summary>)/g)).toBeNull()
    expect(md).not.toMatch(/<script|<img|<!--/i)
  })

  it.each(HOSTILE.map(v => [v]))('%j: the caution block stays one blockquote', v => {
    const lines = renderSummary([], hostileContext(v)).split('\n')
    const start = lines.indexOf('> [!CAUTION]')
    expect(start).toBeGreaterThan(0)
    const end = lines.indexOf('', start)
    expect(lines.slice(start, end).every(l => l.startsWith('>'))).toBe(true)
    expect(lines.slice(start, end).length).toBe(4)
  })

  it('long errors are cut to 30 lines', () => {
    const error = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n')
    const md = renderSummary([], { engine: 'buildx', error })
    expect(md).toContain('line 30<br>… 10 more lines in the log')
    expect(md).not.toContain('line 31')
  })
})

describe('renderSummary: sections', () => {
  const [app, seed, legacy, docs] = goldenReports() as [ImageReport, ImageReport, ImageReport, ImageReport]

  it.each<[string, SummaryContext, string[], string[]]>([
    [
      'minimal context',
      { engine: 'buildx' },
      ['## Build image\n\n**Engine:** buildx\n'],
      ['[!CAUTION]', '[!WARNING]', 'Builder', 'Buildx', 'Duration']
    ],
    [
      'empty optional strings are left out',
      { engine: 'buildx', engineReason: '', builder: '', driver: '', buildxVersion: '', error: '', warnings: [] },
      ['**Engine:** buildx\n'],
      ['()', '[!CAUTION]']
    ],
    ['driver without builder', { engine: 'depot', driver: 'depot' }, ['**Engine:** depot · **Driver:** depot'], []],
    [
      'a builder the action made, and why',
      {
        engine: 'buildx',
        builder: 'build-image-1a2b',
        driver: 'docker-container',
        builderReason: "the docker driver cannot build 2 platforms on the engine's classic image store"
      },
      [
        "**Builder:** `build-image-1a2b` (docker-container driver), made for this build: the docker driver cannot build 2 platforms on the engine's classic image store"
      ],
      []
    ],
    [
      'an empty builder reason is left out',
      { engine: 'buildx', builder: 'b', driver: 'docker', builderReason: '' },
      ['**Builder:** `b` (docker driver)'],
      ['made for this build']
    ],
    [
      'failed build',
      { engine: 'buildx', error: 'ERROR: failed to solve: process "/bin/sh -c exit 1" did not complete successfully: exit code: 1' },
      [
        '> [!CAUTION]\n> **The build failed.**\n>\n> ERROR: failed to solve: process "/bin/sh -c exit 1" did not complete successfully: exit code: 1\n',
        'No image was reported.'
      ],
      []
    ]
  ])('%s', (_name, ctx, present, absent) => {
    const md = renderSummary([], ctx)
    for (const p of present) expect(md).toContain(p)
    for (const a of absent) expect(md).not.toContain(a)
  })

  it.each<[string, ImageReport, string[], string[]]>([
    [
      'multi-platform index with attestations',
      app,
      [
        '- **Tags:** `localhost:5000/app:1.0`, `localhost:5000/app:latest`',
        `- **Index digest:** \`${app.digest}\` (OCI image index)`,
        '- **Build:** 48.3 s, 9/12 steps cached',
        '| `linux/amd64` | `sha256:4e4d56d191ea` | 4.0 MiB | 3 |',
        'The entries with platform `unknown/unknown` in the image index are attestation manifests',
        'They are not images and cannot be run',
        '| `sha256:609867ff7497` | `linux/amd64` (`sha256:4e4d56d191ea`) | `https://slsa.dev/provenance/v0.2`<br>`https://spdx.dev/Document` |',
        '<details><summary>Layers (6)</summary>',
        '| 1 | `sha256:5045c2afb1405d892e29ccd2ce26ab67bb413dcdcc122dc59037a3566c0fcff6` | 1.0 MiB (1,084,452 bytes) | `application/vnd.oci.image.layer.v1.tar+gzip` |'
      ],
      ['#### Notes', 'No manifest metadata']
    ],
    [
      'single platform, attestation manifest unread',
      seed,
      [
        '| `sha256:c2916365c029` | `linux/amd64` (`sha256:edd054d28f33`) | — |',
        '#### Notes',
        '- the attestation manifest sha256:c2916365c029'
      ],
      ['Other images']
    ],
    [
      'Docker manifest list',
      legacy,
      ['(Docker manifest list)', '`linux/arm/v7`', "read from the engine's image store"],
      ['#### Attestations']
    ],
    [
      'no metadata',
      docs,
      [
        '### docs',
        '- **Tags:** none',
        '- **Digest:** unknown',
        '- **Metadata:** not available\n',
        'No manifest metadata was available for this image',
        '- buildx reported no image digest'
      ],
      ['| Platform', '<details>', 'bytes of manifest JSON']
    ]
  ])('%s', (_name, report, present, absent) => {
    const md = renderSummary([report], { engine: 'buildx' })
    for (const p of present) expect(md).toContain(p)
    for (const a of absent) expect(md).not.toContain(a)
  })

  it.each<[string, string, RegExp]>([
    ['applies to every platform when it has none', '', /^\| `linux\/amd64` \|.*\| `golang:1\.23` \|$/m],
    ['applies to its own platform', 'linux/amd64', /^\| `linux\/amd64` \|.*\| `golang:1\.23` \|$/m],
    ['applies to the same platform written differently', 'linux/amd64/v1', /^\| `linux\/amd64` \|.*\| `golang:1\.23` \|$/m],
    [
      'is listed apart when for another platform',
      'linux/arm64/v8',
      /^Other images the build used \(earlier stages or another platform\): `golang:1\.23` \(`linux\/arm64\/v8`\)$/m
    ]
  ])('base image %s', (_name, platform, expected) => {
    const single = goldenReports()[1] as ImageReport
    single.baseImages = [{ name: 'golang:1.23', digest: D('9'), platform, source: 'provenance' }]
    expect(renderSummary([single], { engine: 'buildx' })).toMatch(expected)
  })

  it.each<[string, string, string]>([
    ['with digest', D('9'), `- Base image: \`golang:1.23@${D('9')}\` (for all platforms, from provenance)`],
    ['without digest', '', '- Base image: `golang:1.23` (for all platforms, from provenance)']
  ])('base image in the layer details %s', (_name, digest, expected) => {
    const single = goldenReports()[1] as ImageReport
    single.baseImages = [{ name: 'golang:1.23', digest, platform: '', source: 'provenance' }]
    expect(renderSummary([single], { engine: 'buildx' })).toContain(expected)
  })

  it('the same base image from the Dockerfile and from the provenance is shown once, with both sources', () => {
    const single = goldenReports()[1] as ImageReport
    single.baseImages = [
      { name: 'golang:1.23', digest: D('9'), platform: '', source: 'dockerfile' },
      { name: 'golang:1.23', digest: D('9'), platform: 'linux/amd64', source: 'provenance' }
    ]
    const md = renderSummary([single], { engine: 'buildx' })
    expect(md).toMatch(/^\| `linux\/amd64` \|.*\| `golang:1\.23` \|$/m)
    expect(md).toContain(`- Base image: \`golang:1.23@${D('9')}\` (for \`linux/amd64\`, from dockerfile and provenance)`)
    expect(md.match(/- Base image: /g)).toHaveLength(1)
  })

  it('different digests of one base image stay two lines', () => {
    const single = goldenReports()[1] as ImageReport
    single.baseImages = [
      { name: 'golang:1.23', digest: D('8'), platform: '', source: 'dockerfile' },
      { name: 'golang:1.23', digest: D('9'), platform: 'linux/amd64', source: 'provenance' }
    ]
    expect(renderSummary([single], { engine: 'buildx' }).match(/- Base image: /g)).toHaveLength(2)
  })

  it('an unread platform manifest shows dashes, not zeros', () => {
    const r = buildReport({
      target: 'x',
      tags: [],
      rootDigest: D('1'),
      root: json('app-index.json') as ImageIndex,
      manifests: new Map(),
      source: 'registry',
      bytesRead: 1607
    })
    const md = renderSummary([r], { engine: 'buildx' })
    expect(md).toContain('| `linux/arm64` | `sha256:9173007e74c0` | — | — | — | — |')
    expect(md).toContain('The manifest could not be read, so its layers are unknown.')
    expect(md).toContain('<details><summary>Layers (0)</summary>')
  })
})
