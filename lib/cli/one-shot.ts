// Imported first by every command (before any schema is built): the command line is a process
// that parses one or a few documents and exits. zod's JIT compiles a parser for each object schema
// with `new Function` on first use — code the V8 code cache of the prebuilt CLI cannot keep — which
// costs a one-shot run more than it saves (measured: parsing the example report 30 → 12 ms of CPU,
// same result). The app server, which parses many documents, keeps the JIT.
import * as z from "zod";

z.config({ jitless: true });
