#!/usr/bin/env node
import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run as run2
} from "./chunks/chunk-TCRKU4V3.js";
import {
  entryOfName,
  parseInputs,
  require_dist,
  run
} from "./chunks/chunk-FTM5DSED.js";
import "./chunks/chunk-IMQEXETX.js";
import {
  DASH,
  basesFor,
  formatBytes,
  formatDuration,
  loadState,
  manifestKnown,
  mediaTypeName,
  shortDigest,
  sourceName,
  summaryLine
} from "./chunks/chunk-T35XZUKL.js";
import {
  parseCsvFields
} from "./chunks/chunk-A4RQGTCT.js";
import "./chunks/chunk-2XNRSSTS.js";
import {
  InputError,
  UsageError,
  messageOf
} from "./chunks/chunk-BD33GHV7.js";
import "./chunks/chunk-6I7YH7XL.js";
import {
  __toESM
} from "./chunks/chunk-Q4S23IGS.js";

// action.yml
var action_default = `name: Build image
description: Build multi-arch container images with Docker Buildx (or Depot), push by digest and merge, bake matrices, and report every manifest, layer and base image.
author: build-image-action
branding:
  icon: layers
  color: blue

inputs:
  # --- what to do -------------------------------------------------------------------------------
  mode:
    description: "build (default) runs the build; merge creates a manifest list from per-platform digests of earlier jobs and applies the tags; plan builds nothing and outputs the reusable release workflow's build and merge matrices (build-matrix, merge-matrix) from image, tags, platforms, runners and default-runner, or from bake files and targets."
    default: build
  engine:
    description: 'auto, buildx or depot. auto uses Depot when running in GitHub Actions with a Depot project (depot-project, DEPOT_PROJECT_ID or depot.json) and credentials (a token or GitHub OIDC), otherwise buildx; the choice and its reason are logged and shown in the summary.'
    default: auto

  # --- buildx setup (docker/setup-buildx-action) -------------------------------------------------
  buildx-version:
    description: "Empty (the default): the buildx already installed when it is 0.13.0 or later, else the latest release downloaded, as docker/setup-buildx-action does. latest or an exact version (0.29.1) downloads that release; installed takes the installed buildx whatever its version. Downloads are verified against the release's sha256 checksums and cached."
    default: ''
  buildx-download-url:
    description: "Base URL of a buildx release mirror with GitHub's layout (<url>/download/v<version>/buildx-v<version>.linux-amd64 and checksums.txt), over https (plain http only for a mirror on this machine: localhost, 127.0.0.1, [::1]). Default: GitHub releases."
    default: ''
  buildx-sha256:
    description: "sha256 of the buildx release binary for buildx-version (an exact version), checked instead of the release's checksums file: a tool-cache hit is verified against it without any download, and a mismatch fails before anything is built."
    default: ''
  builder:
    description: "Name of an existing builder to use. When builder and driver are empty, the job's current builder (BUILDX_BUILDER, else the one \`docker buildx use\` or docker/setup-buildx-action chose), else the engine's own; a request the engine's builder cannot build (several platforms or a cache export on the classic image store, push-by-digest) gets a docker-container builder of its own that post removes."
    default: ''
  driver:
    description: "Builder driver: docker (the engine's own builder), docker-container, remote or kubernetes (a new builder that post removes). Empty: see builder."
    default: ''
  driver-opts:
    description: "Driver options, one per line (buildx create --driver-opt), for a new builder: also the one made for a request the engine's builder cannot build (e.g. image=moby/buildkit:v0.25.1, network=host)."
    default: ''
  buildkitd-config:
    description: 'Path of a buildkitd TOML config for a new builder (GC policy, registries).'
    default: ''
  buildkitd-config-inline:
    description: 'Inline buildkitd TOML config for a new builder.'
    default: ''
  buildkitd-flags:
    description: 'Flags for buildkitd of a new builder. Empty: as docker/setup-buildx-action, --allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host (docker-container and kubernetes drivers).'
    default: ''
  endpoint:
    description: 'Builder endpoint: tcp://host:port for the remote driver, or a docker context.'
    default: ''
  builder-platforms:
    description: 'Platforms a new builder declares (buildx create --platform), comma or newline separated.'
    default: ''
  keep-builder:
    description: 'Keep the builder main created instead of removing it in post.'
    default: 'false'
  builder-scope:
    description: 'none (default: a throwaway builder that post removes), job, branch, repo or actor. For persistent builders on self-hosted runners: the builder is named \`build-image-{scope}-{hash}\`, the hash being the first 12 hex digits of the sha256 of the scope key (the repository, plus the branch, the actor, or the run and job), reused when it exists with the driver (and remote endpoint; for docker-container the driver-opts, buildkitd flags and config, and the image its container runs) asked for, else refused, and kept after the job, so different repositories, branches or actors never share a builder or its cache. A pull request from a fork (also through workflow_run or a pull request comment) gets a builder of its own. Needs a driver other than docker.'
    default: none
  allow-fork-cache-write:
    description: 'Let a run started by a pull request from a fork (pull_request*, workflow_run of one, issue_comment on one) export cache (cache-to) and share the scoped builder. By default cache-to is dropped with a warning for such runs (inline cache is kept).'
    default: 'false'

  # --- registry login (docker/login-action) -------------------------------------------------------
  registry:
    description: "Registry to log in to before building (host[:port], e.g. ghcr.io). Empty with a username and password: Docker Hub. No login at all when username and password are empty (the docker config's existing logins are used)."
    default: ''
  username:
    description: 'Username for the registry login.'
    default: ''
  password:
    description: 'Password or token for the registry login (use a secret). Masked; given to \`docker login\` on its standard input, never in arguments, outputs or state.'
    default: ''
  logout:
    description: "Log out of the registry in post (the login is for this step's job only)."
    default: 'true'
  registry-auth:
    description: "More registry logins, as docker/login-action's \`registry-auth\` reads them: a YAML list of \`registry\` (empty: Docker Hub), \`username\` and \`password\` (use secrets), e.g. \`- registry: ghcr.io\` / \`username: ...\` / \`password: ...\`. Each registry once, also across the registry input; each password masked before the list is read, given to \`docker login\` on its standard input. All are logged in before the build and logged out in post (logout), also after a failed or cancelled run. \`ecr: false\` is taken; \`scope\`, and \`ecr\` with AWS access keys, are refused (docs/registry-login.md)."
    default: ''

  # --- signing what is pushed (docker/github-builder's sign) ---------------------------------------
  sign:
    description: 'Sign what is pushed with cosign: each pushed index (or manifest) and its attestation manifests, by digest, never by tag. auto: sign when pushing and the job has a sign-key or can get an OIDC token (\`permissions: id-token: write\`); true: sign, or fail before building when it cannot; false: never.'
    default: 'auto'
  sign-key:
    description: 'A cosign private key (PEM, as \`cosign generate-key-pair\` writes it; use a secret) or a KMS URI (awskms://, gcpkms://, azurekms://, hashivault://, k8s://): key-based signing instead of keyless. Masked; reaches cosign only through its environment, never arguments, outputs or state.'
    default: ''
  sign-key-password:
    description: "The sign-key's password (use a secret). Masked; given to cosign as COSIGN_PASSWORD in its environment only."
    default: ''
  sign-fulcio-url:
    description: "A private Sigstore's Fulcio (https) for keyless signing. Empty: Sigstore's public instance."
    default: ''
  sign-rekor-url:
    description: "A private Sigstore's Rekor (https), the transparency log the signatures are entered in. Empty: Sigstore's public instance."
    default: ''
  sign-tlog:
    description: 'false: no transparency log entry (a private key, or a private Fulcio, without Rekor); the verify commands then say --insecure-ignore-tlog=true.'
    default: 'true'
  cosign-version:
    description: "cosign to sign with: empty takes the installed cosign when it can sign (cosign 2.6 or later), else downloads the latest release; installed, latest, or a version like 3.1.1 (downloaded, verified against the release's cosign_checksums.txt, cached)."
    default: ''
  cosign-download-url:
    description: "Base URL of a cosign release mirror with GitHub's layout (<url>/download/v<version>/cosign-linux-amd64 and cosign_checksums.txt), over https (plain http only for a mirror on this machine). Default: GitHub releases."
    default: ''
  cosign-sha256:
    description: "sha256 of the cosign release binary for cosign-version (an exact version), checked instead of the release's cosign_checksums.txt: a tool-cache hit is verified against it without any download, and a mismatch fails before anything is built."
    default: ''

  # --- one build (docker/build-push-action) -------------------------------------------------------
  context:
    description: "Build context: a path or a Git URL. Default: the run's Git context (\`<server>/<owner>/<repo>.git#<commit>\`, as docker/build-push-action builds it; no checkout needed), which \`{{defaultContext}}\` stands for here and in build-contexts, e.g. \`{{defaultContext}}:sub/dir\`. Outside a workflow run: the current directory."
    default: ''
  github-token:
    description: "Token for the run's Git repository, never logged or put in argv: a build of the run's Git context gets it as the secret GIT_AUTH_TOKEN.<host of GITHUB_SERVER_URL> (only when the context or a build context is that Git context and no GIT_AUTH_TOKEN secret is given); a remote bake definition is fetched with it (BUILDX_BAKE_GIT_AUTH_TOKEN)."
    default: '\${{ github.token }}'
  file:
    description: 'Path of the Dockerfile. Default: <context>/Dockerfile. With a Git context, a path inside the repository.'
    default: ''
  tags:
    description: 'Image references to tag, comma or newline separated. With matrix, templates like app:{{variant}}.'
    default: ''
  labels:
    description: 'Image labels, KEY=VALUE per line.'
    default: ''
  annotations:
    description: 'Annotations, one per line (buildx --annotation), e.g. index:org.opencontainers.image.description=...'
    default: ''
  build-args:
    description: 'Build arguments, KEY=VALUE per line.'
    default: ''
  build-contexts:
    description: 'Additional build contexts, name=path-or-ref per line.'
    default: ''
  secrets:
    description: 'Build secrets as id=value per line; values are masked and written to private temporary files, removed right after the build.'
    default: ''
  secret-files:
    description: 'Build secrets from files, id=path per line.'
    default: ''
  secret-envs:
    description: 'Build secrets from environment variables, id=VARIABLE per line.'
    default: ''
  platforms:
    description: 'Target platforms, comma or newline separated, e.g. linux/amd64,linux/arm64.'
    default: ''
  target:
    description: 'Dockerfile stage to build.'
    default: ''
  push:
    description: 'Push the image (shorthand for --output type=registry).'
    default: 'false'
  push-by-digest:
    description: 'Push untagged, by digest, to the repository named by tags (for a per-platform job whose digest a later merge job combines). Implies push.'
    default: 'false'
  push-retries:
    description: 'How often a push that failed with a transient registry error (a 5xx status, 429, a reset, dropped or timed-out connection) is pushed again after a build that succeeded: the same build again, every step a cache hit, so nothing is rebuilt; 2 s before the first retry, twice as long before each next (at most 30 s). A 401, 403, 404 or a refused manifest fails at once. 0: no retries; at most 10.'
    default: '2'
  load:
    description: 'Load the image into the Docker engine (shorthand for --output type=docker).'
    default: 'false'
  outputs:
    description: 'Exporters, one per line (buildx --output), e.g. type=oci,dest=image.tar.'
    default: ''
  cache-from:
    description: 'Cache sources, one per line (buildx --cache-from).'
    default: ''
  cache-to:
    description: 'Cache destinations, one per line (buildx --cache-to).'
    default: ''
  call:
    description: "The Dockerfile frontend request (buildx --call), as docker/build-push-action: build (default), check (run the Dockerfile's build checks, fail on warnings, build and push nothing), outline (the build args, secrets and ssh a target takes) or targets (the stages). Options after a comma: ignorestatus=true (check reports but does not fail). Single builds need buildx 0.15, bake files and matrix targets 0.16; the depot CLI has no such flag."
    default: ''
  provenance:
    description: 'Provenance attestation: true, false, or options like mode=max. Default: mode=min (mode=max on public repositories) where the builder supports attestations.'
    default: ''
  sbom:
    description: 'SBOM attestation: true, false, or options.'
    default: ''
  attests:
    description: "Attestations, one per line (buildx --attest), e.g. type=provenance,mode=max or type=sbom. A type given here replaces the provenance or sbom input's default."
    default: ''
  no-cache:
    description: 'Do not use the build cache.'
    default: 'false'
  no-cache-filters:
    description: 'Stages to build without the cache, comma or newline separated (buildx --no-cache-filter).'
    default: ''
  pull:
    description: 'Always pull referenced images.'
    default: 'false'
  ssh:
    description: 'SSH agent sockets or keys the build may use, one per line (buildx --ssh), e.g. default or deploy=/path/to/key.'
    default: ''
  cgroup-parent:
    description: 'Parent cgroup for RUN instructions (buildx --cgroup-parent).'
    default: ''
  network:
    description: 'Network mode for RUN instructions (default, host, none).'
    default: ''
  shm-size:
    description: 'Size of /dev/shm for RUN instructions, e.g. 2g.'
    default: ''
  ulimit:
    description: 'Ulimit options, one per line, e.g. nofile=1024:1024.'
    default: ''
  add-hosts:
    description: 'Custom host-to-IP mappings, host:ip, comma or newline separated.'
    default: ''
  allow:
    description: 'Extra privileged entitlements, e.g. network.host, security.insecure.'
    default: ''

  # --- many builds ------------------------------------------------------------------------------
  files:
    description: 'Bake files (HCL, JSON or compose), one per line. Runs docker buildx bake.'
    default: ''
  targets:
    description: "Bake targets, comma or newline separated. Default: the bake file's default group."
    default: ''
  set:
    description: 'Bake overrides, targetpattern.key=value per line (bake --set).'
    default: ''
  source:
    description: "Where the bake reads its definition (docker/bake-action's source): a folder the bake runs in (e.g. ./test/go), or a remote Git or HTTPS context; {{defaultContext}} stands for the run's Git context. Default: the working directory when it holds the definition (a checkout), else the Git context of the run's repository at its commit (no checkout needed). Files prefixed cwd:// are read from the working directory, also for a remote source."
    default: ''
  vars:
    description: 'Bake variables, NAME=VALUE per line (buildx --var from buildx 0.31; the bake environment before).'
    default: ''
  matrix:
    description: 'Variant axes in YAML (axis: [values], include, exclude). Each combination becomes a bake target with the axis values as build args; all run in one bake so shared stages build once.'
    default: ''
  matrix-name:
    description: 'Template for matrix target names, e.g. {{variant}}-{{toolchain}}.'
    default: ''
  platform-split:
    description: 'Build each platform on its own (on the node that serves it), push each by digest, and only when all succeeded create and tag one manifest list.'
    default: 'false'
  max-parallel:
    description: 'How many platform builds run at once with platform-split.'
    default: '4'
  digests:
    description: 'merge mode: digests to merge (sha256:... or repository@sha256:...), comma or newline separated.'
    default: ''
  digests-from:
    description: 'merge mode: files holding digests, one per line (for example downloaded artifacts of build jobs).'
    default: ''
  image:
    description: "plan mode: the repository to push to, without a tag (lowercased); bare tags in tags are applied to it. Not with bake files or targets (each target's first tag names its repository)."
    default: ''
  runners:
    description: 'plan mode: JSON map of platform to runner label (or list of labels); platforms not in it run on default-runner.'
    default: ''
  default-runner:
    description: 'plan mode: the runner label for platforms not in runners.'
    default: ''

  # --- reporting --------------------------------------------------------------------------------
  base-annotations:
    description: "Add org.opencontainers.image.base.name and .base.digest annotations for the final stage's base image."
    default: 'false'
  summary:
    description: 'Write the job summary (and export the build records it links).'
    default: 'true'
  compare-with:
    description: "An image reference (tag or digest) to compare each built image with, platform by platform: size, layers added and removed, base image, config (the changes output and a summary section). \`{{target}}\` and matrix axes are placeholders, e.g. ghcr.io/org/app:{{variant}}. Empty: when pushing, each target's tags as the registry served them just before this step moved them. false: no comparison. Reads manifests and configs only, with the step's logins; an image or platform that does not exist is said, not an error."
    default: ''
  max-size-increase:
    description: 'Fail the step when a platform of a built image grew by more than this over the compared image: bytes with a unit (500KiB, 10MB, 1GiB) or a percentage (5%). Without push, a pull-request check that pushes nothing.'
    default: ''
  build-record-upload:
    description: "Upload the exported build records (buildx >= 0.23) as one workflow artifact in post, a single \`.dockerbuild\` file that downloads as itself. Off with false, or with docker's DOCKER_BUILD_RECORD_UPLOAD=false; DOCKER_BUILD_RECORD_RETENTION_DAYS sets how long it is kept."
    default: 'true'

  # --- Depot (engine: depot, or auto when Depot is configured) ------------------------------------
  depot-project:
    description: "Depot project ID. Default: the DEPOT_PROJECT_ID environment variable, else the id in the build context's depot.json."
    default: ''
  depot-token:
    description: 'Depot API token (use a secret). Default: the DEPOT_TOKEN environment variable, else GitHub OIDC when the job has \`permissions: id-token: write\`. Masked; passed to the CLI only in its environment, never in arguments, outputs or state.'
    default: ''
  depot-version:
    description: "Depot CLI version: latest, an exact version (2.102.12), or installed (a depot already on PATH). Downloads are verified against depot-sha256 or the release's checksums file and kept in the tool cache."
    default: latest
  depot-download-url:
    description: "Base URL of a Depot CLI release mirror with GitHub's layout (<url>/download/v<version>/depot_<version>_linux_amd64.tar.gz and depot_<version>_checksums.txt; <url>/latest redirecting to <url>/tag/v<version>), over https (plain http only for a mirror on this machine). Default: GitHub releases of depot/cli."
    default: ''
  depot-sha256:
    description: "sha256 of the release archive for depot-version, checked instead of the release's checksums file."
    default: ''
  depot-fallback:
    description: 'With engine: depot, build with buildx (with a warning) when Depot cannot be used before the build starts: no credentials, CLI missing or unverifiable, API unreachable or refusing the credentials. engine: auto always falls back. A build that started on Depot and failed is never retried.'
    default: 'false'
  depot-build-platform:
    description: 'Depot builder platform: dynamic (default), linux/amd64 or linux/arm64 (depot --build-platform).'
    default: ''
  depot-save:
    description: "Also save the image to Depot's registry (depot --save)."
    default: 'false'
  # Depot's own action names (depot/build-push-action, depot/bake-action)
  project:
    description: "Depot's name for depot-project. A Depot input: with it Depot builds, or the step fails saying why (never a silent buildx build)."
    default: ''
  token:
    description: "Depot's name for depot-token (use a secret)."
    default: ''
  buildx-fallback:
    description: "Depot's name for depot-fallback. Falls back only before the build starts; a build that failed on Depot is not run again with buildx."
    default: ''
  build-platform:
    description: "Depot's name for depot-build-platform."
    default: ''
  save:
    description: "Depot's name for depot-save."
    default: ''
  save-tag:
    description: "Tags for the image saved to Depot's registry (depot --save-tag), comma or newline separated; needs save."
    default: ''
  save-tags:
    description: 'Same as save-tag (depot/build-push-action takes both).'
    default: ''
  lint:
    description: 'Lint the Dockerfiles on Depot before building (depot --lint).'
    default: 'false'
  lint-fail-on:
    description: 'Lint severity that fails the build: info, warn, error (the CLI default) or none (depot --lint-fail-on); needs lint.'
    default: ''
  sbom-dir:
    description: 'Folder for the SBOMs of the built images (depot --sbom-dir).'
    default: ''
  workdir:
    description: "depot/bake-action's name for a local source: the folder the bake runs in."
    default: ''

outputs:
  build-matrix:
    description: 'plan mode: the build jobs, {"include":[{target, platform, runner, repository, artifact}]}, for strategy.matrix.'
  merge-matrix:
    description: 'plan mode: the merge jobs, one per target, {"include":[{target, tags, digests, artifact}]}, for strategy.matrix.'
  imageid:
    description: 'Image ID (config digest), as docker/build-push-action.'
  digest:
    description: 'Image digest: the manifest list (index) digest for multi-platform images.'
  metadata:
    description: 'Build result metadata (buildx --metadata-file); keyed by target for bake and matrix builds.'
  digests:
    description: 'JSON map of target to index digest.'
  builder-name:
    description: 'Name of the builder used.'
  builder-driver:
    description: 'Driver of the builder used.'
  builder-platforms:
    description: 'Platforms the builder supports, comma separated.'
  manifests:
    description: 'JSON per target: index digest, media type, real platforms (manifest and config digests, size) and attestation manifests, each linked to the manifest it attests.'
  layers:
    description: 'JSON per target and platform: layers (digest, size, media type), last layer digest and total size.'
  last-layer-digest:
    description: 'Digest of the last layer, for a single target with a single platform.'
  platforms:
    description: 'JSON per target: the real platforms built (never unknown/unknown).'
  base-images:
    description: 'JSON per target: base images (name, digest, platform, source).'
  check-warnings:
    description: 'Build check warnings as JSON, target -> [{rule, message, url, file, line}] (file relative to the workspace): of every build, or of call: check.'
  build-records:
    description: "The exported build record (\`.dockerbuild\`, as \`buildx history export\` writes it; buildx >= 0.23) of each build as JSON, target -> file path (a platform split: target@platform). The files live until the post step. Not set when the summary is off (\`summary: false\`, \`DOCKER_BUILD_SUMMARY=false\`), as docker's actions then export no record, nor for a step without an \`id\` (the runner drops such a step's outputs): its records are exported by post."
  call-result:
    description: 'What buildx answered to the call input (check, outline, targets) as JSON, as \`--call <request>,format=json\` prints it (for bake and matrix: one entry per target).'
  depot-build-id:
    description: "ID of the Depot build (from the metadata's depot.build), when Depot built."
  depot-project-id:
    description: 'Depot project the build ran in, when Depot built.'
  build-id:
    description: "Depot's name for depot-build-id."
  project-id:
    description: "Depot's name for depot-project-id."
  signatures:
    description: 'JSON list of what was signed: target, kind (index, manifest or attestation), ref (repository@digest), digest, and for an attestation the digest it attests.'
  verify-commands:
    description: 'The \`cosign verify\` command lines that check each signature, one per line (also in the job summary).'
  changes:
    description: 'JSON per target and platform, against compare-with: compareWith, comparedDigest, digest, compared (false with a note when there was nothing to compare), sizeBefore, sizeAfter, sizeDelta (compressed layer bytes), layers.added and layers.removed (digest, size), layers.kept, baseImage (changed, unchanged, unknown) and config changes (entrypoint, cmd, env names, exposedPorts, user, labels).'

runs:
  using: node24
  main: dist/main.js
  post: dist/post.js
  post-if: always()
`;

// src/cli/cli.ts
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// src/cli/flags.ts
var import_yaml = __toESM(require_dist(), 1);
var SHORT_FLAGS = { t: "tags", f: "file" };
var CLI_DEFAULTS = {
  context: ".",
  "buildx-version": "installed",
  "depot-version": "installed",
  engine: "buildx"
};
function argvSecretWarnings(inputs) {
  const out = [];
  const inline = (inputs["secrets"] ?? "").split("\n").filter((l) => l.trim() !== "");
  if (inline.length > 0)
    out.push(
      `--secret id=value on the command line is seen by ps and kept in shell history (${inline.length} given); use --secret-env id=VARIABLE or --secret-file id=PATH (or buildx's --secret id=ID,env=VARIABLE and id=ID,src=PATH), or ${INPUT_ENV_PREFIX}SECRETS`
    );
  if (inputs["depot-token"] !== void 0)
    out.push(
      `--depot-token on the command line is seen by ps and kept in shell history; set DEPOT_TOKEN (or ${INPUT_ENV_PREFIX}DEPOT_TOKEN) in the environment instead`
    );
  if ((inputs["sign-key"] ?? "").includes("PRIVATE KEY"))
    out.push(
      `--sign-key with a PEM key on the command line is seen by ps and kept in shell history; use a KMS URI, or ${INPUT_ENV_PREFIX}SIGN_KEY`
    );
  if (inputs["sign-key-password"] !== void 0)
    out.push(
      "--sign-key-password on the command line is seen by ps and kept in shell history; set COSIGN_PASSWORD in the environment instead"
    );
  if (inputs["registry-auth"] !== void 0)
    out.push(
      "--registry-auth on the command line (its passwords) is seen by ps and kept in shell history; set BUILD_IMAGE_INPUT_REGISTRY_AUTH in the environment or put registry-auth in a --config file instead"
    );
  return out;
}
var PASSWORD_ENV = "BUILD_IMAGE_PASSWORD";
var INPUT_ENV_PREFIX = "BUILD_IMAGE_INPUT_";
function inputEnvName(input) {
  return `${INPUT_ENV_PREFIX}${input.replace(/[- ]/g, "_").toUpperCase()}`;
}
function envInputs(specs, env) {
  const inputs = {};
  const variables = [];
  const known = new Map(specs.map((s) => [inputEnvName(s.name), s.name]));
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(INPUT_ENV_PREFIX) || value === void 0) continue;
    const name = known.get(key);
    if (!name)
      throw new UsageError(`${key}: no input is named ${key.slice(INPUT_ENV_PREFIX.length).toLowerCase().replace(/_/g, "-")} (see --help)`);
    inputs[name] = value;
    variables.push(key);
  }
  const password = env[PASSWORD_ENV];
  if (password !== void 0) {
    if (inputs["password"] === void 0 && password !== "") inputs["password"] = password;
    variables.push(PASSWORD_ENV);
  }
  return { inputs, variables: variables.sort() };
}
function buildxSecretForms(inputs) {
  const lines = (inputs["secrets"] ?? "").split("\n");
  if (!lines.some((l) => /^\s*(id|type)=[^,]*,/.test(l))) return inputs;
  const values = [];
  const envs = [];
  const files = [];
  for (const line of lines) {
    if (!/^\s*(id|type)=[^,]*,/.test(line)) {
      values.push(line);
      continue;
    }
    let f;
    try {
      f = parseCsvFields(line.trim(), "secrets");
    } catch (e) {
      throw e instanceof InputError ? new UsageError("--secret: a buildx-style entry is not key=value fields (value not shown)") : e;
    }
    const id = f["id"] ?? "";
    const type = f["type"] ?? "";
    const src = f["src"] ?? f["source"] ?? "";
    const known = ["id", "type", "env", "src", "source"];
    const other = Object.keys(f).find((k) => !known.includes(k));
    if (other) throw new UsageError(`--secret: ${JSON.stringify(other)} is not a field of buildx's --secret (id, type, env, src, source)`);
    if (!id) throw new UsageError("--secret: a buildx-style entry needs id=");
    if (type && type !== "env" && type !== "file") throw new UsageError(`--secret ${id}: type must be env or file`);
    if (f["env"] !== void 0 && src) throw new UsageError(`--secret ${id}: give env= or src=, not both`);
    if (f["env"] !== void 0 || type === "env") envs.push(`${id}=${f["env"] || id}`);
    else if (src) files.push(`${id}=${src}`);
    else throw new UsageError(`--secret ${id}: names no env= or src=`);
  }
  const join = (given, more) => [...given ? [given] : [], ...more].join("\n");
  const out = { ...inputs };
  delete out["secrets"];
  if (values.some((v) => v.trim() !== "")) out["secrets"] = values.join("\n");
  if (envs.length > 0) out["secret-envs"] = join(inputs["secret-envs"], envs);
  if (files.length > 0) out["secret-files"] = join(inputs["secret-files"], files);
  return out;
}
var CLI_FLAGS = [
  {
    flag: "--config",
    value: "FILE",
    description: "YAML file of input names to values (the `with:` of a workflow step); flags override it."
  },
  { flag: "--json", description: "Print the outputs as one JSON object on stdout (JSON outputs parsed); logs go to stderr." },
  { flag: "-q, --quiet", description: "Hide the build log; warnings and errors are still shown." },
  {
    flag: "--password-stdin",
    description: `Read the registry password (the password input) from standard input, as docker login --password-stdin does, so no process list or shell history shows it. Without it, the ${PASSWORD_ENV} (or ${INPUT_ENV_PREFIX}PASSWORD) environment variable gives the password; --password works too, with a warning.`
  },
  { flag: "--version", description: "Print the version of build-image and exit." },
  { flag: "-h, --help", description: "Show this help." }
];
function inputSpecs(actionYml) {
  const doc = (0, import_yaml.parse)(actionYml);
  return Object.entries(doc.inputs ?? {}).map(([name, def]) => {
    const dflt = def?.default === void 0 || def.default === null || /\$\{\{/.test(String(def.default)) ? "" : String(def.default);
    const row = entryOfName(name);
    const entry = row && !row.alias ? row.entry : void 0;
    return {
      name,
      description: String(def?.description ?? "").trim(),
      default: dflt,
      boolean: entry ? entry.kind === "boolean" : dflt === "true" || dflt === "false",
      repeatable: entry?.kind === "list",
      ...entry?.flag ? { alias: entry.flag } : {}
    };
  });
}
function hostPlatform(arch) {
  const platforms = {
    x64: "linux/amd64",
    arm64: "linux/arm64",
    arm: "linux/arm/v7",
    ia32: "linux/386",
    ppc64: "linux/ppc64le",
    s390x: "linux/s390x",
    riscv64: "linux/riscv64"
  };
  const p = platforms[arch];
  if (!p) throw new UsageError(`--platform local: no Linux platform is known for this machine's architecture ${arch}; name the platform`);
  return p;
}
function parseArgs(argv, specs) {
  const byFlag = /* @__PURE__ */ new Map();
  for (const s of specs) {
    byFlag.set(s.name, s);
    if (s.alias) byFlag.set(s.alias, s);
  }
  const options = { json: false, quiet: false, help: false, version: false, passwordStdin: false };
  const values = /* @__PURE__ */ new Map();
  const positional = [];
  const add = (spec, flag, value) => {
    const seen = values.get(spec.name);
    if (seen && !spec.repeatable) throw new UsageError(`${flag} is given twice`);
    values.set(spec.name, [...seen ?? [], value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const raw = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : void 0;
    const next = (flag) => {
      if (inline !== void 0) return inline;
      const v = argv[i + 1];
      if (v === void 0 || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      i++;
      return v;
    };
    const noValue = (flag) => {
      if (inline !== void 0) throw new UsageError(`${flag} takes no value`);
    };
    if (raw === "--help" || raw === "-h") {
      noValue(raw);
      options.help = true;
    } else if (raw === "--version") {
      noValue(raw);
      options.version = true;
    } else if (raw === "--password-stdin") {
      noValue(raw);
      options.passwordStdin = true;
    } else if (raw === "--json") {
      noValue(raw);
      options.json = true;
    } else if (raw === "--quiet" || raw === "-q") {
      noValue(raw);
      options.quiet = true;
    } else if (raw === "--config") {
      if (options.config !== void 0) throw new UsageError("--config is given twice");
      options.config = next(raw);
    } else if (/^-[A-Za-z]$/.test(raw) && SHORT_FLAGS[raw.slice(1)]) {
      const spec = byFlag.get(SHORT_FLAGS[raw.slice(1)] ?? "");
      if (spec) add(spec, raw, next(raw));
    } else {
      const spec = raw.startsWith("--") ? byFlag.get(raw.slice(2)) : void 0;
      if (!spec) throw new UsageError(`unknown flag ${raw} (see --help)`);
      if (spec.boolean) add(spec, raw, inline ?? "true");
      else add(spec, raw, next(raw));
    }
  }
  if (options.passwordStdin && values.has("password")) throw new UsageError("--password and --password-stdin are both given: use one");
  if (positional.length > 1) throw new UsageError(`one build context expected, got ${positional.length}: ${positional.join(" ")}`);
  const inputs = {};
  for (const [name, vs] of values) inputs[name] = vs.join("\n");
  if (positional[0] !== void 0) {
    if (inputs["context"] !== void 0) throw new UsageError("the context is given twice (--context and as an argument)");
    inputs["context"] = positional[0];
  }
  return { options, inputs };
}
function configValue(value, key, file) {
  if (value === null || value === void 0) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      if (v !== null && typeof v === "object") throw new UsageError(`${file}: ${key}: item ${i + 1} is not a plain value`);
      return String(v ?? "");
    }).join("\n");
  }
  return (0, import_yaml.stringify)(value).trimEnd();
}
function configInputs(text, specs, file) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid YAML: ${messageOf(e).split("\n")[0]}`);
  }
  if (doc === null || doc === void 0) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) throw new UsageError(`${file}: expected a mapping of input names to values`);
  const names = new Set(specs.map((s) => s.name));
  const out = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!names.has(key)) throw new UsageError(`${file}: unknown input ${key} (see --help)`);
    out[key] = configValue(value, key, file);
  }
  return out;
}
function withPassword(flags, options, env, stdin) {
  if (options.passwordStdin) {
    const password = (stdin ?? "").replace(/\r?\n$/, "");
    if (password === "") throw new UsageError("--password-stdin: standard input held no password");
    return { ...flags, password };
  }
  const fromEnv = env[PASSWORD_ENV];
  if (flags["password"] === void 0 && fromEnv) return { ...flags, password: fromEnv };
  return flags;
}
var truthy = (v) => /^(true|True|TRUE)$/.test((v ?? "").trim());
function resolveInputs(specs, config, flags, hostArch) {
  const names = new Set(specs.map((s) => s.name));
  const inputs = Object.fromEntries(specs.map((s) => [s.name, s.default]));
  for (const [k, v] of Object.entries(CLI_DEFAULTS)) if (names.has(k)) inputs[k] = v;
  Object.assign(inputs, config, flags);
  const given = { ...config, ...flags };
  const platforms = (inputs["platforms"] ?? "").split(/[\n,]/).map((p) => p.trim());
  if (platforms.includes("local")) {
    const host = hostPlatform(hostArch);
    inputs["platforms"] = [...new Set(platforms.filter((p) => p !== "").map((p) => p === "local" ? host : p))].join("\n");
    const elsewhere = truthy(inputs["push"]) || truthy(inputs["push-by-digest"]) || (inputs["outputs"] ?? "").trim() !== "";
    if (!elsewhere && given["load"] === void 0) inputs["load"] = "true";
  }
  return inputs;
}
function wrap(text, width, indent) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}
function renderHelp(specs, width = 100) {
  const out = [
    "Usage: build-image [flags] [CONTEXT]",
    "",
    "Builds an image exactly as the build-image action does: each --flag is the action input of the",
    "same name, so `build-image --platform local -t app:dev .` is the workflow step",
    "`with: { platforms: local, tags: app:dev, context: . }`. CONTEXT defaults to the current directory.",
    "",
    "--platform local builds only this machine's platform and loads the image (unless pushed).",
    "List flags (marked [repeatable]) may be given more than once. Exit codes: 0 built,",
    "1 the build failed, 2 bad flags or inputs.",
    "",
    "Secrets off the command line (other users see a process's arguments, not its environment):",
    "  --secret id=ID,env=VARIABLE and --secret id=ID,src=PATH (buildx's forms) name where a",
    "  value is; --secret ID=VALUE puts the value itself on the command line (warned).",
    `  Any input can come from the environment as ${INPUT_ENV_PREFIX}<NAME> (capitals, - as _),`,
    `  e.g. ${INPUT_ENV_PREFIX}SECRETS='tok=...'; flags override it, and it overrides --config.`,
    "  The build's processes never see these variables.",
    "",
    "CLI flags:"
  ];
  for (const f of CLI_FLAGS) {
    out.push(`  ${f.flag}${f.value ? ` ${f.value}` : ""}`, ...wrap(f.description, width, "      "));
  }
  out.push("", "Inputs (action.yml):");
  for (const s of specs) {
    const names = [
      ...Object.entries(SHORT_FLAGS).filter(([, input]) => input === s.name).map(([c]) => `-${c}`)
    ];
    if (s.alias) names.push(`--${s.alias}`);
    names.push(`--${s.name}`);
    const value = s.boolean ? "[=false]" : " VALUE";
    const facts = [];
    if (s.repeatable) facts.push("repeatable");
    const dflt = CLI_DEFAULTS[s.name] ?? s.default;
    if (dflt !== "" && !s.boolean) facts.push(`default: ${dflt}`);
    if (s.boolean && dflt === "true") facts.push("default: true");
    out.push(`  ${names.join(", ")}${value}${facts.length > 0 ? `  [${facts.join(", ")}]` : ""}`, ...wrap(s.description, width, "      "));
  }
  return `${out.join("\n")}
`;
}

// src/report/terminal.ts
var CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
function terminalSafe(s) {
  return String(s).replace(/\r?\n|\r/g, " ").replace(CONTROL, "?");
}
function unescapeData(s) {
  return s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
function unescapeProperty(s) {
  return s.replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
function parseProperties(text) {
  const props = {};
  for (const pair of text.split(",")) {
    const eq = pair.indexOf("=");
    if (eq > 0) props[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
  }
  return props;
}
function location(props) {
  if (!props["file"]) return "";
  const line = props["line"] ?? props["startLine"];
  const col = props["col"] ?? props["startColumn"];
  return `${props["file"]}${line ? `:${line}` : ""}${line && col ? `:${col}` : ""}`;
}
var COMMAND = /^::([A-Za-z][A-Za-z0-9-]*)(?: ([^:]*))?::(.*)$/;
function createCommandTranslator() {
  const masks = [];
  const mask = (s) => masks.reduce((t, m) => t.split(m).join("***"), s);
  let resume = "";
  return (line) => {
    if (resume) {
      if (line.trim() !== `::${resume}::`) return [{ kind: "log", text: mask(line) }];
      resume = "";
      return [];
    }
    const m = COMMAND.exec(line.trimStart());
    if (!m) return [{ kind: "log", text: mask(line) }];
    const [, cmd = "", propText = "", data = ""] = m;
    if (cmd === "stop-commands") {
      resume = data;
      return [];
    }
    const message = unescapeData(data);
    switch (cmd) {
      case "add-mask":
        if (message.trim() !== "") masks.push(message);
        masks.sort((a, b) => b.length - a.length);
        return [];
      case "group":
        return [{ kind: "heading", text: `\u25B6 ${mask(message)}` }];
      case "error":
      case "warning":
      case "notice": {
        const where = location(parseProperties(propText));
        const lines = mask(message).split(/\r?\n/);
        return lines.map((l, i) => ({ kind: cmd, text: i === 0 ? `${cmd}: ${where ? `${where}: ` : ""}${l}` : `  ${l}` }));
      }
      default:
        return [];
    }
  };
}
function parseFileCommands(text) {
  const out = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const value = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? "");
      out[heredoc[1]] = value.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}
function columns(rows, rightAligned) {
  const widths = [];
  for (const r of rows) r.forEach((c, i) => widths[i] = Math.max(widths[i] ?? 0, [...c].length));
  return rows.map(
    (r) => r.map((c, i) => {
      const pad = " ".repeat((widths[i] ?? 0) - [...c].length);
      if (rightAligned.has(i)) return pad + c;
      return i === r.length - 1 ? c : c + pad;
    }).join("  ").trimEnd()
  );
}
function targetSection(r) {
  const kind = mediaTypeName(r.mediaType) ?? r.mediaType;
  const facts = [
    ["tags", r.tags.length > 0 ? r.tags.map(terminalSafe).join(", ") : "none"],
    ["digest", `${terminalSafe(r.digest) || "unknown"}${kind ? ` (${terminalSafe(kind)})` : ""}`]
  ];
  if (r.source !== "none") facts.push(["read from", sourceName(r.source) ?? terminalSafe(r.source)]);
  if (r.attestations.length > 0) facts.push(["attestations", String(r.attestations.length)]);
  const out = [terminalSafe(r.target) || "(unnamed target)", ...columns(facts, /* @__PURE__ */ new Set()).map((l) => `  ${l}`)];
  if (r.platforms.length > 0) {
    const rows = [["PLATFORM", "MANIFEST", "SIZE", "LAYERS", "LAST LAYER", "BASE IMAGE"]];
    for (const p of r.platforms) {
      const known = manifestKnown(p);
      const bases = basesFor(r, p).map((b) => terminalSafe(b.name));
      rows.push([
        terminalSafe(p.platform) || DASH,
        terminalSafe(shortDigest(p.digest)) || DASH,
        known ? formatBytes(p.size) : DASH,
        known ? String(p.layers.length) : DASH,
        terminalSafe(shortDigest(p.lastLayerDigest)) || DASH,
        bases.length > 0 ? bases.join(", ") : DASH
      ]);
    }
    out.push("", ...columns(rows, /* @__PURE__ */ new Set([2, 3])).map((l) => `  ${l}`));
  }
  for (const n of r.notes) out.push(`  note: ${terminalSafe(n)}`);
  return out;
}
function renderTerminalTable(reports) {
  if (reports.length === 0) return "No images were reported.\n";
  return `${reports.map((r) => targetSection(r).join("\n")).join("\n\n")}
`;
}

// src/cli/cli.ts
var USAGE_EXIT = 2;
var BUILD_EXIT = 1;
function oneLine(message) {
  const first = message.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const line = terminalSafe(first.trim());
  return line.length > 300 ? `${line.slice(0, 299)}\u2026` : line;
}
function toolCacheDir() {
  const base = process.env["XDG_CACHE_HOME"] || path.join(os.homedir(), ".cache");
  return path.join(base, "build-image", "tools");
}
async function capturingStdout(options, io, fn) {
  const translate = createCommandTranslator();
  const show = (l) => {
    if (options.quiet && (l.kind === "log" || l.kind === "heading")) return;
    io.stderr(`${l.kind === "heading" && io.color ? `\x1B[1m${l.text}\x1B[0m` : l.text}
`);
  };
  let partial = "";
  const original = process.stdout.write.bind(process.stdout);
  const write = (chunk, encoding, cb) => {
    const text = partial + (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(typeof encoding === "string" ? encoding : "utf8"));
    const lines = text.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) for (const l of translate(line.replace(/\r$/, ""))) show(l);
    const done = typeof encoding === "function" ? encoding : cb;
    done?.();
    return true;
  };
  process.stdout.write = write;
  try {
    return await fn();
  } finally {
    process.stdout.write = original;
    if (partial) for (const l of translate(partial)) show(l);
  }
}
function changesLines(changes) {
  return changes.map((t) => `${terminalSafe(`${t.target} against ${t.compareWith || "(nothing)"}: ${summaryLine(t)}`)}
`).join("");
}
function outputsJson(outputs) {
  const out = {};
  for (const [k, v] of Object.entries(outputs)) {
    out[k] = v;
    if (/^\s*[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
      } catch {
      }
    }
  }
  return `${JSON.stringify(out, null, 2)}
`;
}
async function runCli(argv, about, rawIo) {
  let lastErr = "";
  const io = {
    ...rawIo,
    stderr: (text) => {
      if (text === lastErr && text.startsWith("error: ")) return;
      lastErr = text;
      rawIo.stderr(text);
    }
  };
  const specs = inputSpecs(about.actionYml);
  let options;
  let inputs;
  try {
    const parsed = parseArgs(argv, specs);
    options = parsed.options;
    if (options.help) {
      io.stdout(renderHelp(specs, Math.max(60, Math.min(process.stdout.columns || 100, 120))));
      return 0;
    }
    if (options.version) {
      io.stdout(`build-image ${about.version}
`);
      return 0;
    }
    if (parsed.inputs["password"] !== void 0)
      io.stderr(
        `warning: --password on the command line is seen by ps and kept in shell history; use --password-stdin or ${PASSWORD_ENV}
`
      );
    const fromFlags = buildxSecretForms(parsed.inputs);
    for (const warning of argvSecretWarnings(fromFlags)) io.stderr(`warning: ${warning}
`);
    const fromEnv = envInputs(specs, process.env);
    for (const variable of fromEnv.variables) delete process.env[variable];
    if (fromEnv.variables.length > 0 && !options.quiet) io.stderr(`inputs from the environment: ${fromEnv.variables.join(", ")}
`);
    const flags = withPassword({ ...fromEnv.inputs, ...fromFlags }, options, {}, options.passwordStdin ? await io.readStdin() : void 0);
    let config = {};
    if (options.config !== void 0) {
      let text;
      try {
        text = readFileSync(options.config, "utf8");
      } catch (e) {
        throw new UsageError(
          `--config ${options.config}: ${e.code === "ENOENT" ? "no such file" : messageOf(e)}`
        );
      }
      config = configInputs(text, specs, options.config);
    }
    inputs = resolveInputs(specs, config, flags, os.arch());
    parseInputs((name) => inputs[name] ?? "");
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`error: ${oneLine(e.message)}
`);
      return USAGE_EXIT;
    }
    throw e;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "build-image-cli-"));
  const files = { GITHUB_OUTPUT: "output", GITHUB_STATE: "state", GITHUB_STEP_SUMMARY: "summary.md" };
  for (const [key, name] of Object.entries(files)) {
    process.env[key] = path.join(dir, name);
    writeFileSync(path.join(dir, name), "");
  }
  const runnerTemp = path.join(dir, "temp");
  mkdirSync(runnerTemp);
  process.env["RUNNER_TEMP"] = runnerTemp;
  process.env["RUNNER_TOOL_CACHE"] ||= toolCacheDir();
  for (const key of Object.keys(process.env)) if (key.startsWith("INPUT_") || key.startsWith("STATE_")) delete process.env[key];
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  try {
    const state = await capturingStdout(options, io, async () => {
      await run();
      for (const [k, v] of Object.entries(parseFileCommands(readFileSync(process.env["GITHUB_STATE"] ?? "", "utf8"))))
        process.env[`STATE_${k}`] = v;
      const saved = loadState();
      await run2();
      return saved;
    });
    process.exitCode = 0;
    const outputs = parseFileCommands(readFileSync(path.join(dir, files.GITHUB_OUTPUT), "utf8"));
    const failed = !state || state.error !== "";
    if (options.json) io.stdout(outputsJson(outputs));
    else if (!failed && state) io.stdout(`
${renderTerminalTable(state.reports)}${changesLines(state.changes)}`);
    if (!failed) {
      if (!options.json && !options.quiet) io.stderr(`done in ${formatDuration(state.durationMs)}
`);
      return 0;
    }
    io.stderr(`error: ${oneLine(state?.error || "the action stopped before it saved any state")}
`);
    return state?.errorInput ? USAGE_EXIT : BUILD_EXIT;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}
async function main(argv, about) {
  const io = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    color: process.stderr.isTTY === true && !process.env["NO_COLOR"],
    readStdin
  };
  try {
    return await runCli(argv, about, io);
  } catch (e) {
    io.stderr(`error: ${oneLine(e instanceof Error ? e.message : String(e))}
`);
    return BUILD_EXIT;
  }
}

// src/entry/cli.ts
process.exitCode = await main(process.argv.slice(2), { actionYml: action_default, version: "0.1.0" });
