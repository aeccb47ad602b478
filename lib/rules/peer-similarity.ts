// 内容雷同 with other agencies' reports of the same year. The comparison is the one of
// similarity.ts (share of this text's characters inside 10-character passages that also occur in
// the other text, same threshold), but against every peer at once: a year may hold hundreds of
// reports, so the peers' passages are indexed once (a hash table of passage hashes, laid out flat
// in typed arrays) and a text is matched against all of them in one pass over its own characters.
//
// The index keeps hashes, never the peers' texts: what a match reveals is which passages of the
// matched text itself also occur in the peer's report.

import { EDITIONS, NARRATIVE_KEYS, narrativeRecord, type NarrativeKey } from "../template";
import { coverageResult, isSignificant, MAX_COMPARED_CHARS, MIN_LENGTH, SHINGLE as SHINGLE_LENGTH, significant, withoutTemplateLines, type Passage } from "./similarity";

// A plain local binding: the hot loops read it millions of times, and some module loaders turn
// imported bindings into property getters.
const SHINGLE = SHINGLE_LENGTH;

/** Whose report a peer text is. */
export interface PeerInfo {
  agencyId: number;
  agency: string;
  year: number;
  /** A published statutory report, or an archived legacy (old-style) report. */
  kind: "report" | "archive";
  /** Where its public text can be read, when there is such a place. */
  href?: string;
}

export interface PeerSource extends PeerInfo {
  narrative: Partial<Record<NarrativeKey, string>>;
}

export interface PeerMatch {
  peer: PeerInfo;
  /** 0…1, as in `similarity`. */
  ratio: number;
  passages: Passage[];
}

/** What the rule engine needs: the peers' matches for one section's text, best first. */
export interface PeerMatcher {
  matches(key: NarrativeKey, text: string): PeerMatch[];
}

/** Peer ids share a 53-bit number with a 40-bit passage hash: 2^13 peers per year at most. */
const PEER_BITS = 13;
export const MAX_PEERS = 1 << PEER_BITS;

/**
 * Peers whose repeated passages are marked (one byte per character of the text each): the engine
 * shows the best one and counts the others, so the marks of hundreds of peers over the threshold
 * are not needed. The others are still returned, with their ratio and no passages.
 */
export const MAX_DETAILED = 10;

/** The code points of a text's significant characters (as `significant`, without the offsets). */
function codesOf(text: string): Int32Array {
  const end = Math.min(text.length, MAX_COMPARED_CHARS);
  const out = new Int32Array(end);
  let n = 0;
  for (let i = 0; i < end; ) {
    const cp = text.codePointAt(i)!;
    // CJK ideographs first: nearly every character, and no call needed.
    if ((cp >= 0x4e00 && cp <= 0x9fff) || isSignificant(cp)) out[n++] = cp;
    i += cp > 0xffff ? 2 : 1;
  }
  return out.subarray(0, n);
}

/**
 * A 40-bit hash of the SHINGLE code points starting at `i` (two independent 32-bit multiplicative
 * hashes; collisions among a few million passages are then rare enough not to move a percentage).
 */
function hashAt(codes: Int32Array, i: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  for (let k = i; k < i + SHINGLE; k++) {
    const c = codes[k]!;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return ((h1 >>> 0) % 256) * 2 ** 32 + (h2 >>> 0);
}

/**
 * One section's passages of every peer: entry = hash × 2^13 + peer, grouped by bits of the hash
 * (bucket b holds entries[starts[b] … starts[b+1])). Built by counting, without sorting.
 *
 * Each peer contributes each distinct passage once (a second copy adds nothing to a match: see
 * `matches`). So a bucket holds at most one entry per peer for each hash in it, and matching a
 * text of n characters walks at most n × (peers + colliding entries) entries — never
 * n × (copies of a passage), which a text of one repeated phrase made quadratic (issue 14).
 */
interface SectionIndex {
  bits: number;
  starts: Int32Array;
  entries: Float64Array;
}

/** The bucket of a hash: the top `bits` of its low 32 bits (well mixed, and integer arithmetic). */
function bucketOf(hash: number, bits: number): number {
  return (hash >>> 0) >>> (32 - bits);
}

function buildSection(texts: readonly Int32Array[]): SectionIndex {
  // Per peer, its distinct passage hashes (in order of first occurrence).
  const distinct: Float64Array[] = texts.map((codes) => {
    const seen = new Set<number>();
    const out = new Float64Array(Math.max(0, codes.length - SHINGLE + 1));
    let k = 0;
    for (let i = 0; i + SHINGLE <= codes.length; i++) {
      const h = hashAt(codes, i);
      if (seen.has(h)) continue;
      seen.add(h);
      out[k++] = h;
    }
    return out.subarray(0, k);
  });
  let total = 0;
  for (const d of distinct) total += d.length;
  // About two entries per bucket; between 2^8 and 2^21 buckets (≤ 8 MB of bucket starts).
  const bits = Math.min(21, Math.max(8, Math.ceil(Math.log2(Math.max(1, total))) - 1));
  const keys = new Float64Array(total);
  const bucket = new Int32Array(total);
  const counts = new Int32Array((1 << bits) + 1);
  let n = 0;
  for (let peer = 0; peer < distinct.length; peer++) {
    const hashes = distinct[peer]!;
    for (let i = 0; i < hashes.length; i++, n++) {
      const hash = hashes[i]!;
      keys[n] = hash * MAX_PEERS + peer;
      bucket[n] = bucketOf(hash, bits);
      counts[bucket[n]! + 1]!++;
    }
  }
  for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!;
  const starts = counts.slice();
  const entries = new Float64Array(total);
  for (let k = 0; k < total; k++) entries[counts[bucket[k]!]!++] = keys[k]!;
  return { bits, starts, entries };
}

/** Every edition's sub-heading labels per section: they are meant to repeat, in every report. */
function templateLabels(): Record<NarrativeKey, string[]> {
  const out = narrativeRecord((): string[] => []);
  for (const e of EDITIONS) {
    for (const s of e.sections) if (s.narrativeKey) out[s.narrativeKey].push(...(s.subBlocks ?? []).map((b) => b.label));
  }
  return out;
}

/** The peers of one year, indexed per section. Immutable once built. */
export class PeerCorpus {
  readonly peers: readonly PeerInfo[];
  private readonly index: Record<NarrativeKey, SectionIndex>;

  constructor(sources: readonly PeerSource[]) {
    const used = sources.slice(0, MAX_PEERS);
    this.peers = used.map((s) => ({ agencyId: s.agencyId, agency: s.agency, year: s.year, kind: s.kind, ...(s.href ? { href: s.href } : {}) }));
    const labels = templateLabels();
    const index = {} as Record<NarrativeKey, SectionIndex>;
    for (const key of NARRATIVE_KEYS) index[key] = buildSection(used.map((src) => codesOf(withoutTemplateLines(src.narrative[key] ?? "", labels[key]))));
    this.index = index;
  }

  get size(): number {
    return this.peers.length;
  }

  /** Bytes held by the index. */
  get indexBytes(): number {
    return NARRATIVE_KEYS.reduce((sum, k) => sum + this.index[k].entries.byteLength + this.index[k].starts.byteLength, 0);
  }

  /**
   * The peers sharing passages with `text` (all of them, or those at or above `min`), best first,
   * leaving out `excludeAgencyId`'s own report. `text` is taken as given (the caller removes the
   * template's sub-headings, as for last year).
   *
   * One pass over the text's passages counts each peer's covered characters: the passages come in
   * text order, so a peer's covered characters grow by what lies beyond its previous passage (a
   * passage a peer holds twice adds nothing the second time). Only for the peers that are reported
   * does a second pass mark the repeated passages.
   */
  matches(key: NarrativeKey, text: string, opts: { excludeAgencyId?: number; min?: number } = {}): PeerMatch[] {
    const { chars, at } = significant(text);
    const { bits, starts, entries } = this.index[key];
    const n = chars.length;
    if (n < MIN_LENGTH || entries.length === 0) return [];
    const codes = codesOf(text);
    const count = this.peers.length;
    const lastEnd = new Int32Array(count);
    const covered = new Int32Array(count);
    const m = n - SHINGLE + 1;
    const bases = new Float64Array(m);
    const buckets = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const hash = hashAt(codes, i);
      const base = hash * MAX_PEERS;
      const b = bucketOf(hash, bits);
      bases[i] = base;
      buckets[i] = b;
      for (let j = starts[b]!, end = starts[b + 1]!; j < end; j++) {
        const e = entries[j]!;
        if (e < base || e >= base + MAX_PEERS) continue;
        const peer = e - base;
        const begin = Math.max(i, lastEnd[peer]!);
        if (i + SHINGLE > begin) covered[peer]! += i + SHINGLE - begin;
        lastEnd[peer] = i + SHINGLE;
      }
    }
    const min = opts.min ?? 0;
    const slot = new Int32Array(count).fill(-1);
    const over: number[] = [];
    for (let p = 0; p < count; p++) {
      if (covered[p] === 0 || covered[p]! / n < min) continue;
      if (opts.excludeAgencyId !== undefined && this.peers[p]!.agencyId === opts.excludeAgencyId) continue;
      over.push(p);
    }
    if (over.length === 0) return [];
    // Passages for the best MAX_DETAILED only: memory ≤ MAX_DETAILED × n bytes.
    over.sort((p, q) => covered[q]! - covered[p]! || p - q);
    const chosen = over.slice(0, MAX_DETAILED);
    chosen.forEach((p, k) => (slot[p] = k));
    const masks = chosen.map(() => new Uint8Array(n));
    for (let i = 0; i < m; i++) {
      const base = bases[i]!;
      for (let j = starts[buckets[i]!]!, end = starts[buckets[i]! + 1]!; j < end; j++) {
        const e = entries[j]!;
        if (e < base || e >= base + MAX_PEERS) continue;
        const k = slot[e - base]!;
        if (k >= 0) masks[k]!.fill(1, i, i + SHINGLE);
      }
    }
    const out: PeerMatch[] = chosen.map((p, k) => {
      const r = coverageResult(text, at, masks[k]!);
      return { peer: this.peers[p]!, ratio: r.ratio, passages: r.passages };
    });
    for (const p of over.slice(MAX_DETAILED)) out.push({ peer: this.peers[p]!, ratio: covered[p]! / n, passages: [] });
    const detailed = (m: PeerMatch) => (m.passages.length > 0 ? 1 : 0);
    return out.sort((a, b) => b.ratio - a.ratio || detailed(b) - detailed(a) || a.peer.agency.localeCompare(b.peer.agency, "zh-CN"));
  }

  /** The matcher for one agency's report: its own earlier or published texts are not peers. */
  forAgency(agencyId: number, min = 0): PeerMatcher {
    return { matches: (key, text) => this.matches(key, text, { excludeAgencyId: agencyId, min }) };
  }
}
