/**
 * Generated migration files as the tests use them: written into a folder
 * inside the repository (a real migration imports ../core/db/…), loaded, and
 * run in one transaction as TypeORM runs each migration.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource, MigrationInterface } from 'typeorm';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh folder beside migrations/ (ignored by git: /.tmp-migrations-*); `remove` when done. */
export function migrationDir(): { dir: string; remove(): void } {
  const dir = join(ROOT, `.tmp-migrations-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The migration class a generated file exports, instantiated, with the file's text. */
export async function loadMigration(file: string): Promise<{ body: string; migration: MigrationInterface }> {
  const mod = (await import(file)) as Record<string, new () => MigrationInterface>;
  return { body: readFileSync(file, 'utf8'), migration: new (Object.values(mod).find((v) => typeof v === 'function')!)() };
}

/** One direction of a migration in its own transaction: all of it or, when it throws, none of it. */
export async function runMigration(dataSource: DataSource, migration: MigrationInterface, direction: 'up' | 'down' = 'up'): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    await migration[direction](runner);
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
  }
}
