/**
 * Counterparty similarity robust to what banks do to names: word order (token sets), truncation
 * at 32–38 characters (prefix matches, trailing words not held against the bank), typos (bounded
 * Damerau–Levenshtein) and common words (tokens weighted by rarity among the books' counterparties).
 */

/** A counterparty name ready for comparison: tokens and their rarity weights. */
export interface WeightedName {
  tokens: readonly string[];
  weights: readonly number[];
  total: number;
}

/** Optimal-string-alignment distance of two short strings, or `max + 1` as soon as it exceeds `max`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: lb + 1 }, (_, j) => j);
  for (let i = 1; i <= la; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[lb] ?? max + 1;
}

/** How well two tokens match: 1 equal, 0.9 one a prefix of the other (truncation), 0.85/0.7 a typo, else 0. */
export function tokenMatch(a: string, b: string): number {
  if (a === b) return 1;
  if (a.charCodeAt(0) !== b.charCodeAt(0)) return 0;
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  if (short.length >= 3 && long.startsWith(short)) return 0.9;
  if (short.length >= 4 && long.length - short.length <= 1 && boundedEditDistance(a, b, 1) <= 1) return 0.85;
  if (short.length >= 7 && long.length - short.length <= 2 && boundedEditDistance(a, b, 2) <= 2) return 0.7;
  return 0;
}

function bestMatch(token: string, others: readonly string[]): number {
  let best = 0;
  for (const o of others) {
    const m = tokenMatch(token, o);
    if (m > best) {
      best = m;
      if (m === 1) break;
    }
  }
  return best;
}

/**
 * Similarity in [0, 1] between the tokens a bank line shows and a books counterparty.
 * `fromDescription`: the tokens are every name-like word of free text, so only how much of the
 * counterparty is found counts. `truncated`: the bank cut its text, so the counterparty's words
 * after the last one found weigh a quarter.
 */
export function nameSimilarity(
  bankTokens: readonly string[],
  party: WeightedName,
  fromDescription: boolean,
  truncated: boolean,
  weightOf: (token: string) => number,
): number {
  if (bankTokens.length === 0 || party.tokens.length === 0) return 0;
  const matches: number[] = [];
  let last = -1;
  for (let i = 0; i < party.tokens.length; i++) {
    const m = bestMatch(party.tokens[i] ?? '', bankTokens);
    matches.push(m);
    if (m > 0) last = i;
  }
  if (last < 0) return 0;
  let got = 0;
  let total = 0;
  for (let i = 0; i < matches.length; i++) {
    const w = party.weights[i] ?? 1;
    const weight = truncated && i > last ? w * 0.25 : w;
    got += weight * (matches[i] ?? 0);
    total += weight;
  }
  const partyCoverage = total > 0 ? got / total : 0;
  if (fromDescription) return 0.95 * partyCoverage;
  let bankGot = 0;
  let bankTotal = 0;
  for (const t of bankTokens) {
    const w = weightOf(t);
    bankGot += w * bestMatch(t, party.tokens);
    bankTotal += w;
  }
  const bankCoverage = bankTotal > 0 ? bankGot / bankTotal : 0;
  return (partyCoverage + bankCoverage) / 2;
}
