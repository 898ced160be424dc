/**
 * Where agenda keeps its jobs: the application's own PostgreSQL by default
 * (tables agenda_jobs and agenda_logs, created by the backend), or MongoDB
 * when JOBS_BACKEND=mongodb. Both also hold the run log that `jobs:list`
 * reads, through the backend's JobLogger.
 */
import type { AgendaBackend, JobLogger, JobRepository, NotificationChannel } from 'agenda';
import { UmsError } from '../errors.js';
import { redact } from '../db/datasource.js';

export type JobsBackendKind = 'postgres' | 'mongodb';

export interface BackendOptions {
  kind: JobsBackendKind;
  /** The application database (used by the postgres backend). */
  databaseUrl: string;
  mongodbUrl?: string;
  /** LISTEN/NOTIFY keeps one pooled connection busy: only a worker needs it; commands turn it off. */
  notifications: boolean;
  log: (line: string) => void;
}

export interface JobsBackend {
  backend: AgendaBackend;
  logger: JobLogger;
  /** Resolves once agenda has connected the backend; rejects with a clear error when it cannot. */
  connected(): Promise<void>;
  describe: string;
  close(): Promise<void>;
}

/**
 * agenda connects its backend from its constructor without handling a
 * rejection, and then waits for 'ready' forever. This wrapper keeps the
 * failure so the caller can report it instead of hanging.
 */
class GuardedBackend implements AgendaBackend {
  private connecting?: Promise<void>;

  constructor(private readonly inner: AgendaBackend) {}

  get name(): string {
    return this.inner.name;
  }
  get repository(): JobRepository {
    return this.inner.repository;
  }
  get notificationChannel(): NotificationChannel | undefined {
    return this.inner.notificationChannel;
  }
  get logger(): JobLogger | undefined {
    return this.inner.logger;
  }
  get ownsConnection(): boolean | undefined {
    return this.inner.ownsConnection;
  }

  connect(): Promise<void> {
    this.connecting ??= this.inner.connect();
    // agenda never learns of a failure: it stays "not ready", and connected() reports it.
    return this.connecting.catch(() => new Promise<void>(() => undefined));
  }

  connected(): Promise<void> {
    if (!this.connecting) return Promise.reject(new UmsError('INTERNAL', 'The jobs backend was never connected.'));
    return this.connecting;
  }

  disconnect(): Promise<void> {
    return this.inner.disconnect();
  }
}

export async function openBackend(options: BackendOptions): Promise<JobsBackend> {
  if (options.kind === 'mongodb') {
    if (!options.mongodbUrl) throw new UmsError('BAD_REQUEST', 'JOBS_BACKEND=mongodb needs MONGODB_URL (e.g. mongodb://127.0.0.1:27017/ums).');
    const [{ MongoClient }, { MongoBackend }] = await Promise.all([import('mongodb'), import('@agendajs/mongo-backend')]);
    // Fail in seconds, not the driver's default 30, unless the URL sets its own timeout.
    const client = new MongoClient(options.mongodbUrl, /serverSelectionTimeoutMS=/i.test(options.mongodbUrl) ? {} : { serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
    } catch (err) {
      await client.close().catch(() => undefined);
      throw new UmsError('DATABASE_UNAVAILABLE', `Cannot connect to MongoDB at ${redact(options.mongodbUrl)}: ${(err as Error).message}`);
    }
    const inner = new MongoBackend({ mongo: client.db() });
    const guarded = new GuardedBackend(inner);
    return {
      backend: guarded,
      logger: inner.logger,
      connected: () => guarded.connected(),
      describe: `MongoDB ${redact(options.mongodbUrl)}`,
      close: async () => {
        // The client is ours (passed in), so the backend leaves it open: close it here.
        await inner.disconnect().catch(() => undefined);
        await client.close();
      },
    };
  }
  const [{ PostgresBackend }, { default: pg }] = await Promise.all([import('@agendajs/postgres-backend'), import('pg')]);
  // Our own pool rather than the backend's: an idle connection the server drops (a restart, or the
  // embedded cluster stopping right after a command) emits 'error' on the pool, which crashes the
  // process unless someone listens; the backend's own pool has no listener.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3, application_name: 'ums-jobs' });
  let closing = false;
  pool.on('error', (err) => {
    if (!closing) options.log(`[jobs] a scheduler database connection failed: ${err.message}`);
  });
  const inner = new PostgresBackend({ pool, disableNotifications: !options.notifications });
  const guarded = new GuardedBackend(inner);
  return {
    backend: guarded,
    logger: inner.logger,
    connected: () =>
      guarded.connected().catch((err: unknown) => {
        throw new UmsError('DATABASE_UNAVAILABLE', `The job scheduler cannot use PostgreSQL at ${redact(options.databaseUrl)}: ${(err as Error).message}`);
      }),
    describe: 'PostgreSQL (agenda_jobs, agenda_logs)',
    close: async () => {
      closing = true;
      await inner.disconnect().catch(() => undefined);
      await pool.end();
    },
  };
}
