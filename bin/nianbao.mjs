#!/usr/bin/env node
// Entry of the `nianbao` CLI. The commands live in lib/cli (plain TypeScript shared with the app);
// tsx compiles them on the fly so the CLI works straight after `npm ci`, with no build step.
// tsImport (not register() + import()) because on Node 20.19+ the latter fails with
// ERR_REQUIRE_CYCLE_MODULE for .ts files in a CommonJS-scoped package.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../lib/cli/main.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
