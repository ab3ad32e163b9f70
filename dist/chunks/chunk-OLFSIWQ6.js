import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  dockerLogout,
  formatBytes,
  loadState,
  registryName,
  removeBuilder,
  renderSigningSummary,
  renderSummary,
  renderWarningsSummary,
  setReportOutputs,
  setSignOutputs,
  uploadBuildRecords
} from "./chunk-AZC6V7PD.js";
import {
  buildToolRunner,
  processRunner
} from "./chunk-U36HWH7S.js";
import {
  appendSummary,
  group,
  info,
  warning
} from "./chunk-ZCLOEPBA.js";

// src/action/post.ts
import { rmSync } from "node:fs";

// src/report/checks-summary.ts
function cell(s) {
  return (s ?? "").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}
function renderTargets(t) {
  const rows = (t.targets ?? []).map((x) => `| ${cell(x.name)}${x.default ? " (default)" : ""} | ${cell(x.base)} | ${cell(x.description)} |`);
  return rows.length > 0 ? ["| stage | base | description |", "| --- | --- | --- |", ...rows] : ["no build targets"];
}
function renderOutline(o) {
  const lines = [`target \`${cell(o.name) || "default"}\`${o.description ? `: ${cell(o.description)}` : ""}`, ""];
  const args = o.args ?? [];
  if (args.length > 0) {
    lines.push("| build arg | default | description |", "| --- | --- | --- |");
    for (const a of args) lines.push(`| ${cell(a.name)} | ${cell(a.value)} | ${cell(a.description)} |`);
    lines.push("");
  }
  const needs = [
    ...(o.secrets ?? []).map((x) => `secret \`${cell(x.name)}\`${x.required ? " (required)" : ""}`),
    ...(o.ssh ?? []).map((x) => `ssh \`${cell(x.name)}\`${x.required ? " (required)" : ""}`)
  ];
  if (needs.length > 0) lines.push(needs.map((n) => `- ${n}`).join("\n"));
  return lines;
}
function answers(call, result) {
  const r = result ?? {};
  if (r.target && typeof r.target === "object") return Object.entries(r.target).map(([target, v]) => ({ target, answer: v[call] }));
  return [{ target: "", answer: result }];
}
function renderChecksSummary(input) {
  const parts = [];
  const warnings = renderWarningsSummary(input.checkWarnings, input.call === "check" ? "Check (call: check)" : "Build checks");
  if (warnings) parts.push(warnings);
  else if (input.call === "check") parts.push("### Check (call: check)\n\nCheck complete, no warnings found.\n");
  if (input.call === "outline" || input.call === "targets") {
    let result;
    try {
      result = JSON.parse(input.callResult || "null");
    } catch {
      result = null;
    }
    const lines = [`### ${input.call === "outline" ? "Outline" : "Targets"} (call: ${input.call})`, ""];
    for (const { target, answer } of answers(input.call, result)) {
      if (target) lines.push(`**${cell(target)}**`, "");
      lines.push(...input.call === "outline" ? renderOutline(answer ?? {}) : renderTargets(answer ?? {}), "");
    }
    parts.push(lines.join("\n"));
  }
  return parts.join("\n");
}

// src/report/records-summary.ts
function text(s) {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}
function renderRecordsSummary(input) {
  if (input.unsupported) {
    return `### Build records

Build record export needs buildx 0.23 or later (this buildx is ${text(input.unsupported)}): no \`.dockerbuild\` file was exported.
`;
  }
  if (input.exportError) return `### Build records

The build records could not be exported: ${text(input.exportError)}
`;
  if (input.files.length === 0) return "";
  const lines = ["### Build records", "", "| target | build ref | file |", "| --- | --- | --- |"];
  for (const f of input.files) lines.push(`| ${text(f.target)} | \`${text(f.ref)}\` | ${text(f.path.split("/").pop() ?? "")} |`);
  lines.push("");
  if (input.artifact) {
    lines.push(
      `Uploaded as the artifact [${text(input.artifact.name)}](${encodeURI(input.artifact.url)}) (${formatBytes(input.artifact.size)}): open it in Docker Desktop's Builds view (\`docker buildx history import\`).`
    );
  } else if (input.uploadNote) {
    lines.push(`Not uploaded: ${text(input.uploadNote)}`);
  }
  lines.push("");
  return lines.join("\n");
}

// src/action/post.ts
async function run() {
  const state = loadState();
  if (!state) {
    info("main saved no state: nothing to report or clean up");
    return;
  }
  await uploadBuildRecords(state);
  try {
    if (state.reports.length > 0) setReportOutputs(state.reports);
    setSignOutputs(state.signatures);
    if (state.summary && process.env["GITHUB_STEP_SUMMARY"]) {
      const md = renderSummary(state.reports, {
        engine: state.engine,
        engineReason: state.engineReason,
        builder: state.builder,
        driver: state.driver,
        ...state.builderReason ? { builderReason: state.builderReason } : {},
        buildxVersion: state.buildxVersion,
        durationMs: state.durationMs,
        ...state.error ? { error: state.error } : {}
      });
      appendSummary(md);
      const checks = renderChecksSummary(state);
      if (checks) appendSummary(`
${checks}`);
      const records = renderRecordsSummary(state.records);
      if (records) appendSummary(`
${records}`);
      const signing = renderSigningSummary(state.signatures, state.signer);
      if (signing) appendSummary(`
${signing}`);
    }
  } catch (e) {
    warning(`could not write the summary: ${e.message}`);
  }
  if (state.builderCreated && state.builder) {
    if (state.keepBuilder) {
      info(`keeping builder ${state.builder} (keep-builder: true)`);
    } else {
      try {
        await group(
          `Remove builder ${state.builder}`,
          () => removeBuilder(
            { cmd: state.buildxCmd, prefix: state.buildxPrefix, version: state.buildxVersion, runner: buildToolRunner(processRunner) },
            state.builder
          )
        );
      } catch (e) {
        warning(`could not remove builder ${state.builder}: ${e.message}`);
      }
    }
  }
  for (const registry of new Set(state.loginRegistries)) {
    const name = registryName(registry);
    if (state.logout) {
      try {
        await dockerLogout(registry, processRunner, state.dockerCmd || void 0);
        info(`logged out of ${name}`);
      } catch (e) {
        warning(`could not log out of ${name}: ${e.message}`);
      }
    } else {
      info(`staying logged in to ${name} (logout: false)`);
    }
  }
  if (state.tempDir) {
    try {
      rmSync(state.tempDir, { recursive: true, force: true });
    } catch (e) {
      warning(`could not remove ${state.tempDir}: ${e.message}`);
    }
  }
}

export {
  run
};
