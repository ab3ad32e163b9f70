// The floors of the house: every import points down (folder ranks below), so tools never reach
// back into orchestration and no two folders import each other.
// The import boundary: pure modules (parsing, planning, argument building, rendering) reach no
// file system, process, network, runner module or @actions/* package, directly or through the
// local modules they import. Which files are pure: every file whose header comment says "Pure",
// plus the folders and files the architecture names as pure (each must say so in its header).
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const SRC = 'src'
/** Folders whose every file is pure. */
const PURE_FOLDERS = ['src/inputs', 'src/oci', 'src/dockerfile']
/** Single pure files in folders that also hold edges. */
const PURE_FILES = [
  'src/report/summary.ts',
  'src/report/terminal.ts',
  'src/registry/reference.ts',
  'src/registry/auth.ts',
  'src/install/checksums.ts',
  'src/cli/flags.ts',
  'src/sign/plan.ts',
  'src/process/argv.ts'
]
/** Pure too, when they exist (files another part of the redesign may add). */
const PURE_IF_PRESENT = ['src/report/format.ts']

const RUNNER_MODULE = 'src/runner/commands.ts'
const FORBIDDEN_MODULES: ReadonlyArray<[RegExp, string]> = [
  [/^(node:)?fs(\/promises)?$/, 'the file system'],
  [/^(node:)?child_process$/, 'processes'],
  [/^(node:)?https?$/, 'the network'],
  [/^@actions\//, 'an @actions package']
]

interface Found {
  /** module specifiers, with whether the import is type-only (erased at runtime) */
  imports: Array<{ specifier: string; typeOnly: boolean }>
  /** `fetch(` or `globalThis.fetch(` calls, by line */
  fetchLines: number[]
}

/** The imports (static, dynamic, require) and fetch calls of one TypeScript source. */
function scan(fileName: string, text: string): Found {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
  const found: Found = { imports: [], fetchLines: [] }
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly
      found.imports.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression
      if (ts.isStringLiteral(e)) found.imports.push({ specifier: e.text, typeOnly: node.isTypeOnly })
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression
      const arg = node.arguments[0]
      const loads = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')
      if (loads && arg && ts.isStringLiteralLike(arg)) found.imports.push({ specifier: arg.text, typeOnly: false })
      const isFetch =
        (ts.isIdentifier(callee) && callee.text === 'fetch') ||
        (ts.isPropertyAccessExpression(callee) &&
          callee.name.text === 'fetch' &&
          ts.isIdentifier(callee.expression) &&
          ['globalThis', 'global', 'window', 'self'].includes(callee.expression.text))
      if (isFetch) found.fetchLines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** The leading comment block says the file is pure ("Pure", capitalised, as the headers write it). */
function saysPure(text: string): boolean {
  const header: string[] = []
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('//')) break
    header.push(line)
  }
  return /\bPure\b/.test(header.join('\n'))
}

/** A relative import's file: `./x.js` is `./x.ts` in the sources. */
function resolveLocal(from: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = path.posix.join(path.posix.dirname(from), specifier)
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`]
  return candidates.find(exists) ?? base.replace(/\.js$/, '.ts')
}

/**
 * Everything that breaks the boundary for the given pure files, as readable lines. A pure file's
 * local runtime imports are followed, so an impure module cannot be reached through a pure one.
 */
function violations(pure: string[], read: (file: string) => string | undefined): string[] {
  const out: string[] = []
  const exists = (f: string) => read(f) !== undefined
  for (const root of pure) {
    const seen = new Set<string>()
    const walk = (file: string, chain: string[]): void => {
      if (seen.has(file)) return
      seen.add(file)
      const text = read(file)
      const via = chain.length > 0 ? ` (reached by ${[...chain, file].join(' -> ')})` : ''
      if (text === undefined) {
        out.push(`${root}: imports ${file}, which does not exist${via}`)
        return
      }
      const { imports, fetchLines } = scan(file, text)
      for (const line of fetchLines) out.push(`${root}: ${file}:${line} calls fetch${via}`)
      for (const { specifier, typeOnly } of imports) {
        const local = resolveLocal(file, specifier, exists)
        if (local === RUNNER_MODULE) {
          out.push(`${root}: ${file} imports the runner module ${specifier}${via}`)
          continue
        }
        const bad = FORBIDDEN_MODULES.find(([re]) => re.test(specifier))
        if (bad) out.push(`${root}: ${file} imports ${specifier} (${bad[1]})${via}`)
        // A type-only import is erased from the bundle: it reaches nothing at runtime.
        if (local && !typeOnly) walk(local, [...chain, file])
      }
    }
    walk(root, [])
  }
  return out
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? sourceFiles(path.posix.join(dir, e.name)) : [path.posix.join(dir, e.name)]))
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
}

const readSource = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined)

/**
 * Each folder's floor, top to bottom (src/errors.ts counts as the folder errors). An import may
 * only point to a folder of a lower rank; inside a floor the folders are ranked too, so a tool
 * may use a lower tool (depot and sign use buildx's argv and report's read-back) but never the
 * other way round.
 */
const RANKS: Readonly<Record<string, number>> = {
  // entry: main.ts, post.ts, cli.ts call run(), nothing else
  entry: 13,
  // orchestration: the only places that save state, set outputs, decide order
  cli: 12,
  action: 11,
  // tools: each turns a plan into argv, runs it, returns facts
  depot: 10,
  sign: 10,
  report: 9,
  buildx: 8,
  // Settings and BuildPlan, pure
  inputs: 7,
  // edges: HTTP, the Docker daemon's socket, downloads, spawn
  registry: 6,
  install: 5,
  docker: 5,
  process: 4,
  runner: 4,
  // pure domain at the ground
  oci: 2,
  dockerfile: 2,
  errors: 1
}

/** Upward imports allowed: none. */
const KNOWN_UPWARD = new Set<string>()

/** The folder a source file belongs to: src/X/... -> X, src/X.ts -> X. */
function folderOf(file: string): string {
  const rest = file.slice(`${SRC}/`.length)
  return rest.includes('/') ? (rest.split('/')[0] ?? '') : rest.replace(/\.ts$/, '')
}

/**
 * Every local import (type-only ones too: a type names the floor it comes from) that does not
 * point to a lower floor, as "from -> to (folder rank -> folder rank)"; and every folder with
 * no rank.
 */
function upwardImports(files: string[], read: (file: string) => string | undefined, known: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = []
  const exists = (f: string) => read(f) !== undefined
  for (const file of files) {
    const from = folderOf(file)
    const fromRank = RANKS[from]
    if (fromRank === undefined) {
      out.push(`${file}: its folder ${from} has no rank`)
      continue
    }
    for (const { specifier } of scan(file, read(file) ?? '').imports) {
      const local = resolveLocal(file, specifier, exists)
      if (!local || !local.startsWith(`${SRC}/`)) continue
      const to = folderOf(local)
      if (to === from || known.has(`${file} -> ${local}`)) continue
      const toRank = RANKS[to]
      if (toRank === undefined || toRank >= fromRank) out.push(`${file} -> ${local} (${from} ${fromRank} -> ${to} ${toRank ?? 'unranked'})`)
    }
  }
  return out
}

describe('pure modules', () => {
  const all = sourceFiles(SRC)
  const named = [...PURE_FOLDERS.flatMap(d => all.filter(f => f.startsWith(`${d}/`))), ...PURE_FILES, ...PURE_IF_PRESENT.filter(existsSync)]
  const marked = all.filter(f => saysPure(readFileSync(f, 'utf8')))
  const pure = [...new Set([...named, ...marked])].sort()

  it('are the files the architecture names, each saying "Pure" in its header', () => {
    for (const f of PURE_FILES) expect({ file: f, exists: existsSync(f) }).toEqual({ file: f, exists: true })
    expect(named.filter(f => !marked.includes(f))).toEqual([])
    expect(pure.length).toBeGreaterThanOrEqual(PURE_FILES.length + PURE_FOLDERS.length)
  })

  it('reach no file system, process, network, runner module, @actions package or fetch', () => {
    expect(violations(pure, readSource)).toEqual([])
  })
})

describe('the boundary check itself', () => {
  const files = (over: Record<string, string>) => {
    const tree: Record<string, string> = {
      'src/pure/a.ts': "// Pure.\nimport { b } from './b.js'\nexport const a = b\n",
      'src/pure/b.ts': '// Pure.\nexport const b = 1\n',
      'src/runner/commands.ts': "import * as core from '@actions/core'\nexport const info = core.info\n",
      'src/edge/disk.ts': "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n",
      ...over
    }
    return (f: string) => tree[f]
  }
  const check = (over: Record<string, string>) => violations(['src/pure/a.ts'], files(over))

  it('passes a clean tree', () => {
    expect(check({})).toEqual([])
  })

  it.each<[string, string, RegExp]>([
    ['node:fs', "import { readFileSync } from 'node:fs'", /imports node:fs \(the file system\)/],
    ['fs/promises without the node: prefix', "import { readFile } from 'fs/promises'", /imports fs\/promises/],
    ['node:child_process', "import { spawn } from 'node:child_process'", /imports node:child_process \(processes\)/],
    ['node:http', "import http from 'node:http'", /imports node:http \(the network\)/],
    ['node:https', "export { request } from 'node:https'", /imports node:https \(the network\)/],
    ['an @actions package', "import * as core from '@actions/core'", /imports @actions\/core/],
    ['the runner module', "import * as core from '../runner/commands.js'", /imports the runner module/],
    ['a dynamic import', "const m = await import('node:fs')", /imports node:fs/],
    ['a require', "const cp = require('child_process')", /imports child_process/],
    ['a fetch call', "const r = await fetch('https://example.com')", /src\/pure\/a\.ts:2 calls fetch/],
    ['globalThis.fetch', 'const r = await globalThis.fetch(url)', /calls fetch/],
    ['an impure module through a pure one', "import { read } from '../edge/disk.js'", /reached by src\/pure\/a\.ts -> src\/edge\/disk\.ts/]
  ])('finds %s', (_name, line, message) => {
    const found = check({ 'src/pure/a.ts': `// Pure.\n${line}\n` })
    expect(found.length).toBeGreaterThan(0)
    expect(found.join('\n')).toMatch(message)
  })

  it('finds a violation two modules away', () => {
    const found = check({ 'src/pure/b.ts': "// Pure.\nimport { spawn } from 'node:child_process'\nexport const b = spawn\n" })
    expect(found).toEqual([
      'src/pure/a.ts: src/pure/b.ts imports node:child_process (processes) (reached by src/pure/a.ts -> src/pure/b.ts)'
    ])
  })

  it.each<[string, string]>([
    ['fetch in a comment', '// never calls fetch() here'],
    ['module names in strings', "export const help = \"no 'node:fs' and fetch('x') in text\""],
    ['a method named fetch on another object', 'export const f = (c: { fetch(): void }) => c.fetch()'],
    ['a type-only import of an edge', "import type { read } from '../edge/disk.js'"],
    ['node:crypto and node:path', "import { createHash } from 'node:crypto'\nimport path from 'node:path'"]
  ])('lets %s pass', (_name, line) => {
    expect(check({ 'src/pure/a.ts': `// Pure.\n${line}\n` })).toEqual([])
  })

  it('reads the "Pure" mark from the header comment only', () => {
    expect(saysPure('// Parsing of lists. Pure.\nexport {}\n')).toBe(true)
    expect(saysPure('// Everything it decides is done by pure modules.\nexport {}\n')).toBe(false)
    expect(saysPure('import x from "y"\n// Pure.\n')).toBe(false)
  })
})

describe('the floors', () => {
  it('every import points down', () => {
    expect(upwardImports(sourceFiles(SRC), readSource, KNOWN_UPWARD)).toEqual([])
  })

  const tree: Record<string, string> = {
    'src/action/main.ts': "import { build } from '../buildx/build.js'\nimport { InputError } from '../errors.js'\n",
    'src/buildx/build.ts': "import type { Settings } from '../inputs/parse.js'\nimport { x } from './args.js'\n",
    'src/buildx/args.ts': 'export const x = 1\n',
    'src/inputs/parse.ts': 'export interface Settings {}\n',
    'src/errors.ts': 'export class InputError {}\n'
  }
  const check = (over: Record<string, string>, known?: ReadonlySet<string>) => {
    const all = { ...tree, ...over }
    return upwardImports(Object.keys(all).sort(), f => all[f], known)
  }

  it('passes imports that point down, and imports inside a folder', () => {
    expect(check({})).toEqual([])
  })

  it.each<[string, Record<string, string>, string]>([
    [
      'a tool saving state',
      { 'src/buildx/builder.ts': "import { saveState } from '../action/state.js'\n", 'src/action/state.ts': '' },
      'src/buildx/builder.ts -> src/action/state.ts (buildx 8 -> action 11)'
    ],
    [
      'a type-only import up',
      { 'src/docker/login.ts': "import type { RegistryLogin } from '../inputs/parse.js'\n" },
      'src/docker/login.ts -> src/inputs/parse.ts (docker 5 -> inputs 7)'
    ],
    [
      'an import sideways up inside a floor',
      { 'src/buildx/results.ts': "import { shape } from '../report/shape.js'\n", 'src/report/shape.ts': '' },
      'src/buildx/results.ts -> src/report/shape.ts (buildx 8 -> report 9)'
    ],
    [
      'an import between folders of one rank',
      { 'src/depot/build.ts': "import { sign } from '../sign/cosign.js'\n", 'src/sign/cosign.ts': '' },
      'src/depot/build.ts -> src/sign/cosign.ts (depot 10 -> sign 10)'
    ],
    [
      'an import from the ground up',
      { 'src/errors.ts': "import { x } from './buildx/args.js'\n" },
      'src/errors.ts -> src/buildx/args.ts (errors 1 -> buildx 8)'
    ],
    ['a folder with no rank', { 'src/extra/thing.ts': 'export {}\n' }, 'src/extra/thing.ts: its folder extra has no rank']
  ])('finds %s', (_name, over, found) => {
    expect(check(over)).toEqual([found])
  })

  it('lets a known exception pass, and only that one', () => {
    const over = {
      'src/inputs/plan.ts': "import { x } from '../buildx/args.js'\n",
      'src/inputs/other.ts': "import { x } from '../buildx/args.js'\n"
    }
    expect(check(over, new Set(['src/inputs/plan.ts -> src/buildx/args.ts']))).toEqual([
      'src/inputs/other.ts -> src/buildx/args.ts (inputs 7 -> buildx 8)'
    ])
  })
})
