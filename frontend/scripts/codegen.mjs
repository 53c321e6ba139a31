// Runs GraphQL Code Generator into `<out>/src/gql/` and puts the persisted documents manifest
// at `<out>/persisted-documents.json`, where the CMS's register command reads it.
import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";

const out = process.env.CODEGEN_OUT ?? ".";
const bin = path.join("node_modules", ".bin", process.platform === "win32" ? "graphql-codegen.cmd" : "graphql-codegen");
const run = spawnSync(bin, ["--config", "codegen.ts", "--silent"], {
  stdio: "inherit",
  env: { ...process.env, CODEGEN_OUT: out },
});
if (run.status !== 0) process.exit(run.status ?? 1);
copyFileSync(path.join(out, "src/gql/persisted-documents.json"), path.join(out, "persisted-documents.json"));
