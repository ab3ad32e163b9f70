// Says what ran, in plain lines that .ci/run reads:
//   unit: 412 tests in 40 of 40 files
//   integration: 97 real builds, 105 input checks, in 13 of 13 files
//   skips: 3 for a missing capability (build-history x2, provenance-in-metadata x1 on buildx 0.13.1), 0 other
//   one-stack input checks: 57 ran here   (on sid; trixie's skips line then ends
//                                          "..., 57 one-stack input checks (run on sid), 0 other")
//   one-stack action-logic tests: 30 ran here   (on trixie; sid's skips line then has
//                                          ", 30 one-stack action-logic tests (run on trixie)")
//   jest: N passed, N failed, N skipped          <- always the last line, unchanged: CI reads it
// Before them, each test file's duration (jest's perfStats), slowest first:
//   time: 245.3 s integration/hardening.test.ts
// A "real build" is an integration test in which some run showed BuildKit's own progress lines
// (a build, bake or imagetools push reached BuildKit); the harness records that per test in the
// directory this reporter puts in BIA_TEST_RECORDS. Every other integration test is an input
// check (it stops before buildx builds anything). A skip counts as a capability skip only when
// the test is named `[needs <capability>]` and this run recorded that capability as missing
// (harness.ts itWhen), or `[without <capability>]` and this run recorded it as present (itWithout:
// what an older buildx does instead); any other skip (it.skip, a -t filter) is "other". Input
// checks (named `[input check]`, harness.ts itInputCheck) and action-logic tests (`[action logic]`,
// itActionLogic) run on one stack only (harness.ts ONE_STACK); on the other they count as skipped
// in their category when this run recorded them as such, never as "other".
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const PROJECTS = ['unit', 'integration']

function testFilesOnDisk(rootDir, project) {
  const out = []
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.test.ts')) out.push(p)
    }
  }
  const dir = path.join(rootDir, '__tests__', project)
  if (fs.existsSync(dir)) walk(dir)
  return out
}

function readRecords(dir) {
  const file = path.join(dir, 'records.jsonl')
  if (!fs.existsSync(file)) return []
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l))
}

/** the one-stack categories (harness.ts ONE_STACK): title suffix -> what the count lines call them */
const ONE_STACK = { '[input check]': 'input checks', '[action logic]': 'action-logic tests' }

/** the one-stack category of a test named `... [category]`, or in a describe block so named */
function oneStackCategory(t) {
  const titles = [t.title, ...t.ancestorTitles]
  return Object.keys(ONE_STACK).find(suffix => titles.some(title => title.endsWith(suffix)))
}

class CountReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir
    // Inherited by the test processes (with --runInBand, this very process).
    this.records = fs.mkdtempSync(path.join(os.tmpdir(), 'bia-test-records-'))
    process.env['BIA_TEST_RECORDS'] = this.records
  }

  onRunComplete(_contexts, results) {
    const records = readRecords(this.records)
    fs.rmSync(this.records, { recursive: true, force: true })
    const builds = new Set(records.filter(r => r.kind === 'build').map(r => `${r.file}\0${r.test}`))
    const missing = new Map(records.filter(r => r.kind === 'missing-capability').map(r => [r.capability, r.buildx]))
    // category suffix -> the stack that runs it, as this run recorded when it skipped some
    const elsewhere = new Map(records.filter(r => r.kind === 'one-stack-elsewhere').map(r => [`[${r.category}]`, r.stack]))

    const times = results.testResults
      .map(f => ({
        file: path.relative(path.join(this.rootDir, '__tests__'), f.testFilePath),
        s: (f.perfStats.end - f.perfStats.start) / 1000
      }))
      .sort((a, b) => b.s - a.s)
      .map(t => `time: ${t.s.toFixed(1)} s ${t.file}`)
    const present = new Map(records.filter(r => r.kind === 'present-capability').map(r => [r.capability, r.buildx]))

    const lines = []
    const capabilitySkips = new Map()
    const versions = new Set()
    let otherSkips = 0
    const oneStackRan = new Map()
    const oneStackSkipped = new Map()
    const add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1)
    for (const project of PROJECTS) {
      const files = results.testResults.filter(f => f.testFilePath.includes(`${path.sep}__tests__${path.sep}${project}${path.sep}`))
      if (files.length === 0) continue
      let ran = 0
      let real = 0
      for (const file of files) {
        for (const t of file.testResults) {
          if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo' || t.status === 'disabled') {
            const [, kind, cap] = /\[(needs|without) ([a-z-]+)\]$/.exec(t.title) ?? []
            const buildx = cap && (kind === 'needs' ? missing : present).get(cap)
            if (buildx) {
              const key = kind === 'needs' ? cap : `${cap} present`
              capabilitySkips.set(key, (capabilitySkips.get(key) ?? 0) + 1)
              versions.add(buildx)
            } else if (elsewhere.has(oneStackCategory(t))) add(oneStackSkipped, oneStackCategory(t))
            else otherSkips++
            continue
          }
          ran++
          if (oneStackCategory(t)) add(oneStackRan, oneStackCategory(t))
          if (builds.has(`${file.testFilePath}\0${t.fullName}`)) real++
        }
      }
      const onDisk = testFilesOnDisk(this.rootDir, project).length
      const where = `in ${files.length} of ${onDisk} files`
      lines.push(
        project === 'integration'
          ? `integration: ${real} real builds, ${ran - real} input checks, ${where}`
          : `${project}: ${ran} tests ${where}`
      )
    }
    const skippedTotal = results.numPendingTests + results.numTodoTests
    const capabilityTotal = [...capabilitySkips.values()].reduce((a, b) => a + b, 0)
    // skips not reported test by test (e.g. a whole file) are "other" too: never expected
    const oneStackSkippedTotal = [...oneStackSkipped.values()].reduce((a, b) => a + b, 0)
    otherSkips = Math.max(otherSkips, skippedTotal - capabilityTotal - oneStackSkippedTotal)
    if (skippedTotal > 0 || otherSkips > 0) {
      const byCap = [...capabilitySkips].map(([cap, n]) => `${cap} x${n}`).join(', ')
      const oneStack = Object.keys(ONE_STACK)
        .filter(suffix => oneStackSkipped.has(suffix))
        .map(suffix => `, ${oneStackSkipped.get(suffix)} one-stack ${ONE_STACK[suffix]} (run on ${elsewhere.get(suffix)})`)
        .join('')
      lines.push(
        `skips: ${capabilityTotal} for a missing capability${byCap ? ` (${byCap} on buildx ${[...versions].join(', ')})` : ''}${oneStack}, ${otherSkips} other`
      )
    }
    for (const suffix of Object.keys(ONE_STACK)) {
      if (oneStackRan.has(suffix)) lines.push(`one-stack ${ONE_STACK[suffix]}: ${oneStackRan.get(suffix)} ran here`)
    }

    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    lines.push(`jest: ${results.numPassedTests} passed, ${failed} failed, ${skippedTotal} skipped`)
    process.stdout.write(`\n${[...times, ...lines].join('\n')}\n`)
  }
}
module.exports = CountReporter
