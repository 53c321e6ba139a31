// `npm run start`: the standalone server the build produced, with PORT and HOSTNAME as given.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const server = ".next/standalone/server.js";
if (!existsSync(server)) {
  console.error("start: run `npm run build` first (.next/standalone/server.js is missing).");
  process.exit(1);
}
if (!process.env.TAPESTRY_GRAPHQL_URL) {
  console.error("start: set TAPESTRY_GRAPHQL_URL (e.g. http://127.0.0.1:8000/graphql/).");
  process.exit(1);
}
const child = spawn(process.execPath, [server], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
