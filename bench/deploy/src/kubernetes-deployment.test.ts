import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '@paybench/bench-scenario';
import { DEV_AUTH_SECRET, TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import {
  builtInTopologyNames,
  loadTopology,
  loadTopologyCatalog,
  PROCESS_CONFIG_ENV,
  readProcessConfig,
} from '@paybench/platform-topology';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { deployInputFrom, kubernetesDeployment, parseTargets, validateObjects, type KubeObject } from './index.js';

const REPO_ROOT = join(import.meta.dirname, '../../..');
const catalog = loadTopologyCatalog(TOPOLOGIES_FILE);
const { scenario: incident } = loadScenario('incident');
const secrets = { internal: 'a1'.repeat(32), auth: 'b2'.repeat(32) };

function generate(topology: string, logging = 'fixed', loadWorkers = 0) {
  const input = deployInputFrom({
    topology: loadTopology(topology, catalog),
    scenario: incident,
    loggingName: logging,
    paymentOptionsJson: '{"options":[]}\n',
    secrets,
    options: { namespace: 'bench', loadWorkers },
  });
  return kubernetesDeployment(input);
}

const ofKind = (objects: readonly KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
type Container = { env: { name: string; value?: string; valueFrom?: unknown }[]; [key: string]: unknown };
const containerOf = (deployment: KubeObject) =>
  (deployment as unknown as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec
    .containers[0] as Container;

/** What the kubelet does to `$(NAME)` in an env value: the earlier variables' values, as this Pod would see them. */
function expand(env: Container['env'], values: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const variable of env) {
    out[variable.name] =
      variable.value?.replace(/\$\(([A-Z_]+)\)/g, (_m, name: string) => out[name] ?? `$(${name})`) ??
      values[variable.name];
  }
  return out;
}

describe('paybench deploy k8s', () => {
  it.each(builtInTopologyNames(catalog))(
    'writes valid objects for topology %s, one Deployment and Service per process',
    (name) => {
      const deployment = generate(name);
      const processes = loadTopology(name, catalog).processes;
      expect(ofKind(deployment.objects, 'Deployment')).toHaveLength(processes.length);
      // One Service per process, plus the forwarder's.
      expect(ofKind(deployment.objects, 'Service')).toHaveLength(processes.length + 1);
      expect(ofKind(deployment.objects, 'DaemonSet')).toHaveLength(1);
      expect(ofKind(deployment.objects, 'Secret')).toHaveLength(1);
      expect(ofKind(deployment.objects, 'ConfigMap')).toHaveLength(1);
      // Validated again here, object by object, from the YAML that is written (not the objects in memory).
      const fromYaml = deployment.files
        .filter((f) => f.path.startsWith('manifests/'))
        .flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS() as KubeObject));
      expect(fromYaml).toHaveLength(deployment.objects.length);
      expect(() => validateObjects(fromYaml)).not.toThrow();
      // Every script a container runs is a workspace app's build (the image keeps apps/<app>/dist/main.js).
      const containers = [...ofKind(deployment.objects, 'Deployment'), ...ofKind(deployment.objects, 'DaemonSet')].map(
        containerOf,
      );
      const scripts = containers.flatMap((c) => {
        const driver = c.env.find((v) => v.name === 'PAYBENCH_POD_LOG_DRIVER');
        const command = (c['command'] as string[])[1] as string;
        return driver ? [command, (JSON.parse(driver.value ?? '{}') as { script: string }).script] : [command];
      });
      expect(scripts.length).toBe(2 * processes.length + 1);
      for (const script of scripts) {
        expect(script).toMatch(/^apps\/[a-z-]+\/dist\/main\.js$/);
        expect(existsSync(join(REPO_ROOT, script.replace('/dist/main.js', '/package.json'))), script).toBe(true);
      }
    },
  );

  it('gives each process the configuration its unchanged app reads, once the Pod fills in its values', () => {
    const deployment = generate('microservices');
    const checkout = ofKind(deployment.objects, 'Deployment').find((d) => d.metadata.name === 'paybench-checkout');
    const container = containerOf(checkout as KubeObject);
    expect(container['command']).toEqual(['node', 'apps/log-driver/dist/main.js']);
    const env = expand(container.env, {
      PAYBENCH_POD_UID: '0b7c3a52-8c3e-4a53-9d0a-6f7e2f1c9d11',
      PAYBENCH_INTERNAL_SECRET: secrets.internal,
      PAYBENCH_AUTH_SECRET: secrets.auth,
    });
    const config = readProcessConfig(env);
    // The log driver runs the process's app and ships its stdout to the node's forwarder in the scenario's mode.
    expect(JSON.parse(env['PAYBENCH_POD_LOG_DRIVER'] ?? '{}')).toMatchObject({
      name: 'checkout',
      script: 'apps/checkout-service/dist/main.js',
      driver: { mode: 'non-blocking', maxBufferBytes: 1048576 },
      forwarder: { host: 'paybench-log-forwarder.bench.svc', port: 24224 },
    });
    expect(config).toMatchObject({
      process: 'checkout',
      isEntry: true,
      host: '0.0.0.0',
      internalHost: '0.0.0.0',
      port: 3000,
      internalPort: 3100,
      internalSecret: secrets.internal,
      nonce: '0b7c3a52-8c3e-4a53-9d0a-6f7e2f1c9d11',
      settings: { authSecret: secrets.auth, paymentOptionsFile: '/etc/paybench/payment-options.json' },
      logger: { mode: 'sync' },
      callTimeoutMs: 2000,
    });
    expect(config.moduleUrls).toEqual({
      auth: 'http://paybench-auth.bench.svc:3100',
      funding: 'http://paybench-funding.bench.svc:3100',
      orders: 'http://paybench-orders.bench.svc:3100',
      risk: 'http://paybench-risk.bench.svc:3100',
      checkout: 'http://paybench-checkout.bench.svc:3100',
    });
    // The secrets come from the Secret, by reference, and are defined before the configuration that uses them.
    const names = container.env.map((v) => v.name);
    expect(names.indexOf('PAYBENCH_INTERNAL_SECRET')).toBeLessThan(names.indexOf(PROCESS_CONFIG_ENV));
    expect(container.env.find((v) => v.name === 'PAYBENCH_INTERNAL_SECRET')?.valueFrom).toEqual({
      secretKeyRef: { name: 'paybench-secrets', key: 'internal-secret' },
    });
  });

  it('probes /readyz and /healthz on the public listener, which serves them', () => {
    const container = containerOf(ofKind(generate('monolith').objects, 'Deployment')[0] as KubeObject);
    expect(container['readinessProbe']).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
    expect(container['livenessProbe']).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
    expect(container['ports']).toContainEqual({ name: 'http', containerPort: 3000, protocol: 'TCP' });
  });

  it('catches an invalid object: a probe without a port', () => {
    const deployment = structuredClone(ofKind(generate('monolith').objects, 'Deployment')[0]) as KubeObject;
    const probe = containerOf(deployment)['readinessProbe'] as { httpGet: { port?: string } };
    delete probe.httpGet.port;
    expect(() => validateObjects([deployment])).toThrow(
      /Deployment paybench-monolith .*readinessProbe\/httpGet must have required property port/,
    );
  });

  it('runs as many replicas of a process as its topology file says (default 1)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paybench-deploy-')), 'two-tier.json');
    const topology = {
      name: 'two-tier',
      processes: [
        { name: 'front', modules: ['checkout', 'auth'], replicas: 3 },
        { name: 'back', modules: ['funding', 'risk', 'orders'] },
      ],
    };
    writeFileSync(file, JSON.stringify(topology));
    const deployment = generate(file);
    const replicas = Object.fromEntries(
      ofKind(deployment.objects, 'Deployment').map((d) => [
        d.metadata.name,
        (d['spec'] as { replicas: number }).replicas,
      ]),
    );
    expect(replicas).toEqual({ 'paybench-front': 3, 'paybench-back': 1 });
    expect(deployment.targets.processes.map((p) => [p.name, p.replicas])).toEqual([
      ['front', 3],
      ['back', 1],
    ]);
  });

  it.each([
    ['broken', 'block'],
    ['fixed', 'drop_newest'],
  ])(
    "gives the node-level forwarder the scenario's buffer and when_full, each Pod's driver its mode (logging %s)",
    (logging, whenFull) => {
      const objects = generate('microservices', logging).objects;
      const daemonSet = ofKind(objects, 'DaemonSet')[0] as KubeObject;
      const env = containerOf(daemonSet).env.find((v) => v.name === 'PAYBENCH_FORWARDER_CONFIG');
      expect(JSON.parse(env?.value ?? '{}')).toMatchObject({ whenFull, maxEvents: 500, dataPort: 24224 });
      // And every Pod's driver the scenario's mode: blocking in the broken configuration.
      const drivers = ofKind(objects, 'Deployment').map((d) => {
        const driver = containerOf(d).env.find((v) => v.name === 'PAYBENCH_POD_LOG_DRIVER');
        return (JSON.parse(driver?.value ?? '{}') as { driver: { mode: string } }).driver.mode;
      });
      expect(new Set(drivers)).toEqual(new Set([whenFull === 'block' ? 'blocking' : 'non-blocking']));
    },
  );

  it('writes secret values only into the Secret, none from the repository', () => {
    const deployment = generate('microservices');
    const secretFiles = deployment.files.filter((f) => f.secret).map((f) => f.path);
    expect(secretFiles).toEqual(['manifests/10-secret.yaml']);
    for (const file of deployment.files) {
      expect(file.text).not.toContain(DEV_AUTH_SECRET);
      if (!file.secret) {
        expect(file.text).not.toContain(secrets.internal);
        expect(file.text).not.toContain(secrets.auth);
      }
    }
  });

  it('writes the targets file section 1 reads: in-cluster URLs, credentials by reference', () => {
    const deployment = generate('extract-risk');
    const file = deployment.files.find((f) => f.path === 'targets.yaml');
    const targets = parseTargets(file?.text ?? '', 'targets.yaml');
    expect(targets).toEqual(deployment.targets);
    expect(targets.entryUrl).toBe('http://paybench-core.bench.svc:3000');
    expect(targets.processes.map((p) => p.metricsUrl)).toEqual([
      'http://paybench-core.bench.svc:3100/metrics',
      'http://paybench-risk.bench.svc:3100/metrics',
    ]);
    expect(targets.processes.map((p) => [p.publicUrl, p.internalUrl])).toEqual([
      ['http://paybench-core.bench.svc:3000', 'http://paybench-core.bench.svc:3100'],
      ['http://paybench-risk.bench.svc:3000', 'http://paybench-risk.bench.svc:3100'],
    ]);
    expect(targets.logging?.driver.mode).toBe('non-blocking');
    expect(targets.faults).toContain('module-faults');
    expect(targets.internal.credential).toEqual({
      from: 'kubernetes-secret',
      namespace: 'bench',
      name: 'paybench-secrets',
      key: 'internal-secret',
    });
    expect(targets.faults).not.toContain('links');
  });

  it('refuses a targets file with a bad field, naming it', () => {
    expect(() => parseTargets('version: 1\nentryUrl: ftp://x\n', 't.yaml')).toThrow(
      /invalid targets file t.yaml:[^]*entryUrl/,
    );
  });

  it('names the logging configurations of the scenario when asked for another', () => {
    expect(() => generate('monolith', 'nope')).toThrow(/no logging configuration "nope": it has broken, fixed/);
  });

  it('adds the load generator workers as an Indexed Job with a headless Service, valid, token by reference', () => {
    const deployment = generate('monolith', 'fixed', 3);
    const file = deployment.files.find((f) => f.path === 'manifests/50-load-workers.yaml');
    const objects = parseAllDocuments(file?.text ?? '').map((d) => d.toJS() as KubeObject);
    expect(() => validateObjects(objects)).not.toThrow();
    type Job = { spec: { template: { spec: { subdomain: string; containers: Record<string, unknown>[] } } } };
    const [service, job] = objects as [KubeObject & { spec: Record<string, unknown> }, KubeObject & Job];
    expect(service.spec).toMatchObject({ clusterIP: 'None', ports: [{ port: 7100 }] });
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 3 });
    expect(job.spec.template.spec.subdomain).toBe(service.metadata.name);
    const container = job.spec.template.spec.containers[0] as Record<string, unknown>;
    expect(container.command).toEqual(['node', 'bench/cli/dist/main.js', 'worker', '--listen', '0.0.0.0:7100']);
    expect(container.env).toEqual([
      {
        name: 'PAYBENCH_WORKER_TOKEN',
        valueFrom: { secretKeyRef: { name: 'paybench-secrets', key: 'internal-secret' } },
      },
    ]);
    expect(file?.secret).toBe(false);
    expect(file?.text).not.toContain(secrets.internal);
    // Without workers asked for, there is no such file.
    expect(generate('monolith').files.map((f) => f.path)).not.toContain('manifests/50-load-workers.yaml');
    // The schema check bites on a Job too.
    const broken = { ...job, spec: { ...job.spec, completions: 'three' } };
    expect(() => validateObjects([broken])).toThrow(/Job paybench-load-workers is not a valid Kubernetes object/);
  });
});
