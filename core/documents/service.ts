/**
 * Documents for a signed-in user or a job: print now (the record action, run
 * through RecordService.runAction, so permission, availability, transaction
 * and audit are the same as for every record action), or queue the print for
 * the documents job and download the stored PDF later. Every path re-reads the
 * record as the asking user: a stored PDF is never handed to someone who may
 * not read its record or run its action.
 */
import type { EntityManager } from 'typeorm';
import type { Actor } from '../data/actor.js';
import { RecordService, type RecordData } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { forbidden, UmsError } from '../errors.js';
import { actionNoun, DOCUMENT_TABLE, entityNoun, type ResolvedEntity } from '../manifest/index.js';
import { documentActionOf, type DocumentActionDefinition } from './actions.js';
import { findDocument, issueDocument, storedContent, type DocumentKey, type DocumentRow, type DocumentStatus } from './store.js';
import { crossTenant } from '../db/cross-tenant.js';
import { tenantTransaction, withinTenant } from '../data/tenant-scope.js';

export interface PrintedDocument {
  number: string;
  filename: string;
  content: Buffer;
}

export interface DocumentState {
  status: DocumentStatus | 'none';
  number?: string;
  generatedAt?: string;
  error?: string;
}

interface Authorised {
  entity: ResolvedEntity;
  definition: DocumentActionDefinition;
  record: RecordData;
  key: DocumentKey;
}

/** The record as the actor reads it (missing and not readable look the same), and the action's permission. */
async function authorise(records: RecordService, entityKey: string, recordId: string, name: string): Promise<Authorised> {
  const entity = records.entity(entityKey);
  const definition = documentActionOf(records.runtime, entity, name);
  if (!records.moduleEnabled(entity)) throw new UmsError('MODULE_DISABLED', `The ${entity.module} module is not enabled for this organization.`, { entity: entity.key });
  const record = await records.get(entity.key, recordId);
  if (!(await records.actionAllowed(entity, definition, record))) throw forbidden({ text: 'You may not print the {document} of this {entity}.', vars: { document: actionNoun(entity, definition), entity: entityNoun(entity) } }, { entity: entity.key });
  return { entity, definition, record, key: { organizationId: records.organizationId, kind: definition.document.kind, entity: entity.key, recordId: record.id } };
}

const filenameOf = (row: DocumentRow): string => `${row.number}.pdf`;

/** Prints the document now: runs its record action as `actor` and returns the PDF the action stored. */
export async function printDocumentFor(runtime: Runtime, actor: Actor, entityKey: string, recordId: string, name: string): Promise<PrintedDocument> {
  const records = await RecordService.for(runtime, actor);
  const entity = records.entity(entityKey);
  const definition = documentActionOf(runtime, entity, name);
  await records.runAction(entity.key, name, recordId);
  const key: DocumentKey = { organizationId: actor.organizationId, kind: definition.document.kind, entity: entity.key, recordId };
  const row = await findDocument(withinTenant(runtime.dataSource, key.organizationId), key);
  const content = row && (await storedContent(withinTenant(runtime.dataSource, key.organizationId), row.id));
  if (!row || !content) throw new UmsError('INTERNAL', `The ${definition.label.toLowerCase()} was printed but not stored.`, { entity: entity.key });
  return { number: row.number, filename: filenameOf(row), content };
}

/**
 * Queues the document for the documents job (large documents): its number is
 * issued now, the PDF is made by `generatePendingDocuments` as this actor.
 */
export async function queueDocument(runtime: Runtime, actor: Actor, entityKey: string, recordId: string, name: string): Promise<DocumentState> {
  if (actor.kind !== 'user') throw new UmsError('BAD_REQUEST', 'Only a user can queue a document: the job prints it with their access.');
  return tenantTransaction(runtime.dataSource, actor.organizationId, async (manager) => {
    const records = await RecordService.for(runtime, actor, manager);
    const { definition, record, key } = await authorise(records, entityKey, recordId, name);
    if (definition.isAvailable && !definition.isAvailable(record)) throw new UmsError('CONFLICT', `${definition.label} is not possible for this record now.`, { entity: entityKey });
    const row = await issueDocument(manager, key, name, actor.userId, new Date());
    await manager.query(`UPDATE ${DOCUMENT_TABLE} SET status = 'pending', requested_by = $2, error = NULL, updated_at = now() WHERE id = $1`, [row.id, actor.userId]);
    return { status: 'pending', number: row.number };
  });
}

export async function documentState(runtime: Runtime, actor: Actor, entityKey: string, recordId: string, name: string): Promise<DocumentState> {
  const records = await RecordService.for(runtime, actor);
  const { key } = await authorise(records, entityKey, recordId, name);
  const row = await findDocument(withinTenant(runtime.dataSource, key.organizationId), key);
  if (!row) return { status: 'none' };
  return { status: row.status, number: row.number, generatedAt: row.generated_at ? new Date(row.generated_at).toISOString() : undefined, error: row.error ?? undefined };
}

/** The PDF a job (or an earlier print) stored, for an actor who may print it. */
export async function storedDocumentFor(runtime: Runtime, actor: Actor, entityKey: string, recordId: string, name: string): Promise<PrintedDocument> {
  const records = await RecordService.for(runtime, actor);
  const { key, definition } = await authorise(records, entityKey, recordId, name);
  const row = await findDocument(withinTenant(runtime.dataSource, key.organizationId), key);
  const content = row && row.status === 'ready' ? await storedContent(withinTenant(runtime.dataSource, key.organizationId), row.id) : undefined;
  if (!row || !content) {
    const why = row ? `is not ready yet (${row.status})` : 'has not been printed yet: print it first (POST)';
    throw new UmsError('CONFLICT', `The ${definition.label.toLowerCase()} ${why}.`, { entity: entityKey });
  }
  return { number: row.number, filename: filenameOf(row), content };
}

interface PendingRow {
  id: string;
  organization_id: string;
  entity: string;
  record_id: string;
  action: string;
  requested_by: string | null;
}

async function requesterOf(manager: EntityManager, row: PendingRow): Promise<Actor | undefined> {
  if (!row.requested_by) return undefined;
  const users: { id: string; email: string; is_active: boolean }[] = await manager.query('SELECT id, email, is_active FROM core_user WHERE id = $1 AND organization_id = $2', [row.requested_by, row.organization_id]);
  const user = users[0];
  return user?.is_active ? { kind: 'user', userId: user.id, organizationId: row.organization_id, email: user.email } : undefined;
}

/**
 * The next pending document of any organization: the one step that crosses
 * tenants (the queue of every organization), a read that writes nothing. Its
 * row lock ends with the statement; the print takes it again inside the wall.
 */
async function nextPending(runtime: Runtime, after: string[]): Promise<PendingRow | undefined> {
  const rows: PendingRow[] = await crossTenant(runtime.dataSource, 'documents', (owner) => owner.query(
    `SELECT id, organization_id, entity, record_id, action, requested_by FROM ${DOCUMENT_TABLE}
      WHERE status = 'pending' AND NOT (id = ANY($1::uuid[])) ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [after],
  ));
  return rows[0];
}

/**
 * Prints one claimed document inside the wall: one transaction as the
 * application role with the document's organization set, which locks the row
 * again (another worker printing it, or done meanwhile: skipped), looks up the
 * requester, runs the action as them and marks a failure, all in that
 * organization only.
 */
function printPending(runtime: Runtime, claimed: PendingRow, log: { warn(message: string): void } | undefined): Promise<'skipped' | 'ready' | 'failed'> {
  return tenantTransaction(runtime.dataSource, claimed.organization_id, async (manager): Promise<'skipped' | 'ready' | 'failed'> => {
    // First statement of the transaction (it carries the tenant setting), before the savepoint that may roll back.
    const rows: PendingRow[] = await manager.query(
      `SELECT id, organization_id, entity, record_id, action, requested_by FROM ${DOCUMENT_TABLE} WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`,
      [claimed.id],
    );
    const row = rows[0];
    if (!row) return 'skipped';
    const fail = async (message: string): Promise<'failed'> => {
      await manager.query(`UPDATE ${DOCUMENT_TABLE} SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [row.id, message]);
      log?.warn(`document ${row.id} (${row.entity} ${row.record_id}, ${row.action}) failed: ${message}`);
      return 'failed';
    };
    const actor = await requesterOf(manager, row);
    if (!actor) return fail('The user who asked for this document can no longer sign in.');
    const records = await RecordService.for(runtime, actor, manager);
    await manager.query('SAVEPOINT ums_document');
    try {
      await records.runAction(row.entity, row.action, row.record_id);
      await manager.query('RELEASE SAVEPOINT ums_document');
      return 'ready';
    } catch (err) {
      if (!(err instanceof UmsError)) throw err;
      await manager.query('ROLLBACK TO SAVEPOINT ums_document');
      return fail(err.message);
    }
  });
}

/**
 * The documents job: prints queued documents, each as the user who asked for
 * it (their access at print time decides) and in its own transaction. A print
 * that fails is marked failed with the reason; a run killed half-way leaves
 * the document pending, and the next run prints it with the same number. Only
 * finding the next pending document crosses tenants; everything written is
 * written inside the wall, for the document's organization.
 */
export async function generatePendingDocuments(ctx: { runtime: Runtime; log?: { info(message: string): void; warn(message: string): void }; limit?: number }): Promise<string> {
  const { runtime } = ctx;
  let ready = 0;
  let failed = 0;
  // Documents another worker held when this one came to them: not claimed again in this run.
  const skipped: string[] = [];
  for (let i = 0; i < (ctx.limit ?? 50); i++) {
    const claimed = await nextPending(runtime, skipped);
    const outcome = claimed ? await printPending(runtime, claimed, ctx.log) : 'none';
    if (claimed && outcome === 'skipped') skipped.push(claimed.id);
    if (outcome === 'none') break;
    if (outcome === 'ready') ready++;
    else if (outcome === 'failed') failed++;
  }
  const summary = `${ready} document${ready === 1 ? '' : 's'} generated${failed ? `, ${failed} failed` : ''}`;
  ctx.log?.info(summary);
  return summary;
}
