// One bundler config: src/entry/{main,post}.ts -> dist/{main,post}.js (ESM, node24).
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })
await build({
  entryPoints: { main: 'src/entry/main.ts', post: 'src/entry/post.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.js' },
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for node builtins.
  banner: {
    js: "import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);"
  }
})
