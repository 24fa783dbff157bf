import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import {
  deployInputFrom,
  kubernetesDeployment,
  loadWorkerAddresses,
  SECRET_KEYS,
  type KubernetesDeployment,
} from '@paybench/bench-deploy';
import { integerIn } from '../parse-options.js';
import { writeFileAtomic } from '@paybench/bench-results';
import { loadScenario } from '@paybench/bench-scenario';
import { TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import { builtInTopologyNames, loadTopology, loadTopologyCatalog } from '@paybench/platform-topology';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { EXIT } from '../exit-codes.js';

export interface DeployK8sOptions {
  topology: string;
  out: string;
  scenario: string;
  logging: string;
  namespace: string;
  image: string;
  paymentOptions?: string;
  /** Load generator workers (Indexed Job); absent: none. */
  loadWorkers?: number;
}

export function registerDeploy(program: Command): void {
  const builtIns = builtInTopologyNames(loadTopologyCatalog(TOPOLOGIES_FILE)).join(', ');
  const deploy = program.command('deploy').description('write the deployment of a topology for another platform');
  deploy
    .command('k8s')
    .description('write the Kubernetes manifests of a topology, and the targets.yaml that drives that deployment')
    .requiredOption('-t, --topology <name|file.json>', `built-in (${builtIns}) or a topology file`)
    .requiredOption('-o, --out <dir>', 'where to write manifests/ and targets.yaml')
    .option('--scenario <name|file>', 'the scenario whose logging configuration the deployment runs with', 'incident')
    .option(
      '--logging <name>',
      "which of the scenario's logging configurations (the incident's: broken, fixed)",
      'fixed',
    )
    .option('--namespace <name>', 'the Kubernetes namespace of every object', 'paybench')
    .option('--image <ref>', 'the image every app runs from (built from the Dockerfile)', 'paybench:latest')
    .option('--payment-options <file>', "payment options for the ConfigMap (default: checkout's own)")
    .option(
      '--load-workers <n>',
      'load generator workers for `run --workers`: an Indexed Job and a headless Service (0: none)',
      integerIn(0, 64),
      2,
    )
    .addHelpText(
      'after',
      `
Writes <out>/manifests/ (apply with kubectl apply -f <out>/manifests/): a namespace; a Secret with the internal
listeners' secret and the token secret (fresh random values at the first generation, kept when the file exists:
never commit it); a ConfigMap with the topology, the payment options and the logging configuration; the
node-level log-forwarder (a DaemonSet with the scenario's buffer and when_full, and a node-local Service);
a Deployment (replicas from the topology, default 1) and a Service per process, with readiness and liveness
probes on /readyz and /healthz, requests equal to limits and Prometheus scrape annotations. Every object is
checked against the Kubernetes schemas before it is written. <out>/targets.yaml describes the deployment
for paybench run --target: entry URL, each process's public, internal and metrics URLs, the population and
logging configuration, the forwarder's control URL, credentials by reference, supported faults.
With --load-workers n (default 2): an Indexed Job of n \`paybench worker\` Pods (one core each, token: the
internal secret) behind a headless Service, for \`run --workers\` from inside the cluster.

Examples:
  npm run paybench -- deploy k8s --topology microservices --out k8s/
  npm run paybench -- deploy k8s --topology ./two-tier.json --out k8s/ --logging broken --image registry.example/paybench:1
  docker build -t paybench:latest . && kubectl apply -f k8s/manifests/`,
    )
    .action((options: DeployK8sOptions) => {
      process.exitCode = deployK8s(options);
    });
}

/** What the command prints, passed in so that tests can read it. */
export interface Console {
  out(line: string): void;
  err(line: string): void;
}

const terminal: Console = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Generates, checks and writes the deployment; its exit code: 2 for unusable inputs, 1 when writing fails. */
export function deployK8s(options: DeployK8sOptions, io: Console = terminal): number {
  const out = resolve(options.out);
  let deployment: KubernetesDeployment;
  try {
    deployment = generate(options, out);
  } catch (error) {
    io.err(`paybench deploy k8s: ${(error as Error).message}`);
    return EXIT.usage;
  }
  try {
    mkdirSync(join(out, 'manifests'), { recursive: true });
    for (const file of deployment.files) {
      const path = join(out, file.path);
      writeFileAtomic(path, file.text, file.secret ? { mode: 0o600 } : {});
      io.out(`wrote ${relative(process.cwd(), path)}${file.secret ? ' (secret values: never commit it)' : ''}`);
    }
  } catch (error) {
    io.err(`paybench deploy k8s: cannot write ${out}: ${(error as Error).message}`);
    return EXIT.failed;
  }
  io.out(
    `\n${deployment.objects.length} objects, valid against the Kubernetes schemas. Then, from the repository root:\n` +
      `  docker build -t ${options.image} .\n` +
      `  kubectl apply -f ${relative(process.cwd(), join(out, 'manifests')) || '.'}/`,
  );
  if (options.loadWorkers)
    io.out(
      `Load generator workers, for a runner inside the cluster (token: the Secret's ${SECRET_KEYS.internal}):\n` +
        `  paybench run <scenario> --workers ${loadWorkerAddresses(options.namespace, options.loadWorkers).join(',')}`,
    );
  return EXIT.ok;
}

function generate(options: DeployK8sOptions, out: string): KubernetesDeployment {
  const secretFile = join(out, 'manifests', '10-secret.yaml');
  const paymentOptionsFile = options.paymentOptions ? resolve(options.paymentOptions) : checkoutPaymentOptionsFile();
  const deployment = kubernetesDeployment(
    deployInputFrom({
      topology: loadTopology(options.topology, loadTopologyCatalog(TOPOLOGIES_FILE)),
      scenario: loadScenario(options.scenario).scenario,
      loggingName: options.logging,
      paymentOptionsJson: readJson(paymentOptionsFile, 'payment options file'),
      secrets: existsSync(secretFile) ? secretsIn(secretFile) : freshSecrets(),
      options: {
        namespace: options.namespace,
        image: options.image,
        ...(options.loadWorkers !== undefined && { loadWorkers: options.loadWorkers }),
      },
    }),
  );
  const stale = staleManifests(out, new Set(deployment.files.map((f) => f.path)));
  if (stale.length > 0) {
    throw new Error(
      `${join(out, 'manifests')} holds manifests this deployment does not write (${stale.join(', ')}): ` +
        'kubectl apply would apply them too; remove them or choose another --out',
    );
  }
  return deployment;
}

/** The payment options checkout ships with (its config/ folder): the file only, the bench reads no payments code. */
function checkoutPaymentOptionsFile(): string {
  const packageJson = createRequire(import.meta.url).resolve('@paybench/payments-checkout/package.json');
  return join(dirname(packageJson), 'config', 'payment-options.json');
}

/** The file's text, once it is known to be JSON (checkout validates its fields when it starts). */
function readJson(file: string, what: string): string {
  const text = readFileSync(file, 'utf8');
  try {
    JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return text;
}

/** 32 random bytes each, in hex (safe inside the JSON configuration the Pods expand them into). */
function freshSecrets(): { internal: string; auth: string } {
  return { internal: randomBytes(32).toString('hex'), auth: randomBytes(32).toString('hex') };
}

/** The values of a Secret written earlier: regenerating keeps them, so running Pods and new ones agree. */
function secretsIn(file: string): { internal: string; auth: string } {
  const data = (parseYaml(readFileSync(file, 'utf8')) as { stringData?: Record<string, unknown> } | null)?.stringData;
  const internal = data?.[SECRET_KEYS.internal];
  const auth = data?.[SECRET_KEYS.auth];
  const usable = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64,}$/.test(value);
  if (!usable(internal) || !usable(auth)) {
    throw new Error(
      `${file} does not hold both secrets (${SECRET_KEYS.internal}, ${SECRET_KEYS.auth}) as 64+ hex characters: ` +
        'remove it to generate fresh ones',
    );
  }
  return { internal, auth };
}

/** Manifests already in the output that this generation does not write (another topology's processes). */
function staleManifests(out: string, written: ReadonlySet<string>): string[] {
  const dir = join(out, 'manifests');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name) && !written.has(`manifests/${name}`));
}
