/**
 * A user mistake, located precisely. Every check returns all of its problems at once; nothing is written
 * while any exist.
 */
export interface Problem {
  /** Stable rule id (`relation-target-exists`), so tests and docs can name it. */
  readonly rule: string;
  /** Dotted location in the spec: `entities.Pet.fields.age.type`, or a flag such as `--stack`. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  /** 1-based position in the spec file, when the problem comes from YAML or JSON text. */
  readonly line?: number;
  readonly column?: number;
  readonly file?: string;
}

/** Thrown for bad input: exit code 2, nothing written. */
export class UserError extends Error {
  constructor(
    readonly problems: readonly Problem[],
    readonly exitCode = 2,
  ) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'UserError';
  }
}

export const problem = (rule: string, path: string, message: string, hint?: string): Problem =>
  hint === undefined ? { rule, path, message } : { rule, path, message, hint };

/** Damerau-free Levenshtein distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** The closest candidate, when it is close enough to be a plausible typo. */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(input.toLowerCase(), c.toLowerCase());
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const near = nearest(input, candidates);
  return near ? `did you mean "${near}"? Valid: ${candidates.join(', ')}` : `valid: ${candidates.join(', ')}`;
}
