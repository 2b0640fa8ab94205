import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from './support/exec.js';
import { parseManifests, modelFor, type K8sObject } from './support/k8s.js';
import { CASES } from './support/matrix.js';
import { HELM, HELM_ENV, KUBE_VERSION, WORK, venvBin } from './support/paths.js';
import { placeholderProblems } from './support/placeholders.js';
import { deploymentOf, resolveCase } from './support/render.js';

/**
 * The Helm chart (infra/kubernetes/chart): helm lint --strict and helm template with the default values and with
 * every optional object on, strict schemas for every rendered object, and policy assertions (checkov runs in checkov.test.ts).
 */
const helm = (args: string[], cwd: string) => run(HELM, args, { cwd, env: HELM_ENV });

const FULL = ['--set', 'httpRoute.enabled=true', '--set', 'httpRoute.parentRefs[0].name=public', '--set', 'httpRoute.parentRefs[0].namespace=gateway', '--set', 'httpRoute.hostnames[0]=api.example.com'];
const MINIMAL = ['--set', 'autoscaling.enabled=false', '--set', 'podDisruptionBudget.enabled=false', '--set', 'migrations.enabled=false', '--set', 'networkPolicy.enabled=false', '--set', 'serviceAccount.create=false'];
const VARIANTS = { default: [] as string[], full: FULL, minimal: MINIMAL };

describe.each(CASES)('kubernetes chart, $label', (c) => {
  const chart = join(c.dir, 'infra/kubernetes/chart');
  const model = deploymentOf(resolveCase(c, ['kubernetes']).config!);
  const rendered: Record<string, K8sObject[]> = {};

  it.each(Object.entries(VARIANTS))('helm lint --strict and helm template: %s values', (variant, args) => {
    const lint = helm(['lint', chart, '--strict', '--kube-version', KUBE_VERSION, ...args], c.dir);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    const out = helm(['template', model.name, chart, '--namespace', model.name, '--kube-version', KUBE_VERSION, ...args], c.dir);
    expect(out.code, out.stderr).toBe(0);
    rendered[variant] = parseManifests(out.stdout);
    const dir = join(WORK, 'rendered', c.label, variant);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifests.yaml'), out.stdout);
    const kinds = rendered[variant].map((o) => o.kind).sort();
    if (variant === 'full') expect(kinds).toEqual(['Deployment', 'HTTPRoute', 'HorizontalPodAutoscaler', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    if (variant === 'minimal') expect(kinds).toEqual(['Deployment', 'Service']);
  });

  it('values.schema.json rejects bad values (replicas 0, tag latest, unknown key, a secret as plain env)', () => {
    for (const bad of [['--set', 'replicaCount=0'], ['--set', 'image.tag=latest'], ['--set', 'imagez.tag=x'], ['--set', 'env.DATABASE_URL=postgres://x'], ['--set', 'httpRoute.enabled=true']]) {
      const lint = helm(['lint', chart, '--strict', ...bad], c.dir);
      expect(lint.code, `${bad.join(' ')} should fail`).not.toBe(0);
    }
  });

  it('every rendered object validates against the Kubernetes models (and Gateway API for HTTPRoute)', async () => {
    for (const variant of Object.keys(VARIANTS)) {
      for (const o of rendered[variant]) {
        const Model = await modelFor(o.apiVersion, o.kind);
        expect(Model, `${o.apiVersion}/${o.kind}`).toBeDefined();
        expect(() => new Model!(o).validate(), `${variant}: ${o.kind}/${o.metadata.name}`).not.toThrow();
      }
    }
  });

  it.skipIf(!venvBin('kubernetes-validate'))('kubernetes-validate --strict: no unknown or missing fields', () => {
    const files = Object.keys(VARIANTS).map((variant) => join(WORK, 'rendered', c.label, variant, 'manifests.yaml'));
    const r = run(venvBin('kubernetes-validate')!, ['--strict', '-k', KUBE_VERSION.replace(/\.0$/, ''), '--quiet', ...files]);
    // kubernetes-validate has no Gateway API schemas: it warns about HTTPRoute (validated by the models above).
    const output = r.stdout + r.stderr;
    expect(output.split('\n').filter((l) => /ERROR|INVALID|failed/i.test(l)), output).toEqual([]);
    expect(r.code, output).toBe(0);
  });

  it('HTTPRoute: only fields of gateway.networking.k8s.io/v1 (kubernetes-validate has no Gateway API schemas)', () => {
    // The Gateway API models check types and required fields but allow unknown ones; these key sets come from the v1 spec.
    const allowed: Record<string, string[]> = {
      route: ['apiVersion', 'kind', 'metadata', 'spec'],
      spec: ['parentRefs', 'hostnames', 'rules'],
      parentRef: ['group', 'kind', 'namespace', 'name', 'sectionName', 'port'],
      rule: ['name', 'matches', 'filters', 'backendRefs', 'timeouts', 'retry', 'sessionPersistence'],
      match: ['path', 'headers', 'queryParams', 'method'],
      path: ['type', 'value'],
      backendRef: ['group', 'kind', 'name', 'namespace', 'port', 'weight', 'filters'],
    };
    const keys = (o: object, kind: string) => expect(Object.keys(o).filter((k) => !allowed[kind].includes(k)), kind).toEqual([]);
    const route = rendered.full.find((o) => o.kind === 'HTTPRoute')!;
    keys(route, 'route');
    keys(route.spec!, 'spec');
    for (const p of route.spec!.parentRefs) keys(p, 'parentRef');
    for (const r of route.spec!.rules) {
      keys(r, 'rule');
      for (const m of r.matches ?? []) {
        keys(m, 'match');
        if (m.path) keys(m.path, 'path');
      }
      for (const b of r.backendRefs ?? []) keys(b, 'backendRef');
    }
  });

  it('policy: probes on the health path, resources, non-root, secrets by reference, selectors that match', () => {
    const objs = rendered.full;
    const deployment = objs.find((o) => o.kind === 'Deployment')!;
    const pod = deployment.spec!.template;
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: model.runtime!.uid, seccompProfile: { type: 'RuntimeDefault' } });
    const [app] = pod.spec.containers;
    expect(app.command, 'the server only; migrations run in the hook Job').toEqual([...model.runtime!.start]);
    expect(app.image).toMatch(/:[\w.-]+$/);
    expect(app.image).not.toMatch(/:latest$/);
    expect(app.ports).toEqual([{ name: 'http', containerPort: model.port, protocol: 'TCP' }]);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(app[probe].httpGet, probe).toEqual({ path: model.healthPath, port: 'http' });
    expect(app.resources.requests).toBeDefined();
    expect(app.resources.limits.memory).toBeDefined();
    expect(app.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    const env = app.env as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }>;
    expect(env.map((e) => e.name).sort()).toEqual([...model.envNames]);
    for (const s of model.secrets) expect(env.find((e) => e.name === s.name)).toEqual({ name: s.name, valueFrom: { secretKeyRef: { name: `${model.name}-env`, key: s.name } } });
    for (const e of model.env) expect(env.find((x) => x.name === e.name)).toEqual({ name: e.name, value: e.value });

    const labels = pod.metadata.labels;
    const matches = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    const service = objs.find((o) => o.kind === 'Service')!;
    expect(matches(service.spec!.selector)).toBe(true);
    expect(service.spec!.ports[0].targetPort).toBe('http');
    const hpa = objs.find((o) => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect([hpa.spec!.minReplicas, hpa.spec!.maxReplicas]).toEqual([model.scaling.min, model.scaling.max]);
    expect(deployment.spec!.replicas).toBeUndefined(); // the HPA owns the replica count
    expect(matches(objs.find((o) => o.kind === 'PodDisruptionBudget')!.spec!.selector.matchLabels)).toBe(true);
    const route = objs.find((o) => o.kind === 'HTTPRoute')!;
    expect(route.spec!.rules[0].backendRefs).toEqual([{ name: service.metadata.name, port: service.spec!.ports[0].port }]);

    const job = objs.find((o) => o.kind === 'Job')!;
    expect(job.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const migrate = job.spec!.template.spec.containers[0];
    expect(migrate.command).toEqual([...model.runtime!.migrate]);
    expect(migrate.image).toBe(app.image);
    expect(migrate.env).toEqual(app.env);
    for (const o of objs) expect(o.metadata.namespace, `${o.kind} namespace`).toBe(model.name);
  });

  it('nothing placeholder-like in infra/kubernetes: no TODO, no changeme, no account ids, no hard-coded regions', () => {
    expect(placeholderProblems(join(c.dir, 'infra/kubernetes'))).toEqual([]);
  });

  it('values.yaml holds no secret value and the chart no Secret object', () => {
    const values = parseYaml(readFileSync(join(chart, 'values.yaml'), 'utf8')) as { env: Record<string, string> };
    for (const s of model.secrets) expect(Object.keys(values.env)).not.toContain(s.name);
    for (const variant of Object.keys(VARIANTS)) expect(rendered[variant].some((o) => o.kind === 'Secret')).toBe(false);
  });
});
