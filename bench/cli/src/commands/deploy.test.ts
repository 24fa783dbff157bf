import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTargets } from '@paybench/bench-deploy';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../exit-codes.js';
import { deployK8s, type DeployK8sOptions } from './deploy.js';

const defaults = { scenario: 'incident', logging: 'fixed', namespace: 'paybench', image: 'paybench:latest' };

function deploy(options: Partial<DeployK8sOptions> & { out: string }) {
  const lines = { out: [] as string[], err: [] as string[] };
  const code = deployK8s(
    { topology: 'microservices', ...defaults, ...options },
    { out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) },
  );
  return { code, ...lines };
}

const secretOf = (out: string) => readFileSync(join(out, 'manifests', '10-secret.yaml'), 'utf8');

describe('paybench deploy k8s', () => {
  it('writes the manifests, the secret readable by its owner only, and the targets file', () => {
    const out = mkdtempSync(join(tmpdir(), 'paybench-k8s-'));
    const result = deploy({ out });
    expect(result).toMatchObject({ code: EXIT.ok, err: [] });
    for (const name of ['00-namespace', '10-secret', '20-config', '30-log-forwarder', '40-checkout', '40-risk'])
      expect(statSync(join(out, 'manifests', `${name}.yaml`)).isFile()).toBe(true);
    expect(statSync(join(out, 'manifests', '10-secret.yaml')).mode & 0o777).toBe(0o600);
    expect(parseTargets(readFileSync(join(out, 'targets.yaml'), 'utf8'), 'targets.yaml').processes).toHaveLength(5);
    // The payment options checkout ships, in the ConfigMap.
    expect(readFileSync(join(out, 'manifests', '20-config.yaml'), 'utf8')).toContain('payment-options.json');
  });

  it('makes fresh secrets for a new output and keeps them when it generates again', () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'paybench-k8s-')), mkdtempSync(join(tmpdir(), 'paybench-k8s-'))];
    deploy({ out: a });
    deploy({ out: b });
    expect(secretOf(a)).not.toBe(secretOf(b));
    const first = secretOf(a);
    expect(deploy({ out: a, logging: 'broken' }).code).toBe(EXIT.ok);
    expect(secretOf(a)).toBe(first);
  });

  it("refuses an output holding another deployment's manifests, which kubectl apply would apply too", () => {
    const out = mkdtempSync(join(tmpdir(), 'paybench-k8s-'));
    deploy({ out });
    const result = deploy({ out, topology: 'monolith' });
    expect(result.code).toBe(EXIT.usage);
    expect(result.err.join('\n')).toMatch(/40-auth\.yaml.*remove them or choose another --out/);
  });

  it('exits 2 naming the problem: an unknown logging configuration, a secret file it cannot use', () => {
    const out = mkdtempSync(join(tmpdir(), 'paybench-k8s-'));
    expect(deploy({ out, logging: 'loud' })).toMatchObject({ code: EXIT.usage });
    mkdirSync(join(out, 'manifests'));
    writeFileSync(join(out, 'manifests', '10-secret.yaml'), 'stringData: { internal-secret: short }\n');
    expect(deploy({ out }).err.join('\n')).toMatch(/does not hold both secrets/);
  });
});
