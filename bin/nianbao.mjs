#!/usr/bin/env node
// Entry of the `nianbao` CLI. The commands live in lib/cli (plain TypeScript shared with the app);
// tsx compiles them on the fly so the CLI works straight after `npm ci`, with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
