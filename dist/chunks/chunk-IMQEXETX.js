import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  dockerConfigDir,
  parseBuildxVersion,
  runBuildx,
  versionArgs
} from "./chunk-A4RQGTCT.js";

// src/buildx/plugin.ts
import { accessSync, constants } from "node:fs";
import os from "node:os";
import path from "node:path";
function pluginCandidates(env, home) {
  return [
    path.join(dockerConfigDir(env, home), "cli-plugins", "docker-buildx"),
    "/usr/local/lib/docker/cli-plugins/docker-buildx",
    "/usr/local/libexec/docker/cli-plugins/docker-buildx",
    "/usr/lib/docker/cli-plugins/docker-buildx",
    "/usr/libexec/docker/cli-plugins/docker-buildx"
  ];
}
function findPlugin() {
  for (const p of pluginCandidates(process.env, os.homedir())) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
    }
  }
  return void 0;
}
async function versionOf(runner, cmd, prefix) {
  const r = await runBuildx({ cmd, prefix, version: "", runner }, versionArgs());
  return r.code === 0 ? parseBuildxVersion(r.stdout) : "";
}
var early;
function probePluginEarly(runner) {
  const plugin = findPlugin();
  if (plugin) early = { plugin, version: versionOf(runner, plugin, []).catch(() => "") };
}
function pluginVersion(runner, plugin) {
  if (early?.plugin === plugin) return early.version;
  return versionOf(runner, plugin, []);
}

export {
  findPlugin,
  versionOf,
  probePluginEarly,
  pluginVersion
};
