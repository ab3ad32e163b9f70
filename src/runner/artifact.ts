// Workflow artifacts: one file uploaded through GitHub's artifact service (@actions/artifact, loaded
// only when a file is uploaded, so a run that uploads nothing never loads it). The service is
// reached through ACTIONS_RESULTS_URL with ACTIONS_RUNTIME_TOKEN, which the runner gives every
// JavaScript action.
import path from 'node:path'

export interface UploadedArtifact {
  name: string
  id: number
  size: number
  /** the artifact's page: <server>/<repository>/actions/runs/<run id>/artifacts/<id> */
  url: string
}

/** Why an artifact cannot be uploaded here; '' when it can. */
export function artifactServiceMissing(env: NodeJS.ProcessEnv = process.env): string {
  if (!env['ACTIONS_RUNTIME_TOKEN'] || !env['ACTIONS_RESULTS_URL']) {
    return 'no artifact service here (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only on a GitHub Actions runner)'
  }
  let host = ''
  try {
    host = new URL(env['GITHUB_SERVER_URL'] || 'https://github.com').hostname.toLowerCase()
  } catch {
    host = ''
  }
  // what @actions/artifact's own client refuses: its artifact service is not on GitHub Enterprise Server
  if (host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost')) {
    return 'GitHub Enterprise Server has no artifact service that @actions/artifact 2 or later can use'
  }
  return ''
}

/**
 * Uploads `file` as an artifact named after it that downloads as the file itself (no zip around
 * it). retentionDays 0: the repository's default.
 */
export async function uploadFileArtifact(
  file: string,
  retentionDays: number,
  env: NodeJS.ProcessEnv = process.env
): Promise<UploadedArtifact> {
  // The upload function of @actions/artifact 6.2.1 (pinned), the one its DefaultArtifactClient
  // calls, from its own file: the package's one entry point (its exports map names no other) would
  // also bundle the download side (unzip-stream and its dependencies), which is never used here.
  const { uploadArtifact } = await import('../../node_modules/@actions/artifact/lib/internal/upload/upload-artifact.js')
  const name = path.basename(file)
  const response = await uploadArtifact(name, [file], path.dirname(file), {
    skipArchive: true,
    ...(retentionDays > 0 ? { retentionDays } : {})
  })
  if (response.id === undefined) throw new Error('the artifact service gave no artifact id')
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '')
  return {
    name,
    id: response.id,
    size: response.size ?? 0,
    url: `${server}/${env['GITHUB_REPOSITORY'] ?? ''}/actions/runs/${env['GITHUB_RUN_ID'] ?? ''}/artifacts/${response.id}`
  }
}
