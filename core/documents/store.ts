/**
 * Document numbers and stored PDFs. A number is issued once per (kind,
 * record), in the transaction that first prints the document, from a counter
 * per organization, kind and year: the counter row is locked until commit, so
 * numbers are gapless and never handed out twice, and a rolled-back print gives
 * its number back. Printing the same record again shows the same number.
 */
import type { EntityManager } from 'typeorm';
import { UmsError } from '../errors.js';
import { DOCUMENT_KINDS, type DocumentKind } from './kinds.js';
import { DOCUMENT_COUNTER_TABLE, DOCUMENT_TABLE, ORGANIZATION_TABLE } from '../manifest/index.js';

export type DocumentStatus = 'issued' | 'pending' | 'ready' | 'failed';

export interface DocumentRow {
  id: string;
  organization_id: string;
  kind: DocumentKind;
  number: string;
  entity: string;
  record_id: string;
  action: string;
  status: DocumentStatus;
  byte_size: number | null;
  error: string | null;
  requested_by: string | null;
  generated_at: Date | null;
  created_at: Date;
}

const ROW_COLUMNS = 'id, organization_id, kind, number, entity, record_id, action, status, byte_size, error, requested_by, generated_at, created_at';

export interface DocumentKey {
  organizationId: string;
  kind: DocumentKind;
  entity: string;
  recordId: string;
}

export function formatDocumentNumber(kind: DocumentKind, year: number, value: number): string {
  return `${DOCUMENT_KINDS[kind].prefix}-${year}-${String(value).padStart(6, '0')}`;
}

const requireTransaction = (manager: EntityManager): void => {
  if (!manager.queryRunner?.isTransactionActive) throw new UmsError('INTERNAL', 'Document numbers are issued inside a transaction.');
};

export async function findDocument(manager: EntityManager, key: DocumentKey): Promise<DocumentRow | undefined> {
  const rows: DocumentRow[] = await manager.query(
    `SELECT ${ROW_COLUMNS} FROM ${DOCUMENT_TABLE} WHERE organization_id = $1 AND kind = $2 AND entity = $3 AND record_id = $4`,
    [key.organizationId, key.kind, key.entity, key.recordId],
  );
  return rows[0];
}

/** The document row of (kind, record), created with the next number on first use; locked until commit. */
export async function issueDocument(manager: EntityManager, key: DocumentKey, action: string, userId: string | null, issuedAt: Date): Promise<DocumentRow> {
  requireTransaction(manager);
  // Two first prints of one record at once: the second waits here and then finds the first's number.
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${DOCUMENT_TABLE}:${key.organizationId}:${key.kind}:${key.entity}:${key.recordId}`]);
  const existing: DocumentRow[] = await manager.query(
    `SELECT ${ROW_COLUMNS} FROM ${DOCUMENT_TABLE} WHERE organization_id = $1 AND kind = $2 AND entity = $3 AND record_id = $4 FOR UPDATE`,
    [key.organizationId, key.kind, key.entity, key.recordId],
  );
  if (existing[0]) return existing[0];
  const year = issuedAt.getUTCFullYear();
  const [counter]: { last_value: number }[] = await manager.query(
    `INSERT INTO ${DOCUMENT_COUNTER_TABLE} (organization_id, kind, year, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (organization_id, kind, year) DO UPDATE SET last_value = ${DOCUMENT_COUNTER_TABLE}.last_value + 1
     RETURNING last_value`,
    [key.organizationId, key.kind, year],
  );
  const number = formatDocumentNumber(key.kind, year, counter.last_value);
  const [row]: DocumentRow[] = await manager.query(
    `INSERT INTO ${DOCUMENT_TABLE} (organization_id, kind, number, entity, record_id, action, status, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'issued', $7, $8) RETURNING ${ROW_COLUMNS}`,
    [key.organizationId, key.kind, number, key.entity, key.recordId, action, userId, issuedAt],
  );
  return row;
}

export async function storeContent(manager: EntityManager, documentId: string, content: Buffer): Promise<void> {
  await manager.query(
    `UPDATE ${DOCUMENT_TABLE} SET content = $2, byte_size = $3, status = 'ready', error = NULL, generated_at = now(), updated_at = now() WHERE id = $1`,
    [documentId, content, content.length],
  );
}

export async function storedContent(manager: EntityManager, documentId: string): Promise<Buffer | undefined> {
  const rows: { content: Buffer | null }[] = await manager.query(`SELECT content FROM ${DOCUMENT_TABLE} WHERE id = $1 AND status = 'ready'`, [documentId]);
  return rows[0]?.content ?? undefined;
}

export async function organizationName(manager: EntityManager, organizationId: string): Promise<string> {
  const rows: { name: string }[] = await manager.query(`SELECT name FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [organizationId]);
  if (!rows[0]) throw new UmsError('NOT_FOUND', 'No such organization.');
  return rows[0].name;
}
