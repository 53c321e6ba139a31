// Runs GraphQL Code Generator into `<out>/src/gql/` and puts the persisted documents manifest
// at `<out>/persisted-documents.json`, where the CMS's register command reads it.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const out = process.env.CODEGEN_OUT ?? ".";
const bin = path.join("node_modules", ".bin", process.platform === "win32" ? "graphql-codegen.cmd" : "graphql-codegen");
const run = spawnSync(bin, ["--config", "codegen.ts", "--silent"], {
  stdio: "inherit",
  env: { ...process.env, CODEGEN_OUT: out },
});
if (run.status !== 0) process.exit(run.status ?? 1);
// Codegen names documents `sha256:<hex>`; the CMS's register command takes the bare hex (the
// APQ hash), so the manifest it reads is written with those keys.
const generated = JSON.parse(readFileSync(path.join(out, "src/gql/persisted-documents.json"), "utf8"));
const manifest = Object.fromEntries(
  Object.entries(generated).map(([id, document]) => [id.replace(/^sha256:/, ""), document]),
);
writeFileSync(path.join(out, "persisted-documents.json"), `${JSON.stringify(manifest, null, 2)}\n`);
