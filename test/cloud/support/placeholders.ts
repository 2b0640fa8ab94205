import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Things a reviewer must not find in infra/: unfinished work, fake credentials, account ids, fixed regions. */
const PLACEHOLDERS: ReadonlyArray<[RegExp, string]> = [
  [/\b(TODO|FIXME|XXX|TBD)\b/, 'an unfinished marker'],
  [/changeme|change-me|replace-?me|your[-_ ]?(project|account|subscription|bucket)/i, 'a placeholder value'],
  [/(?<![\d.])\d{12}(?![\d.])/, 'what looks like an AWS account id'],
  [/\b(us|eu|ap|sa|ca|me|af)-(east|west|north|south|central|northeast|southeast)-\d\b/, 'a hard-coded AWS region'],
  [/\b(us|europe|asia|australia|northamerica|southamerica)-(east|west|north|south|central|northeast|southeast)\d\b/, 'a hard-coded GCP region'],
  [/\b(westeurope|northeurope|eastus2?|westus[23]?|centralus|uksouth|francecentral|germanywestcentral|swedencentral)\b/, 'a hard-coded Azure region'],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, 'a hard-coded subscription or tenant id'],
];

export function placeholderProblems(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const lines = readFileSync(p, 'utf8').split('\n');
        lines.forEach((line, i) => {
          for (const [re, what] of PLACEHOLDERS) if (re.test(line)) out.push(`${p}:${i + 1}: ${what}: ${line.trim()}`);
        });
      }
    }
  };
  walk(dir);
  return out;
}
