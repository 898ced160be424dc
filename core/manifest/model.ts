/**
 * The resolved view of manifests: every default filled and every reference linked
 * once at load, so the rest of the runtime never re-reads raw manifest JSON.
 */
import type { Field, FieldType, ModuleManifest, PermissionRule } from './manifest.types.js';

export type { Field, FieldType, ModuleManifest, PermissionRule };

/** Columns every module table has; never writable from a form. */
export const SYSTEM_FIELDS = ['id', 'organization_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version'] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

export interface ResolvedField {
  name: string;
  /** PostgreSQL column: the name, or `<name>_id` for a reference. */
  column: string;
  type: FieldType;
  label: string;
  help?: string;
  required: boolean;
  unique: boolean;
  readOnly: boolean;
  default?: unknown;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  values?: string[];
  scale: number;
  /** Entity key (`module.entity`) of a reference. */
  target?: string;
  /** A reference's reverse (to-many) name on its target, for `$some` conditions. */
  inverse?: string;
  onDelete: 'restrict' | 'cascade' | 'set null';
  pointer: string;
}

export interface ResolvedEntity {
  /** `module.entity`: the CASL subject and the registry key. */
  key: string;
  module: string;
  name: string;
  table: string;
  label: string;
  pluralLabel: string;
  titleField: string;
  fields: ResolvedField[];
  field: ReadonlyMap<string, ResolvedField>;
  indexes: { fields: string[]; unique: boolean }[];
  listColumns: string[];
  sort: { field: string; direction: 'asc' | 'desc' };
  file: string;
  pointer: string;
}

export interface ResolvedRule extends Omit<PermissionRule, 'subject' | 'action'> {
  action: string[];
  /** Entity keys, or ['all']. */
  subject: string[];
  /** Where it was declared, for "why can(not) this user…" answers. */
  source: string;
}

export interface DashboardCardDef {
  label: string;
  entity: string;
  conditions?: Record<string, unknown>;
}

/** Who: holders of any role, and/or the users a record points at (`teacher`, `course.teacher`, `created_by`). */
export interface ResolvedActors {
  roles: string[];
  relations: string[];
}

export type Quorum = { kind: 'any' } | { kind: 'all' } | { kind: 'count'; count: number };

export interface ResolvedApprovalStep {
  name: string;
  label: string;
  approvers: ResolvedActors;
  quorum: Quorum;
  when?: Record<string, unknown>;
}

export interface ResolvedTransition {
  name: string;
  label: string;
  icon?: string;
  from: string[];
  to: string;
  /** Who may start it (or request its approval); undefined: nobody directly. */
  by?: ResolvedActors;
  when?: Record<string, unknown>;
  approval?: {
    open: 'onEnter' | 'onRequest';
    mode: 'parallel' | 'sequential';
    steps: ResolvedApprovalStep[];
    allowSelfApproval: boolean;
    reject?: { name: string; label: string; to: string };
  };
  effects: { set: Record<string, unknown>; notify?: ResolvedActors; message?: string; hook?: string };
  pointer: string;
}

export interface ResolvedWorkflowState {
  name: string;
  label: string;
  editable: boolean;
  /** Only these roles may edit (undefined: whoever may edit the record). */
  editableBy?: string[];
  terminal: boolean;
}

export interface ResolvedWorkflow {
  /** `module.name`. */
  key: string;
  module: string;
  name: string;
  label: string;
  /** Entity key. */
  entity: string;
  version: number;
  field: string;
  initial: string;
  states: Map<string, ResolvedWorkflowState>;
  transitions: ResolvedTransition[];
  file: string;
  pointer: string;
}

export interface ResolvedModule {
  id: string;
  label: string;
  icon?: string;
  version: string;
  file: string;
  systemTypes: string[];
  dependsOn: string[];
  entities: ResolvedEntity[];
  roles: { name: string; label: string; description?: string }[];
  rules: Map<string, ResolvedRule[]>;
  dashboard: DashboardCardDef[];
  workflows: ResolvedWorkflow[];
  manifest: ModuleManifest;
}

export interface Registry {
  /** Modules in dependency order (a module after those it depends on); `core` first. */
  modules: ResolvedModule[];
  module(id: string): ResolvedModule | undefined;
  entity(key: string): ResolvedEntity | undefined;
  entities: ResolvedEntity[];
  /** The workflow of an entity (at most one per entity). */
  workflow(entityKey: string): ResolvedWorkflow | undefined;
  /** Every role name declared by any module, with its label and declaring modules. */
  roles: Map<string, { label: string; modules: string[]; description?: string }>;
}

export const CORE_MODULE_ID = 'core';

export const snakeToLabel = (name: string): string =>
  name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
