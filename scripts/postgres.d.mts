// Types of scripts/postgres.mjs for the TypeScript that imports it (benchmarks, tests).
export const DEFAULT_PORT: number;
export class PostgresUnavailable extends Error {}
export function findPgBin(): string | null;
export function ensurePostgres(opts?: { quiet?: boolean }): string;
export function urlFor(port?: number): string;
export interface StartedPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** Milliseconds from the call to a database ready for connections. */
  ms: number;
  stop(): boolean;
}
export function startPostgres(opts?: { port?: number; durable?: boolean; quiet?: boolean }): StartedPostgres;
export function stopPostgres(opts?: { port?: number; quiet?: boolean }): boolean;
