import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Case } from './matrix.js';
import { WORK, cdkApp } from './paths.js';

/**
 * The CDK flavour of infra/aws (`--iac cdk`): each matrix case is rendered a second time with iac=cdk (setup.ts) into
 * CDK_PROJECTS/<label> (support/paths.ts) and synthesized here in-process, against the repository's aws-cdk-lib, with its own cdk.json context.
 */

/** Context values a deployment passes with `-c` (bin/app.ts), as test data: nothing account- or region-specific. */
export const TEST_CONTEXT = {
  imageTag: 'test',
  certificateArn: 'arn:aws:acm:region:account:certificate/test',
  githubRepository: 'owner/repo',
  createGithubOidcProvider: true,
} as const;

interface Stacks {
  readonly foundation: Stack & Record<string, any>;
  readonly service: Stack & Record<string, any>;
}

export interface Synthesized {
  readonly stacks: Stacks;
  readonly foundation: Template;
  readonly service: Template;
  /** The synthesized CloudFormation templates on disk (for checkov). */
  readonly files: { readonly foundation: string; readonly service: string };
  /** The cloud assembly folder (templates, validation-report.json). */
  readonly outdir: string;
  readonly ms: number;
}

/** The generated app's cdk.json context: it turns on CloudFormation validation at synth. */
export function appContext(c: Pick<Case, 'label'>): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(cdkApp(c), 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
}

/**
 * Builds the generated app's stacks (lib/stacks.ts, as bin/app.ts does, without an account or region) and synthesizes
 * them with the app's own context (or the one given); `change` may alter the stacks first (to prove that validation
 * catches mistakes). A failed synthesis leaves its validation-report.json in WORK/cdk-out/<label>-<purpose>.
 */
export interface SynthOptions {
  readonly change?: (stacks: Stacks) => void;
  readonly context?: Record<string, unknown>;
  /** Names the output folder, so test files running in parallel never share one. */
  readonly purpose: string;
}

export async function synthCdk(c: Pick<Case, 'label'>, { change, context = appContext(c), purpose }: SynthOptions): Promise<Synthesized> {
  const t0 = Date.now();
  const outdir = join(WORK, 'cdk-out', `${c.label}-${purpose}`);
  rmSync(outdir, { recursive: true, force: true });
  const mod = (await import(/* @vite-ignore */ pathToFileURL(join(cdkApp(c), 'lib/stacks.ts')).href)) as { createStacks: (app: App, ctx: typeof TEST_CONTEXT) => Stacks };
  const app = new App({ context, outdir });
  const stacks = mod.createStacks(app, TEST_CONTEXT);
  change?.(stacks);
  const assembly = app.synth();
  const file = (s: Stack) => join(outdir, assembly.getStackArtifact(s.artifactId).templateFile);
  return {
    stacks,
    foundation: Template.fromStack(stacks.foundation),
    service: Template.fromStack(stacks.service),
    files: { foundation: file(stacks.foundation), service: file(stacks.service) },
    outdir,
    ms: Date.now() - t0,
  };
}
