import { resolve } from "node:path";

/** The repository root: the default handler lives under it, and bundle paths are relative to it. */
export const REPO_ROOT = resolve(__dirname, "..", "..");
