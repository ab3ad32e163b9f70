// The licences of what the bundle contains, for dist/licenses.txt. The collector and the renderer
// are pure (tested in __tests__/unit/licenses.test.ts); only readPackage touches the disk.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The package folders whose files esbuild bundled, from the metafile's input paths: the part up to
 * the package name after the last node_modules/ (so a nested copy counts on its own). Sorted and
 * without repeats, whatever order esbuild listed the inputs in.
 */
export function bundledPackageDirs(inputPaths) {
  const dirs = new Set()
  for (const input of inputPaths) {
    const p = input.replaceAll('\\', '/')
    const at = p.lastIndexOf('node_modules/')
    if (at < 0) continue
    const rest = p.slice(at + 'node_modules/'.length).split('/')
    const name = rest[0]?.startsWith('@') ? rest.slice(0, 2).join('/') : rest[0]
    if (name) dirs.add(`${p.slice(0, at)}node_modules/${name}`)
  }
  return [...dirs].sort()
}

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i

/** A bundled package's name, version, declared licence and licence text, read from its folder. */
export function readPackage(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const files = readdirSync(dir)
    .filter(f => LICENSE_FILE.test(f))
    .sort()
  const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? '')
  return {
    name: manifest.name,
    version: manifest.version,
    license,
    text: files.map(f => readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n').trimEnd()).join('\n\n') || readmeLicense(dir)
  }
}

/** A package without a licence file states its licence in its README's License section: that section. */
function readmeLicense(dir) {
  const readme = readdirSync(dir).find(f => /^readme(\.(md|markdown|txt))?$/i.test(f))
  if (!readme) return ''
  const text = readFileSync(path.join(dir, readme), 'utf8').replace(/\r\n/g, '\n')
  const m = /^(#{1,6}) *Licen[cs]e\b.*\n([\s\S]*?)(?=^#{1,6} |(?![\s\S]))/im.exec(text)
  return m ? `${m[0].trimEnd()}\n(from ${readme}: the package ships no licence file)` : ''
}

/** The text of dist/licenses.txt: one section per package, sorted by name then version. */
export function renderLicenses(packages) {
  const unique = new Map()
  for (const p of packages) unique.set(`${p.name}@${p.version}`, p)
  const sorted = [...unique.values()].sort((a, b) => (a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1))
  const sections = sorted.map(p =>
    [`${p.name} ${p.version}`, `License: ${p.license || 'not declared'}`, '', p.text || '(the package ships no licence file)'].join('\n')
  )
  const head = 'Third-party packages bundled in dist/, with their licences (written by scripts/bundle.mjs).'
  return `${[head, ...sections].join(`\n\n${'-'.repeat(78)}\n\n`)}\n`
}
