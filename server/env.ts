import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The process configuration, read once at boot from the environment. */
export interface Env {
  port: number;
  host: string;
  /** `sqlite:/path/file.db` or `postgres://…`; unset means ./data/parley.db. */
  databaseUrl: string;
  redisUrl: string | null;
  /** Namespace of this installation's Redis keys and channels (REDIS_PREFIX), so installations can share one Redis. */
  redisPrefix: string;
  frontendUrl: string;
  secretKeyBase: string;
  smtpUrl: string | null;
  /** Outgoing SMTP as Chatwoot configures it (SMTP_ADDRESS, SMTP_PORT, …); null when unset (mail is logged instead). */
  smtp: SmtpConfig | null;
  /** The From of outgoing mail (MAILER_SENDER_EMAIL). */
  mailerSenderEmail: string;
  storageDir: string;
  dataDir: string;
  logLevel: string;
  allowPrivateWebhookTargets: boolean;
  /** Largest accepted upload, in bytes (Chatwoot: 40 MB). */
  maxUploadBytes: number;
  /** Largest accepted JSON body, in bytes. */
  maxBodyBytes: number;
  /** How long a rotated webhook, API channel or agent bot secret keeps signing deliveries beside the new one. */
  webhookSecretOverlapMs: number;
  /** A webhook whose every attempt has failed for this long is disabled. */
  webhookDisableAfterMs: number;
  /** Limits of /cable; 0 means no limit. */
  cableLimits: CableLimitsConfig;
  /** Widget API requests allowed per visitor (X-Auth-Token) per minute (WIDGET_RATE_LIMIT_PER_VISITOR). */
  widgetRateLimitPerVisitor: number;
  /** Widget API requests allowed per client IP per minute (WIDGET_RATE_LIMIT_PER_IP). */
  widgetRateLimitPerIp: number;
}

/** Connection and subscription limits of /cable, per client IP and per pubsub token (0: no limit). */
export interface CableLimitsConfig {
  connectionsPerIp: number;
  subscriptionsPerIp: number;
  connectionsPerToken: number;
  subscriptionsPerToken: number;
}

/** SMTP settings, Chatwoot's variable names. */
export interface SmtpConfig {
  /** SMTP_ADDRESS (host). */
  address: string;
  /** SMTP_PORT (default 587). */
  port: number;
  /** SMTP_USERNAME / SMTP_PASSWORD; no authentication when the username is unset. */
  username: string | null;
  password: string | null;
  /** SMTP_SSL / SMTP_TLS = true: implicit TLS (port 465 style); otherwise STARTTLS when offered. */
  secure: boolean;
  /** SMTP_OPENSSL_VERIFY_MODE=none accepts any certificate. */
  verifyCertificate: boolean;
}

function smtpFrom(vars: NodeJS.ProcessEnv): SmtpConfig | null {
  if (!vars.SMTP_ADDRESS) {
    return null;
  }
  return {
    address: vars.SMTP_ADDRESS,
    port: intFrom(vars.SMTP_PORT, 'SMTP_PORT', 587),
    username: vars.SMTP_USERNAME || null,
    password: vars.SMTP_PASSWORD || null,
    secure: vars.SMTP_SSL === 'true' || vars.SMTP_TLS === 'true',
    verifyCertificate: (vars.SMTP_OPENSSL_VERIFY_MODE || '').toLowerCase() !== 'none',
  };
}

function intFrom(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  }
  return n;
}

/** Reads SECRET_KEY_BASE, or generates one kept in <dataDir>/secret (mode 600). */
function secretFrom(value: string | undefined, dataDir: string): string {
  if (value) {
    return value;
  }
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(64).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Builds the Env from a variables map (process.env by default). */
export function loadEnv(vars: NodeJS.ProcessEnv = process.env): Env {
  const dataDir = resolve(vars.PARLEY_DATA_DIR || './data');
  const databaseUrl = vars.DATABASE_URL || `sqlite:${join(dataDir, 'parley.db')}`;
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with sqlite: or postgres://');
  }
  const port = intFrom(vars.PORT, 'PORT', 3000);
  return {
    port,
    host: vars.HOST || '0.0.0.0',
    databaseUrl,
    redisUrl: vars.REDIS_URL || null,
    redisPrefix: vars.REDIS_PREFIX || 'parley',
    frontendUrl: (vars.FRONTEND_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    secretKeyBase: secretFrom(vars.SECRET_KEY_BASE, dataDir),
    smtpUrl: vars.SMTP_URL || null,
    smtp: smtpFrom(vars),
    mailerSenderEmail: vars.MAILER_SENDER_EMAIL || 'Parley <accounts@parley.local>',
    storageDir: resolve(vars.STORAGE_DIR || join(dataDir, 'storage')),
    dataDir,
    logLevel: vars.LOG_LEVEL || 'info',
    allowPrivateWebhookTargets: vars.ALLOW_PRIVATE_WEBHOOK_TARGETS === 'true',
    maxUploadBytes: intFrom(vars.MAX_UPLOAD_BYTES, 'MAX_UPLOAD_BYTES', 40 * 1024 * 1024),
    maxBodyBytes: intFrom(vars.MAX_BODY_BYTES, 'MAX_BODY_BYTES', 1024 * 1024),
    webhookSecretOverlapMs: intFrom(vars.WEBHOOK_SECRET_OVERLAP_SECONDS, 'WEBHOOK_SECRET_OVERLAP_SECONDS', 86_400) * 1000,
    webhookDisableAfterMs: intFrom(vars.WEBHOOK_DISABLE_AFTER_SECONDS, 'WEBHOOK_DISABLE_AFTER_SECONDS', 86_400) * 1000,
    cableLimits: {
      connectionsPerIp: intFrom(vars.CABLE_MAX_CONNECTIONS_PER_IP, 'CABLE_MAX_CONNECTIONS_PER_IP', 1000),
      subscriptionsPerIp: intFrom(vars.CABLE_MAX_SUBSCRIPTIONS_PER_IP, 'CABLE_MAX_SUBSCRIPTIONS_PER_IP', 2000),
      connectionsPerToken: intFrom(vars.CABLE_MAX_CONNECTIONS_PER_TOKEN, 'CABLE_MAX_CONNECTIONS_PER_TOKEN', 50),
      subscriptionsPerToken: intFrom(vars.CABLE_MAX_SUBSCRIPTIONS_PER_TOKEN, 'CABLE_MAX_SUBSCRIPTIONS_PER_TOKEN', 100),
    },
    widgetRateLimitPerVisitor: intFrom(vars.WIDGET_RATE_LIMIT_PER_VISITOR, 'WIDGET_RATE_LIMIT_PER_VISITOR', 300),
    widgetRateLimitPerIp: intFrom(vars.WIDGET_RATE_LIMIT_PER_IP, 'WIDGET_RATE_LIMIT_PER_IP', 3000),
  };
}

/** Makes sure a file's folder exists. */
export function ensureDirFor(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}
