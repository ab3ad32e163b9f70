// One bundler config: src/entry/*.ts -> dist/*.js (ESM, node24), and dist/licenses.txt for the
// packages bundled in. Builds into a fresh folder and swaps it in, so a running test never sees a
// half-written dist/.
import { build } from 'esbuild'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { bundledPackageDirs, readPackage, renderLicenses } from './licenses.mjs'

const entryPoints = Object.fromEntries(
  readdirSync('src/entry')
    .filter(f => f.endsWith('.ts'))
    .map(f => [f.slice(0, -3), `src/entry/${f}`])
)
const tmp = `dist.tmp-${process.pid}`
rmSync(tmp, { recursive: true, force: true })
const result = await build({
  entryPoints,
  outdir: tmp,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // Which files were bundled: their packages' licences go to licenses.txt.
  metafile: true,
  // action.yml is embedded as text (the CLI lists the action's inputs from it).
  loader: { '.yml': 'text' },
  // The CLI's --version: package.json's version only, so a devDependencies update leaves dist/ alone.
  define: { BUILD_IMAGE_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  // Bundled CommonJS dependencies call require() for node builtins.
  banner: {
    js: "import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);"
  }
})
writeFileSync(`${tmp}/licenses.txt`, renderLicenses(bundledPackageDirs(Object.keys(result.metafile.inputs)).map(readPackage)))
const old = `dist.old-${process.pid}`
if (existsSync('dist')) renameSync('dist', old)
renameSync(tmp, 'dist')
rmSync(old, { recursive: true, force: true })
