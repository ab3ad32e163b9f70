import { describe, expect, it } from '@jest/globals'
import { renderRecordsSummary, type RecordsSummaryInput } from '../../../src/report/records-summary.js'

const none: RecordsSummaryInput = { files: [], unsupported: '', exportError: '', artifact: null, uploadNote: '' }
const files = [{ target: 'app', ref: 'r1abc', path: '/tmp/x/build-records/o~r~R1ABC.dockerbuild' }]

describe('renderRecordsSummary', () => {
  it('nothing when nothing was built with buildx', () => {
    expect(renderRecordsSummary(none)).toBe('')
  })

  it('one clear line on a buildx too old to export', () => {
    const md = renderRecordsSummary({ ...none, unsupported: '0.13.1' })
    expect(md).toContain('Build record export needs buildx 0.23 or later (this buildx is 0.13.1)')
    expect(md.split('\n').filter(l => l.trim() && !l.startsWith('#'))).toHaveLength(1)
  })

  it('the records and the artifact link', () => {
    const md = renderRecordsSummary({
      ...none,
      files,
      artifact: { name: 'o~r~R1ABC.dockerbuild', id: 42, size: 2048, url: 'https://github.com/o/r/actions/runs/7/artifacts/42' }
    })
    expect(md).toContain('| app | `r1abc` | o\\~r\\~R1ABC.dockerbuild |')
    expect(md).toContain('[o\\~r\\~R1ABC.dockerbuild](https://github.com/o/r/actions/runs/7/artifacts/42)')
    expect(md).toContain('2.0 KiB')
  })

  it('why nothing was uploaded', () => {
    expect(renderRecordsSummary({ ...none, files, uploadNote: 'upload is off' })).toContain('Not uploaded: upload is off')
  })

  it('a failed export, with markup escaped', () => {
    const md = renderRecordsSummary({ ...none, exportError: 'boom <script>' })
    expect(md).toContain('could not be exported: boom &lt;script&gt;')
    expect(md).not.toContain('<script>')
  })
})
