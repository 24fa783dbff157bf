import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';

/** Where a deployment's token secret comes from. */
export const AUTH_SECRET_ENV = 'PAYBENCH_AUTH_SECRET';
/** An HMAC-SHA256 key shorter than its 32-byte output is weaker than the signature it makes. */
export const MIN_AUTH_SECRET_BYTES = 32;

export interface AuthSecret {
  readonly value: string;
  /**
   * The published development secret: anyone can sign any token with it, so it must not face a
   * network (see `up --allow-dev-secret-on-network`) and token lifetimes are not capped under it.
   */
  readonly isDevSecret: boolean;
}

/**
 * The token secret of every command that starts processes (up, run, profile): PAYBENCH_AUTH_SECRET
 * when set, else the published development secret, so the committed example request works against
 * a fresh start. Set but empty counts as unset, with a warning (an empty `export` is a mistake, not
 * a choice); a secret under 32 bytes is refused, naming the variable.
 */
export function resolveAuthSecret(
  env: NodeJS.ProcessEnv = process.env,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): AuthSecret | { error: string } {
  const configured = env[AUTH_SECRET_ENV];
  if (configured === undefined) return { value: DEV_AUTH_SECRET, isDevSecret: true };
  if (configured === '') {
    warn(`paybench: warning: ${AUTH_SECRET_ENV} is set but empty: using the published development secret`);
    return { value: DEV_AUTH_SECRET, isDevSecret: true };
  }
  const bytes = Buffer.byteLength(configured, 'utf8');
  if (bytes < MIN_AUTH_SECRET_BYTES) {
    const rule = `a token secret must be at least ${MIN_AUTH_SECRET_BYTES} bytes`;
    return { error: `paybench: ${AUTH_SECRET_ENV} is ${bytes} bytes long; ${rule} (e.g. \`openssl rand -hex 32\`)` };
  }
  return { value: configured, isDevSecret: configured === DEV_AUTH_SECRET };
}

type Settings = Record<string, string | number>;

export interface DeploymentOptions {
  seed: number;
  consumers: number;
}

/** Settings every process of a deployment receives. */
export function deploymentSettings(options: DeploymentOptions, authSecret: AuthSecret): Settings {
  return { seed: options.seed, consumers: options.consumers, authSecret: authSecret.value };
}
