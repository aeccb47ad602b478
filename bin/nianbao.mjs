#!/usr/bin/env node
// The CLI's entry is bin/nianbao.cjs (package.json "bin"; CommonJS because an ES module entry costs
// each run ~30 ms of CPU more). This file only loads it, for whoever runs bin/nianbao.mjs.
import "./nianbao.cjs";
