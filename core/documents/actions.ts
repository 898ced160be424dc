/**
 * A document as a record action of a module plugin. `documentAction` returns
 * an ordinary RecordActionDefinition (so the plugin registry checks its name
 * and entity, and `can(<name>, record)` is its permission, as for every record
 * action); running it issues the document's number, renders the PDF and keeps
 * it, in the action's one audited transaction. The admin shows it as a
 * download (core/admin/export-actions.ts) instead of confirm-and-run.
 */
import { actorUserId } from '../data/actor.js';
import type { RecordData } from '../data/records.js';
import type { DataContext } from '../data/context.js';
import { serviceOf } from '../data/records.js';
import { UmsError } from '../errors.js';
import type { ResolvedEntity } from '../manifest/index.js';
import type { HookContext, RecordActionDefinition } from '../plugins/types.js';
import type { DocumentDataMap, DocumentKind } from './kinds.js';
import { renderDocumentBuffer } from './pdf.js';
import { printingContext } from './document-language.js';
import { issueDocument, organizationName, storeContent, type DocumentRow } from './store.js';

export interface DocumentActionOptions<K extends DocumentKind> {
  /** The action name, which is also the CASL action a role needs (`manage` covers it). */
  name: string;
  /** Entity name in the plugin's module, as for any record action. */
  entity: string;
  label: string;
  /** The label in other languages, as for any record action. */
  translations?: { bn?: { label: string } };
  kind: K;
  icon?: string;
  /** Whether the record has this document now (e.g. a fine receipt only when there is a fine). */
  isAvailable?(record: RecordData): boolean;
  /** The template's data, read through `ctx.records` (the actor's own access). */
  build(ctx: HookContext, record: RecordData): Promise<DocumentDataMap[K]>;
}

export interface DocumentActionDefinition<K extends DocumentKind = DocumentKind> extends RecordActionDefinition {
  document: { kind: K; build(ctx: HookContext, record: RecordData): Promise<DocumentDataMap[K]> };
}

export function isDocumentAction(action: RecordActionDefinition | undefined): action is DocumentActionDefinition {
  const document = (action as Partial<DocumentActionDefinition> | undefined)?.document;
  return typeof document?.build === 'function' && typeof document.kind === 'string';
}

export function documentAction<K extends DocumentKind>(options: DocumentActionOptions<K>): DocumentActionDefinition<K> {
  const definition: DocumentActionDefinition<K> = {
    name: options.name,
    entity: options.entity,
    label: options.label,
    translations: options.translations,
    icon: options.icon ?? 'FileText',
    isAvailable: options.isAvailable,
    document: { kind: options.kind, build: options.build },
    async handler(ctx, record) {
      const { document } = await printDocument(ctx, definition, record);
      return { message: `${options.label} ${document.number} is ready.` };
    },
  };
  return definition;
}

/**
 * Builds, numbers, renders and stores the document of one record. Runs inside
 * the action's transaction (`ctx.records`), after its permission check.
 */
export async function printDocument(ctx: HookContext, definition: DocumentActionDefinition, record: RecordData): Promise<{ document: DocumentRow; content: Buffer }> {
  const manager = serviceOf(ctx.records).entityManager;
  const { kind } = definition.document;
  // The action hands over the stored row; the document prints only what the actor reads of it (per-record field rules included).
  const readable = await ctx.records.get(ctx.entity.key, record.id);
  const data = await definition.document.build(ctx, readable);
  const document = await issueDocument(
    manager,
    { organizationId: ctx.records.organizationId, kind, entity: ctx.entity.key, recordId: record.id },
    definition.name,
    actorUserId(ctx.actor),
    new Date(),
  );
  // A reprint keeps the first issue's number and date; the data is the record's as it is now.
  // In the language of who prints it (theirs, else the organization's).
  const printing = await printingContext(manager, ctx.records.organizationId, actorUserId(ctx.actor));
  const content = await renderDocumentBuffer(kind, {
    organization: { name: printing?.name ?? (await organizationName(manager, ctx.records.organizationId)) },
    language: printing?.language,
    number: document.number,
    issuedAt: new Date(document.created_at),
    data,
  });
  await storeContent(manager, document.id, content);
  return { document, content };
}

/** The document action `name` of an entity; anything else is "not found". */
export function documentActionOf(runtime: DataContext, entity: ResolvedEntity, name: string): DocumentActionDefinition {
  const action = runtime.plugins.action(entity, name);
  if (!isDocumentAction(action)) throw new UmsError('NOT_FOUND', `${entity.label} has no document "${name}".`, { entity: entity.key });
  return action;
}
