// The checks a release tag must pass before it is published (run by .github/workflows/release.yml
// on the tagged commit, and by hand before tagging): the tag is vX.Y.Z, package.json's version is
// X.Y.Z, CHANGELOG.md has a dated section for it, and the moving major tag it updates is vX.
//   node scripts/release-check.mjs vX.Y.Z [--notes FILE]   prints the major tag (and writes the
//   CHANGELOG section to FILE, the release notes), or prints the problems and exits 1
//   node scripts/release-check.mjs vX.Y.Z --newest-of TAGS-FILE   exits 0 when the tag is the newest
//   of its major version among the tags listed in the file (one per line), 1 otherwise
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/**
 * What is wrong with releasing `tag` from a tree whose package.json version is `version` and whose
 * CHANGELOG.md reads `changelog`; and the moving major tag (`v1` for `v1.2.3`) when nothing is.
 * Pre-releases are not published through the moving tag, so they are refused here.
 */
export function releaseProblems({ tag, version, changelog }) {
  const problems = []
  const m = TAG.exec(tag)
  if (!m) {
    problems.push(`tag '${tag}' is not vMAJOR.MINOR.PATCH (for example v1.2.3)`)
    return { problems, major: undefined }
  }
  const release = tag.slice(1)
  if (version !== release) problems.push(`package.json's version is '${version}', the tag says '${release}'`)
  const section = changelogSection(changelog, release)
  if (section === undefined) {
    problems.push(`CHANGELOG.md has no section '## [${release}] - YYYY-MM-DD'`)
  } else if (!section.body.trim()) {
    problems.push(`CHANGELOG.md's section for ${release} is empty`)
  }
  return { problems, major: problems.length ? undefined : `v${m[1]}` }
}

/**
 * Whether `tag` is the newest release of its major version among `tags` (the repository's tags), so
 * that moving `vX` to it moves forward: a patch of an older minor (v1.2.4 after v1.3.0) is released
 * but leaves `vX` where it is.
 */
export function newestOfMajor(tag, tags) {
  const parse = t => TAG.exec(t)?.slice(1, 4).map(Number)
  const mine = parse(tag)
  if (!mine) return false
  return tags.every(other => {
    const v = parse(other)
    if (!v || v[0] !== mine[0]) return true
    return v[1] < mine[1] || (v[1] === mine[1] && v[2] <= mine[2])
  })
}

/** The `## [X.Y.Z] - YYYY-MM-DD` section of a Keep a Changelog file: its date and its text. */
export function changelogSection(changelog, release) {
  const lines = changelog.split('\n')
  const escaped = release.replace(/\./g, '\\.')
  const heading = new RegExp(`^## \\[${escaped}\\] - (\\d{4}-\\d{2}-\\d{2})\\s*$`)
  const start = lines.findIndex(l => heading.test(l))
  if (start < 0) return undefined
  const date = heading.exec(lines[start])[1]
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l))
  if (end < 0) end = lines.length
  // link references ([1.2.3]: https://...) at the end belong to no section
  const body = lines
    .slice(start + 1, end)
    .filter(l => !/^\[[^\]]+\]:\s/.test(l))
    .join('\n')
  return { date, body }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tag = process.argv[2] ?? ''
  const newest = process.argv.indexOf('--newest-of')
  if (newest > 0) {
    const tags = readFileSync(process.argv[newest + 1], 'utf8')
      .split('\n')
      .filter(Boolean)
    process.exit(newestOfMajor(tag, tags) ? 0 : 1)
  }
  const root = new URL('..', import.meta.url)
  const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
  const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8')
  const { problems, major } = releaseProblems({ tag, version, changelog })
  if (problems.length) {
    for (const p of problems) console.error(`release-check: ${p}`)
    process.exit(1)
  }
  const notes = process.argv.indexOf('--notes')
  if (notes > 0) writeFileSync(process.argv[notes + 1], changelogSection(changelog, tag.slice(1)).body.trim() + '\n')
  console.log(major)
}
