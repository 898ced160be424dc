/**
 * The one data layer. Every path that reads or writes module data (AdminJS
 * actions, reference pickers, plugins, seeding, the CLI) goes through a
 * RecordService built for one actor in one organization. The tenant condition
 * and the actor's row filter are added in the reads (reader.ts) and nowhere
 * else; this file is the write pipeline (create, update, delete: one
 * transaction each) and record actions; audit rows come from audit.ts.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Access } from '../access/ability.js';
import { SqlParams } from '../access/sql.js';
import { fieldError, forbidden, RecordValidationError, UmsError, type FieldErrors } from '../errors.js';
import { actionNoun, columnOf, entityNoun, roleKey, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { coerceInput, fieldValueError, validateRecord } from '../manifest/validation.js';
import type { HookContext, RecordActionDefinition } from '../plugins/types.js';
import { tenantScoped } from './tenant-scope.js';
import { actorUserId, systemActor, type Actor } from './actor.js';
import { diff, sameValue, writeAudit, writeAudits, type AuditAction } from './audit.js';
import type { DataContext } from './context.js';
import type { Records } from './contract.js';
import { abortedByConcurrency, mapDatabaseError } from './db-errors.js';
import { afterChange, afterInsert, afterWriteRow, beforeDelete, beforeWrite, refusePrimitiveWrite, type PrimitiveContext } from './ledgers/guards.js';
import { checkOverlaps, checkRecord, claimCapacity, fillComputed, guardedWrite, parentLimitChanged, releaseCapacity, type ConstraintScope } from './constraints/record-constraints.js';
import { assignSequences } from './constraints/sequences.js';
import { insertChunkSize, insertStatement, setWise, toColumnValue, type PreparedCreate } from './insert-rows.js';
import { normaliseRow, type FieldFilter, type ListQuery, type RecordData } from './query.js';
import { RecordReader, type ServiceOptions } from './reader.js';
import { claimRecord, claimUserSeat, releaseRecord, requireWritable } from './tenant-status.js';
import { claimEntityRecord, releaseEntityRecord } from './entity-limits.js';
import { invalidateSubscriptions, recordChanged, WEBHOOK } from '../webhooks/feed.js';
import { purgeReleased, releaseRecordFiles, removeAfterCommit, syncRecordFiles, takeRemovals } from './files/files.js';

/** How often a transaction PostgreSQL aborted for a concurrent one is tried in all. */
const TRANSACTION_ATTEMPTS = 3;

const USER_ENTITY = 'core.user';

export type { RecordData, ListQuery, FieldFilter, Records };

const q = (name: string): string => `"${name}"`;

export class RecordService extends RecordReader implements Records {
  private constructor(runtime: DataContext, actor: Actor, access: Access | null, manager: EntityManager, options: ServiceOptions = {}) {
    super(runtime, actor, access, manager, options);
  }

  /** `manager` joins a transaction the caller already holds. */
  static async for(runtime: DataContext, actor: Actor, manager?: EntityManager): Promise<RecordService> {
    const access = actor.kind === 'user' ? await runtime.access.forUser(actor) : null;
    return new RecordService(runtime, actor, access, manager ?? runtime.dataSource.manager);
  }

  /** A system actor needs no access compiled, so its service is made at once. */
  static forSystem(runtime: DataContext, organizationId: string, reason: string, manager?: EntityManager): RecordService {
    return new RecordService(runtime, systemActor(organizationId, reason), null, manager ?? runtime.dataSource.manager);
  }



  /**
   * Runs `fn` in one transaction (joining the current one, if any); everything rolls back on error.
   * A transaction of its own that PostgreSQL aborts for a concurrent one (deadlock, serialization
   * failure) runs again from the start, up to TRANSACTION_ATTEMPTS times: `fn` must not act outside
   * the database before it commits (mail, webhooks and file removals are queued until then).
   */
  async transaction<T>(fn: (records: RecordService) => Promise<T>): Promise<T> {
    if (this.manager.queryRunner?.isTransactionActive) return fn(this);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactionOnce(fn);
      } catch (err) {
        if (attempt >= TRANSACTION_ATTEMPTS || !abortedByConcurrency(err)) throw err;
        // A short random pause, so the two that collided do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  private async transactionOnce<T>(fn: (records: RecordService) => Promise<T>): Promise<T> {
    let inner: EntityManager | undefined;
    const result = await this.runtime.dataSource.transaction((manager) => {
      inner = manager;
      return fn(new RecordService(this.runtime, this.actor, this.access, manager, this.options));
    });
    // Files the transaction let go of (a deleted record's, a replaced one) leave the store once it committed.
    const removals = inner ? takeRemovals(inner) : [];
    // Inside the wall, as the transaction itself was: the released rows are this organization's, and no request runs as the owner.
    if (removals.length && this.runtime.files) await purgeReleased(tenantScoped(this.runtime.dataSource.manager, this.organizationId), this.runtime.files, removals);
    return result;
  }

  private withOptions(options: ServiceOptions): RecordService {
    return new RecordService(this.runtime, this.actor, this.access, this.manager, { ...this.options, ...options });
  }

  /** The service handed to a module's plugin code: its `asSystem` actors are named after the module. */
  forModule(module: string): RecordService {
    return this.options.module === module ? this : this.withOptions({ module });
  }

  asSystem(reason: string): RecordService {
    if (!/^[a-z][a-z0-9_.:-]*$/.test(reason)) throw new UmsError('INTERNAL', `A system actor's reason is lowercase words (got "${reason}").`);
    const name = `${this.options.module ?? 'core'}:${reason}`;
    return new RecordService(this.runtime, systemActor(this.organizationId, name), null, this.manager, { module: this.options.module });
  }

  async hasModule(moduleId: string): Promise<boolean> {
    return (await this.runtime.access.enabledModules(this.organizationId)).has(moduleId);
  }

  hasRole(name: string): boolean {
    // A bare name the service's module declares is that module's role (`teacher` in institute code: `institute.teacher`).
    const own = this.options.module && !name.includes('.') ? roleKey(this.options.module, name) : undefined;
    return this.access?.principal.roles.includes(own && this.runtime.registry.roles.has(own) ? own : name) ?? false;
  }

  /**
   * For a core engine that has already authorised an operation on a record
   * (the workflow engine): the same actor, transaction and audit trail, but the
   * entity's read-only fields are writable and `update` needs no edit permission.
   */
  authorisedAction(name: string, entityKey: string): RecordService {
    return this.withOptions({ action: { name, entity: entityKey } });
  }

  /** The action this service runs for (hooks use it to tell engine writes from form edits). */
  get actionName(): string | undefined {
    return this.options.action?.name;
  }

  /** The transaction this service works in (core engines write their own tables in it). */
  get entityManager(): EntityManager {
    return this.manager;
  }

  /** An audit row for something that is not a plain create/update/delete (a workflow approval, a rejection). */
  async auditEvent(key: string, recordId: string, name: string, details: Record<string, unknown>): Promise<void> {
    await this.audit(this.entity(key), 'action', recordId, details, name);
  }

  // ── Writes ──────────────────────────────────────────────────────────────

  async create(key: string, input: Record<string, unknown>): Promise<RecordData> {
    const entity = this.entity(key);
    refusePrimitiveWrite(entity, 'create', this.runtime.registry);
    return this.transaction(async (tx) => {
      try {
        return await tx.createInTx(entity, input);
      } catch (err) {
        throw mapDatabaseError(err, entity, this.runtime.registry, 'create');
      }
    });
  }

  /**
   * Creates records set-wise: every input runs what `create` runs (access, input, hooks, validation,
   * references, access on the record and its fields, audit, after-hooks), in one transaction, and
   * the rows and their audit rows are written with multi-row INSERTs. All or nothing; an error is
   * the one `create` would give for that input, with its position in `where.index`.
   */
  async createMany(key: string, inputs: readonly Record<string, unknown>[]): Promise<RecordData[]> {
    const entity = this.entity(key);
    refusePrimitiveWrite(entity, 'create', this.runtime.registry);
    if (!Array.isArray(inputs)) throw new UmsError('BAD_REQUEST', `createMany takes a list of ${entity.pluralLabel.toLowerCase()}.`, { entity: entity.key });
    if (!inputs.length) return [];
    // Joining a caller's transaction: a savepoint keeps the set all-or-nothing even when the caller goes on after a refusal.
    const joined = this.manager.queryRunner?.isTransactionActive === true;
    return this.transaction(async (tx) => {
      if (joined) await tx.manager.query('SAVEPOINT ums_create_many');
      try {
        const created = setWise(entity) ? await tx.createManyInTx(entity, inputs) : await tx.createEach(entity, inputs);
        if (joined) await tx.manager.query('RELEASE SAVEPOINT ums_create_many');
        return created;
      } catch (err) {
        if (joined) await tx.manager.query('ROLLBACK TO SAVEPOINT ums_create_many');
        throw mapDatabaseError(err, entity, this.runtime.registry, 'create');
      }
    });
  }

  /** createMany of an entity whose rows depend on one another as they are written (overlaps, capacity, ledgers…): one create after another. */
  private async createEach(entity: ResolvedEntity, inputs: readonly Record<string, unknown>[]): Promise<RecordData[]> {
    const out: RecordData[] = [];
    for (let i = 0; i < inputs.length; i++) out.push(await this.atInput(entity, i, () => this.createInTx(entity, inputs[i])));
    return out;
  }

  private async createManyInTx(entity: ResolvedEntity, inputs: readonly Record<string, unknown>[]): Promise<RecordData[]> {
    const ctx = this.hookContext(entity);
    // Each input is checked as `create` checks it, in order; none is written before all passed. A record many inputs
    // refer to (the employee of 60 attendance rows) is looked for once: nothing of the set is written meanwhile.
    const prepared: PreparedCreate[] = [];
    const references = new Map<string, boolean>();
    for (let i = 0; i < inputs.length; i++) prepared.push(await this.atInput(entity, i, () => this.prepareCreate(entity, inputs[i], ctx, references)));
    const returning = !entity.rollupFeeds?.some((r) => r.entity === entity.key);
    const rows = await this.insertMany(entity, prepared, returning);
    await claimEntityRecord(this.manager, this.organizationId, entity, prepared.length);
    const records: RecordData[] = [];
    for (let i = 0; i < prepared.length; i++) {
      records.push(await this.atInput(entity, i, async () => {
        await afterInsert(this.primitiveContext(), entity, prepared[i].values);
        return returning ? rows[i] : (await this.loadForWrite(entity, prepared[i].id))!;
      }));
    }
    await writeAudits(this.manager, this.actor, entity, records.map((record) => ({ action: 'create', recordId: record.id, changes: diff(entity, {}, record) })));
    const out: RecordData[] = [];
    for (let i = 0; i < records.length; i++) out.push(await this.atInput(entity, i, () => this.announceCreated(entity, records[i], ctx)));
    return out;
  }

  /** Runs one input's part of createMany; its error is the one `create` would give, with the input's position. */
  private async atInput<T>(entity: ResolvedEntity, index: number, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const mapped = mapDatabaseError(err, entity, this.runtime.registry, 'create');
      if (mapped instanceof UmsError) mapped.where.index = index;
      throw mapped;
    }
  }

  /**
   * The rows of createMany in multi-row INSERTs (chunks of insertChunkSize). A refused row (a unique value twice) is found by writing the chunk's rows
   * one at a time after rolling back to a savepoint, so the error names its input as `create` would.
   */
  private async insertMany(entity: ResolvedEntity, prepared: PreparedCreate[], returning: boolean): Promise<RecordData[]> {
    const out: RecordData[] = [];
    const size = insertChunkSize(prepared);
    for (let start = 0; start < prepared.length; start += size) {
      const chunk = prepared.slice(start, start + size);
      await this.manager.query('SAVEPOINT ums_insert_many');
      let rows: Record<string, unknown>[];
      try {
        rows = await this.insertRows(entity, chunk, returning);
      } catch (err) {
        await this.manager.query('ROLLBACK TO SAVEPOINT ums_insert_many');
        for (let i = 0; i < chunk.length; i++) await this.atInput(entity, start + i, () => this.insertRows(entity, [chunk[i]], false));
        throw err; // every row went in alone: what the set broke is not one row's (cannot happen with per-row constraints)
      }
      await this.manager.query('RELEASE SAVEPOINT ums_insert_many');
      if (!returning) continue;
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      for (const p of chunk) out.push(normaliseRow(entity, byId.get(p.id)!));
    }
    return out;
  }

  private async createInTx(entity: ResolvedEntity, input: Record<string, unknown>): Promise<RecordData> {
    const ctx = this.hookContext(entity);
    const prepared = await this.prepareCreate(entity, input, ctx);
    // The row as written comes back with the INSERT (one round trip less per create, and a ledger row's under its balance's lock),
    // unless what runs after the INSERT may change it: file fields are attached to it afterwards, a roll-up fed by its own entity may be its own.
    const returning = !entity.fields.some((f) => f.file) && !entity.rollupFeeds?.some((r) => r.entity === entity.key);
    const inserted = await guardedWrite(this.constraintScope(), entity, prepared.values, undefined, () => this.insertRows(entity, [prepared], returning));
    const { id, values } = prepared;
    await claimEntityRecord(this.manager, this.organizationId, entity); // a per-entity limit, after the INSERT (see entity-limits.ts)
    await afterInsert(this.primitiveContext(), entity, values);
    await this.syncFiles(entity, id, values, undefined, Object.keys(values));
    await afterWriteRow(this.primitiveContext(), entity, id);
    const record = returning ? normaliseRow(entity, inserted[0]) : (await this.loadForWrite(entity, id))!;
    await this.audit(entity, 'create', id, diff(entity, {}, record));
    return this.announceCreated(entity, record, ctx);
  }

  /** A create up to its INSERT: access, input, hooks, computed values, validation, access on the record, constraints, the plan's claims. */
  private async prepareCreate(entity: ResolvedEntity, input: Record<string, unknown>, ctx: HookContext<RecordService>, references?: Map<string, boolean>): Promise<PreparedCreate> {
    // Access: the module is on and the actor may create some record of this entity; the organization is active.
    this.requireType('create', entity);
    const allowance = await requireWritable(this.manager, this.organizationId, entity);
    if (entity.key === USER_ENTITY && input.is_active !== false) await claimUserSeat(this.manager, this.organizationId, allowance);
    // Input: only declared fields; read-only fields belong to plugins and actions.
    const errors: FieldErrors = {};
    const mistyped: FieldErrors = {};
    const values: Record<string, unknown> = {};
    for (const f of entity.fields) {
      const provided = input[f.name] !== undefined;
      // A roll-up is its children's sum, whoever writes: a new record has none yet (a system value is ignored, as for computed fields).
      if (f.rollup) {
        if (provided && this.actor.kind !== 'system') errors[f.name] = fieldError('readOnly', 'is the sum of its lines and cannot be entered');
        values[f.name] = 0;
        continue;
      }
      if (provided && f.readOnly && !this.mayWriteReadOnly(entity) && this.actor.kind !== 'system') {
        errors[f.name] = fieldError('readOnly', 'is set by the system and cannot be entered');
        continue;
      }
      const value = provided ? coerceInput(f, input[f.name]) : f.default;
      if (value !== undefined) values[f.name] = value;
      if (provided) reportMistyped(f, value, mistyped);
    }
    this.rejectUnknownKeys(entity, input, errors);
    if (Object.keys(mistyped).length) throw new RecordValidationError(entity.key, { ...enteredFieldErrors(entity, values), ...mistyped, ...errors });
    if (Object.keys(errors).length) throw new RecordValidationError(entity.key, errors);
    // beforeCreate hooks may fill or adjust values.
    for (const hooks of this.runtime.plugins.hooksFor(entity)) await hooks.beforeCreate?.(ctx, values);
    // Computed values and sequence numbers are the system's (core/data/constraints/).
    const scope = this.constraintScope();
    fillComputed(entity, values);
    await assignSequences(scope, entity, values);
    // Validate the whole record, then the references it points at.
    await this.validate(entity, values, Object.keys(input), references);
    // Access on the record itself (conditions) and on each field being written.
    if (this.access) {
      // The system columns the insert will write are part of what a rule may look at (`created_by: ${user.id}`).
      const userId = actorUserId(this.actor);
      const subject = await this.subjectOf(entity, { ...values, created_by: userId, updated_by: userId });
      if (!this.access.canOnRecord('create', entity, subject)) throw forbidden({ text: 'You may not create this {entity}.', vars: { entity: entityNoun(entity) } }, { entity: entity.key });
      this.requireFields('create', entity, subject, Object.keys(input).filter((n) => entity.field.has(n)));
    }
    // Checks, overlaps and capacity: what the constraints hold, as field errors (a full parent may set the overflow status).
    checkRecord(entity, values);
    await checkOverlaps(scope, entity, values);
    await claimCapacity(scope, entity, values);
    // Write (after the primitives' checks: acyclic links, posting dates).
    const id = randomUUID();
    await beforeWrite(this.primitiveContext(), entity, id, values, Object.keys(values));
    await claimRecord(this.manager, this.organizationId, entity, allowance); // the plan's limit, by a conditional update
    const columns: { column: string; value: unknown }[] = [];
    for (const [name, value] of Object.entries(values)) {
      const f = entity.field.get(name)!;
      if (f.computed) continue; // a generated column
      columns.push({ column: columnOf(f), value: await toColumnValue(f.type, value) });
    }
    return { id, values, columns };
  }

  /** One INSERT of `rows`, the rows as written when `returning` (core/data/insert-rows.ts). */
  private async insertRows(entity: ResolvedEntity, rows: readonly PreparedCreate[], returning: boolean): Promise<Record<string, unknown>[]> {
    const { sql, params } = insertStatement(entity, this.organizationId, actorUserId(this.actor), rows, returning);
    return this.manager.query(sql, params) as Promise<Record<string, unknown>[]>;
  }

  /** After a created record's row and audit row: the webhook outbox, the after-hooks, what the actor may read of it. */
  private async announceCreated(entity: ResolvedEntity, record: RecordData, ctx: HookContext<RecordService>): Promise<RecordData> {
    await recordChanged(this, entity, 'created', record.id); // the webhook outbox, in this transaction
    for (const hooks of this.runtime.plugins.hooksFor(entity)) await hooks.afterCreate?.(ctx, record);
    this.afterWrite(entity);
    return this.visible(entity, record);
  }

  async update(key: string, id: string, input: Record<string, unknown>, options: { expectedVersion?: number } = {}): Promise<RecordData> {
    const entity = this.entity(key);
    refuseAuditWrite(entity);
    refusePrimitiveWrite(entity, 'update', this.runtime.registry);
    return this.transaction(async (tx) => {
      try {
        return await tx.updateInTx(entity, id, input, options.expectedVersion);
      } catch (err) {
        throw mapDatabaseError(err, entity, this.runtime.registry, 'update');
      }
    });
  }

  private async updateInTx(entity: ResolvedEntity, id: string, input: Record<string, unknown>, expectedVersion?: number): Promise<RecordData> {
    const inAction = this.actionCovers(entity);
    const readOnlyAllowed = this.mayWriteReadOnly(entity) || this.actor.kind === 'system';
    if (!inAction) this.requireType('update', entity);
    const allowance = await requireWritable(this.manager, this.organizationId, entity);
    const before = await this.loadReadable(entity, id);
    if (expectedVersion !== undefined && Number(expectedVersion) !== before.version) {
      throw new UmsError('CONFLICT', `This ${entity.label.toLowerCase()} was changed by someone else since you opened it; reload and try again.`, { entity: entity.key, field: 'version' });
    }
    const subjectBefore = this.access ? await this.subjectOf(entity, before) : before;
    if (this.access && !inAction && !this.access.canOnRecord('update', entity, subjectBefore)) {
      throw forbidden({ text: 'You may not edit this {entity}.', vars: { entity: entityNoun(entity) } }, { entity: entity.key });
    }
    // Input: what actually changes.
    const errors: FieldErrors = {};
    const mistyped: FieldErrors = {};
    const values: Record<string, unknown> = { ...before };
    const changed: string[] = [];
    for (const f of entity.fields) {
      if (input[f.name] === undefined) continue;
      const value = coerceInput(f, input[f.name]);
      if (f.type === 'password') {
        if (value === null || value === '') continue; // empty keeps the current password
      } else if (sameValue(value, before[f.name])) continue;
      // Only its children move a roll-up: a person is told so; a system value is ignored, as for computed fields.
      if (f.rollup) {
        if (this.actor.kind !== 'system') errors[f.name] = fieldError('readOnly', 'is the sum of its lines and cannot be changed');
        continue;
      }
      if (f.readOnly && !readOnlyAllowed) {
        errors[f.name] = fieldError('readOnly', 'is set by the system and cannot be changed');
        continue;
      }
      values[f.name] = value;
      changed.push(f.name);
      reportMistyped(f, value, mistyped);
    }
    this.rejectUnknownKeys(entity, input, errors);
    if (Object.keys(mistyped).length) throw new RecordValidationError(entity.key, { ...enteredFieldErrors(entity, values), ...mistyped, ...errors });
    if (Object.keys(errors).length) throw new RecordValidationError(entity.key, errors);
    if (this.access && !inAction) this.requireFields('update', entity, subjectBefore, changed);
    const ctx = this.hookContext(entity);
    const change = { before, values, changed };
    for (const hooks of this.runtime.plugins.hooksFor(entity)) await hooks.beforeUpdate?.(ctx, change);
    fillComputed(entity, values);
    const finalChanged = entity.fields.filter((f) => f.type === 'password' ? changed.includes(f.name) : !sameValue(values[f.name], before[f.name])).map((f) => f.name);
    if (!finalChanged.length) return this.visible(entity, before);
    await this.validate(entity, values, finalChanged);
    if (entity.key === USER_ENTITY && finalChanged.includes('is_active') && values.is_active === true) await claimUserSeat(this.manager, this.organizationId, allowance, id);
    if (this.access && !inAction) {
      const subjectAfter = await this.subjectOf(entity, values);
      if (!this.access.canOnRecord('update', entity, subjectAfter)) throw forbidden({ text: 'This change would move the {entity} outside what you may edit.', vars: { entity: entityNoun(entity) } }, { entity: entity.key });
    }
    const scope = this.constraintScope();
    checkRecord(entity, values);
    await checkOverlaps(scope, entity, values, id, before);
    await claimCapacity(scope, entity, values, before);
    await beforeWrite(this.primitiveContext(), entity, id, values, finalChanged);
    const params = new SqlParams();
    const sets = [`"updated_at" = now()`, `"updated_by" = ${params.add(actorUserId(this.actor))}`, `"version" = "version" + 1`];
    for (const name of finalChanged) {
      const f = entity.field.get(name)!;
      if (f.computed) continue; // PostgreSQL recomputes the generated column
      sets.push(`${q(columnOf(f))} = ${params.add(await toColumnValue(f.type, values[name]))}`);
    }
    const result: unknown[] = await guardedWrite(scope, entity, values, id, () => this.manager.query(
      `UPDATE ${q(entity.table)} SET ${sets.join(', ')} WHERE organization_id = ${params.add(this.organizationId)} AND id = ${params.add(id)} AND version = ${params.add(before.version)} RETURNING id`,
      params.values,
    ));
    if (!Array.isArray(result[0]) || (result[0] as unknown[]).length === 0) throw new UmsError('CONFLICT', `This ${entity.label.toLowerCase()} was changed at the same time; reload and try again.`, { entity: entity.key });
    await this.syncFiles(entity, id, values, before, finalChanged);
    await afterWriteRow(this.primitiveContext(), entity, id, finalChanged);
    const after = (await this.loadForWrite(entity, id))!;
    // A place that freed (or a limit raised) goes to the first overflow record, in this transaction.
    await releaseCapacity(scope, entity, before, after);
    await parentLimitChanged(scope, entity, before, after);
    await afterChange(this.primitiveContext(), entity, before, after);
    await this.audit(entity, 'update', id, diff(entity, before, after, finalChanged));
    // A workflow's own move is its `transition` event (the engine sends it), not an update.
    if (!this.options.action?.name.startsWith('workflow:') || !inAction) await recordChanged(this, entity, 'updated', id);
    for (const hooks of this.runtime.plugins.hooksFor(entity)) await hooks.afterUpdate?.(ctx, { before, after });
    this.afterWrite(entity);
    return this.visible(entity, after);
  }

  async delete(key: string, id: string): Promise<void> {
    const entity = this.entity(key);
    refuseAuditWrite(entity);
    refusePrimitiveWrite(entity, 'delete', this.runtime.registry);
    await this.transaction(async (tx) => {
      try {
        tx.requireType('delete', entity);
        await requireWritable(tx.manager, tx.organizationId, entity);
        const record = await tx.loadReadable(entity, id);
        if (tx.access && !tx.access.canOnRecord('delete', entity, await tx.subjectOf(entity, record))) {
          throw forbidden({ text: 'You may not delete this {entity}.', vars: { entity: entityNoun(entity) } }, { entity: entity.key });
        }
        await beforeDelete(tx.primitiveContext(), entity, record);
        const ctx = tx.hookContext(entity);
        for (const hooks of this.runtime.plugins.hooksFor(entity)) await hooks.beforeDelete?.(ctx, record);
        await recordChanged(tx, entity, 'deleted', id); // before the row goes: a webhook's condition still sees it
        await tx.manager.query(`DELETE FROM ${q(entity.table)} WHERE organization_id = $1 AND id = $2`, [this.organizationId, id]);
        await releaseRecord(tx.manager, tx.organizationId, entity);
        await releaseEntityRecord(tx.manager, tx.organizationId, entity);
        removeAfterCommit(tx.manager, await releaseRecordFiles(tx.manager, entity, tx.organizationId, id));
        await releaseCapacity(tx.constraintScope(), entity, record);
        await afterChange(tx.primitiveContext(), entity, record, undefined);
        await tx.audit(entity, 'delete', id, diff(entity, record, {}));
        for (const hooks of this.runtime.plugins.hooksFor(entity)) await hooks.afterDelete?.(ctx, record);
        tx.afterWrite(entity);
      } catch (err) {
        throw mapDatabaseError(err, entity, this.runtime.registry, 'delete');
      }
    });
  }

  /** A plugin's record action: permission (`can(name, record)`), availability, one transaction, audited. */
  async runAction(key: string, name: string, id: string, input?: Record<string, unknown>): Promise<{ message: string; record?: RecordData }> {
    const entity = this.entity(key);
    const action = this.runtime.plugins.action(entity, name);
    if (!action) throw new UmsError('NOT_FOUND', `Unknown action "${name}" on ${entity.label}.`, { entity: entity.key });
    return this.transaction(async (tx) => {
      try {
        // Like every other write: a disabled module says so, before any record is looked at.
        tx.requireModule(entity);
        await requireWritable(tx.manager, tx.organizationId, entity);
        const record = await tx.loadReadable(entity, id);
        if (!(await tx.actionAllowed(entity, action, record))) throw forbidden({ text: 'You may not {action} this {entity}.', vars: { action: actionNoun(entity, action), entity: entityNoun(entity) } }, { entity: entity.key });
        if (action.isAvailable && !action.isAvailable(record)) throw new UmsError('CONFLICT', `${action.label} is not possible for this ${entity.label.toLowerCase()} now.`, { entity: entity.key });
        const inner = tx.withOptions({ action: { name, entity: entity.key } });
        const result = await action.handler(inner.hookContext(entity), record, input);
        await tx.audit(entity, 'action', id, {}, name);
        return result;
      } catch (err) {
        throw mapDatabaseError(err, entity, this.runtime.registry, 'action');
      }
    });
  }

  /** Whether `action` may run on `record` for this actor (permission only; availability is separate). */
  async actionAllowed(entity: ResolvedEntity, action: RecordActionDefinition, record: RecordData): Promise<boolean> {
    if (!this.access) return true;
    return this.access.canOnRecord(action.name, entity, await this.subjectOf(entity, record));
  }

  // ── Pipeline pieces ─────────────────────────────────────────────────────

  private async audit(entity: ResolvedEntity, action: AuditAction, recordId: string, changes: Record<string, unknown>, actionName?: string): Promise<void> {
    await writeAudit(this.manager, this.actor, entity, { action, recordId, changes, actionName });
  }

  private requireModule(entity: ResolvedEntity): void {
    if (this.access && !this.access.moduleEnabled(entity)) throw new UmsError('MODULE_DISABLED', `The ${entity.module} module is not enabled for this organization.`, { entity: entity.key });
  }

  private requireType(action: string, entity: ResolvedEntity): void {
    if (!this.access) return;
    this.requireModule(entity);
    if (!this.access.canOnType(action, entity)) throw forbidden({ text: `You may not ${action} {entities}.`, vars: { entities: entityNoun(entity, true) } }, { entity: entity.key });
  }

  private requireFields(action: 'create' | 'update', entity: ResolvedEntity, subject: Record<string, unknown>, fields: string[]): void {
    const errors: FieldErrors = {};
    for (const name of fields) {
      if (!this.access!.canOnRecord(action, entity, subject, name)) errors[name] = fieldError('forbidden', 'you may not set this field');
    }
    if (Object.keys(errors).length) throw new RecordValidationError(entity.key, errors, 'Some fields may not be changed by you.');
  }

  /** Inside a custom action, its module's read-only fields are writable (the action itself was authorised). */
  private mayWriteReadOnly(entity: ResolvedEntity): boolean {
    return this.options.action !== undefined && this.options.action.entity.split('.')[0] === entity.module;
  }

  /** The action's own entity needs no separate update permission: `can(action, record)` was checked. */
  private actionCovers(entity: ResolvedEntity): boolean {
    return this.options.action?.entity === entity.key;
  }

  private rejectUnknownKeys(entity: ResolvedEntity, input: Record<string, unknown>, errors: FieldErrors): void {
    for (const k of Object.keys(input)) {
      if (!entity.field.has(k) && input[k] !== undefined) errors[k] = fieldError('unknown', 'is not a field of {entity}', { entity: { ...entityNoun(entity), en: entity.label } });
    }
  }

  /** `seen`: the references one createMany already checked (target and id → found), each asked once per call. */
  private async validate(entity: ResolvedEntity, values: Record<string, unknown>, touched: string[], seen?: Map<string, boolean>): Promise<void> {
    const errors = validateRecord(entity, values);
    // References must point at a record of the same organization that the actor can see: one
    // statement asks for all of them (a ledger row names three), each through the actor's read rules.
    const params = new SqlParams();
    const checks: { name: string; target: ResolvedEntity; sql: string; key: string }[] = [];
    for (const name of touched) {
      const f = entity.field.get(name);
      if (!f || f.type !== 'reference' || errors[name] || values[name] === null || values[name] === undefined) continue;
      const target = this.entity(f.target!);
      const key = `${target.key}\u0000${String(values[name])}`;
      const known = seen?.get(key);
      if (known === false) errors[name] = fieldError('reference', 'no such {entity}', { entity: entityNoun(target) });
      if (known !== undefined) continue;
      const where = [...this.scopedWhere(target, 'read', params), `r.id = ${params.add(values[name])}`];
      checks.push({ name, target, key, sql: `EXISTS (SELECT 1 FROM ${q(target.table)} r WHERE ${where.join(' AND ')}) AS ${q(`c${checks.length}`)}` });
    }
    if (checks.length) {
      const [found]: Record<string, boolean>[] = await this.manager.query(`SELECT ${checks.map((c) => c.sql).join(', ')}`, params.values);
      checks.forEach((c, i) => {
        seen?.set(c.key, found[`c${i}`] === true);
        if (found[`c${i}`] !== true) errors[c.name] = fieldError('reference', 'no such {entity}', { entity: entityNoun(c.target) });
      });
    }
    if (Object.keys(errors).length) throw new RecordValidationError(entity.key, errors);
  }

  /** File fields: new files attached to the record, files no longer named released (removed after commit). */
  private async syncFiles(entity: ResolvedEntity, recordId: string, values: Record<string, unknown>, before: Record<string, unknown> | undefined, fields: string[]): Promise<void> {
    if (!entity.fields.some((f) => f.file)) return;
    const scope = { organizationId: this.organizationId, recordId, userId: actorUserId(this.actor), system: this.actor.kind === 'system' };
    removeAfterCommit(this.manager, await syncRecordFiles(this.manager, entity, scope, values, before, fields));
  }

  /** What core/data/constraints needs of this service: its transaction, tenant, and system writes for promotions. */
  private constraintScope(): ConstraintScope {
    return {
      manager: this.manager,
      organizationId: this.organizationId,
      entityOf: (key) => this.entity(key),
      entities: () => this.runtime.registry.entities,
      timeZone: () => this.timeZone(),
      readable: async (entity, id) => {
        const params = new SqlParams();
        const where = [...this.scopedWhere(entity, 'read', params), `r.id = ${params.add(id)}`];
        return ((await this.manager.query(`SELECT 1 FROM ${q(entity.table)} r WHERE ${where.join(' AND ')}`, params.values)) as unknown[]).length > 0;
      },
      promote: async (entity, id, values) => void (await this.asSystem('capacity.promote').update(entity.key, id, values)),
    };
  }

  /** What the ledgers, balances and acyclic links (core/data/ledgers) need: this transaction and actor. */
  private primitiveContext(): PrimitiveContext {
    return { manager: this.manager, registry: this.runtime.registry, organizationId: this.organizationId, userId: actorUserId(this.actor) };
  }

  private hookContext(entity: ResolvedEntity): HookContext<RecordService> {
    return { records: this.forModule(entity.module), actor: this.actor, entity };
  }

  private afterWrite(entity: ResolvedEntity): void {
    if (entity.key === 'core.role' || entity.key === 'core.role_assignment') this.runtime.access.invalidate();
    if (entity.key === WEBHOOK) invalidateSubscriptions(this.organizationId);
  }
}

/**
 * A value that is not of its field's type (a date that is no date, text in a
 * number) is a field error before any plugin hook sees it: hooks compute from
 * the values they get and need not guard against garbage (a leave span from
 * "2026-13-01" threw). Empty values wait for the record check (a hook may fill them).
 */
function reportMistyped(f: ResolvedField, value: unknown, errors: FieldErrors): void {
  if (value === null || value === undefined) return;
  const problem = fieldValueError(f, value);
  if (problem) errors[f.name] = problem;
}

/**
 * The record check's errors on the fields a person enters, for a record that stops
 * before its hooks: every mistake is told at once, but not a field the system
 * would have filled (computed, numbered, set by a hook).
 */
function enteredFieldErrors(entity: ResolvedEntity, values: Record<string, unknown>): FieldErrors {
  return Object.fromEntries(
    Object.entries(validateRecord(entity, values)).filter(([name]) => {
      const f = entity.field.get(name);
      return f !== undefined && !f.readOnly && !f.computed && !f.sequence && !f.rollup;
    }),
  );
}

/** Audit rows are never changed or deleted, by anyone: the database refuses it too, but a refusal, not a 500, reaches the person. */
function refuseAuditWrite(entity: ResolvedEntity): void {
  if (entity.key === 'core.audit_log') throw forbidden('The audit log is append-only: its entries are never changed or deleted.', { entity: entity.key });
}

/**
 * The service behind a `Records` a plugin passes back to the core (documents,
 * mail, the workflow engine): core code needs the transaction and runtime that
 * the contract hides. Every `Records` the core hands out is a RecordService.
 */
export function serviceOf(records: Records): RecordService {
  if (records instanceof RecordService) return records;
  throw new UmsError('INTERNAL', 'Records must come from the core (a hook, action, job or seed context).');
}
