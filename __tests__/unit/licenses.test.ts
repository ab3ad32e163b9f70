// dist/licenses.txt: which packages the bundle holds (from esbuild's metafile) and the text that
// names each with its version, licence and licence file, in an order that never changes.
import { describe, expect, it } from '@jest/globals'
import { build } from 'esbuild'
import { readdirSync } from 'node:fs'
import { bundledPackageDirs, readPackage, renderLicenses, type BundledPackage } from '../../scripts/licenses.mjs'

describe('bundledPackageDirs', () => {
  it.each<[string, string[], string[]]>([
    ['a plain package', ['node_modules/yaml/dist/index.js'], ['node_modules/yaml']],
    ['a scoped package', ['node_modules/@actions/core/lib/core.js'], ['node_modules/@actions/core']],
    [
      'a nested copy counts on its own',
      ['node_modules/a/index.js', 'node_modules/a/node_modules/semver/index.js'],
      ['node_modules/a', 'node_modules/a/node_modules/semver']
    ],
    ['a symlinked node_modules keeps its prefix', ['../main/node_modules/undici/index.js'], ['../main/node_modules/undici']],
    ['Windows separators', ['node_modules\\tunnel\\index.js'], ['node_modules/tunnel']],
    ['our own sources and files are not packages', ['src/cli/cli.ts', 'action.yml'], []],
    [
      'sorted, once each, whatever the input order',
      ['node_modules/yaml/b.js', 'node_modules/@actions/io/a.js', 'node_modules/yaml/a.js'],
      ['node_modules/@actions/io', 'node_modules/yaml']
    ]
  ])('%s', (_name, inputs, dirs) => {
    expect(bundledPackageDirs(inputs)).toEqual(dirs)
  })
})

describe('renderLicenses', () => {
  const a: BundledPackage = { name: 'alpha', version: '1.0.0', license: 'MIT', text: 'MIT text' }
  const b: BundledPackage = { name: '@scope/beta', version: '2.0.0', license: 'ISC', text: 'ISC text' }
  const c: BundledPackage = { name: 'gamma', version: '0.1.0', license: '', text: '' }

  it('names each package with its version, licence and licence text, sorted and once each', () => {
    const text = renderLicenses([c, a, b, a])
    expect(text).toBe(renderLicenses([b, a, c]))
    const heads = text.split('\n').filter(l => /^\S+ \d+\.\d+\.\d+$/.test(l))
    expect(heads).toEqual(['@scope/beta 2.0.0', 'alpha 1.0.0', 'gamma 0.1.0'])
    expect(text).toContain('alpha 1.0.0\nLicense: MIT\n\nMIT text')
    expect(text).toContain('gamma 0.1.0\nLicense: not declared\n\n(the package ships no licence file)')
  })
})

describe('the bundle', () => {
  it("names every package of the metafile's node_modules inputs, with its licence file", async () => {
    // The entry points and resolution of scripts/bundle.mjs decide which files are bundled.
    const entryPoints = readdirSync('src/entry')
      .filter(f => f.endsWith('.ts'))
      .map(f => `src/entry/${f}`)
    const result = await build({
      entryPoints,
      outdir: 'dist.licenses-test',
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      splitting: true,
      metafile: true,
      logLevel: 'silent',
      loader: { '.yml': 'text' }
    })
    const inputs = Object.keys(result.metafile.inputs)
    const dirs = bundledPackageDirs(inputs)
    expect(dirs.length).toBeGreaterThan(0)
    const text = renderLicenses(dirs.map(readPackage))
    for (const input of inputs.filter(p => p.includes('node_modules/'))) {
      const dir = dirs.find(d => input.startsWith(`${d}/`) && !input.slice(d.length + 1).includes('node_modules/'))
      expect(dir).toBeDefined()
      const pkg = readPackage(dir ?? '')
      expect(text).toContain(`${pkg.name} ${pkg.version}\nLicense: ${pkg.license}\n`)
      expect(pkg.text).not.toBe('')
    }
  })
})
