/* Generated from manifest.schema.json by `npm run gen:types`. Do not edit. */

export type Identifier = string;
export type FieldType =
  | 'string'
  | 'text'
  | 'integer'
  | 'decimal'
  | 'money'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'email'
  | 'phone'
  | 'url'
  | 'json'
  | 'reference'
  | 'password';
/**
 * A CRUD action or the name of a custom record action declared by the module's plugin.
 */
export type RuleAction = string;
/**
 * A CASL (MongoDB-style) condition. Keys are field names or 'reference.field' paths, or $and/$or/$not. Values are literals, placeholders such as ${user.id}, or one operator object ($eq $ne $in $nin $gt $gte $lt $lte).
 */
export type Conditions = Record<string, unknown>;

/**
 * A UMS module: entities, roles, permission rules, dashboard cards and (reserved) workflows. Everything UMS builds for a module derives from this file.
 */
export interface ModuleManifest {
  $schema?: string;
  /**
   * Module id; also the prefix of its tables (<id>_<entity>).
   */
  id: string;
  version: string;
  label: string;
  description?: string;
  /**
   * AdminJS navigation icon name.
   */
  icon?: string;
  /**
   * Organization system types that get this module enabled when they are created.
   */
  systemTypes?: Identifier[];
  dependsOn?: Identifier[];
  entities: Entity[];
  roles?: Role[];
  /**
   * CASL rules per role name. A role may be declared by this module or by a module it depends on.
   */
  permissions?: {
    [k: string]: PermissionRule[];
  };
  dashboard?: DashboardCard[];
  /**
   * Reserved for approval workflows (filled by the workflow engine).
   */
  workflows?: Record<string, unknown>[];
}
export interface Entity {
  name: Identifier;
  label?: string;
  pluralLabel?: string;
  description?: string;
  /**
   * Field shown when a record of this entity is referenced.
   */
  titleField?: string;
  /**
   * @minItems 1
   */
  fields: [Field, ...Field[]];
  indexes?: Index[];
  list?: ListSettings;
}
export interface Field {
  name: Identifier;
  type: FieldType;
  label?: string;
  help?: string;
  required?: boolean;
  /**
   * Unique within one organization.
   */
  unique?: boolean;
  /**
   * Default value for new records; must be valid for the field.
   */
  default?: unknown;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /**
   * Allowed values of an enum field.
   *
   * @minItems 1
   */
  values?: [string, ...string[]];
  /**
   * Digits after the decimal point (decimal, money).
   */
  scale?: number;
  /**
   * Referenced entity: 'entity' in this module, 'module.entity' in a depended-on module, or 'core.user'.
   */
  target?: string;
  onDelete?: 'restrict' | 'cascade' | 'set null';
  /**
   * Set by plugins and actions only, never by a form.
   */
  readOnly?: boolean;
}
export interface Index {
  /**
   * @minItems 1
   */
  fields: [string, ...string[]];
  unique?: boolean;
}
export interface ListSettings {
  columns?: string[];
  sort?: {
    field: string;
    direction?: 'asc' | 'desc';
  };
}
export interface Role {
  name: Identifier;
  label?: string;
  description?: string;
}
export interface PermissionRule {
  action: RuleAction | [RuleAction, ...RuleAction[]];
  /**
   * Entity name ('book', 'module.entity') or 'all'.
   */
  subject: string | [string, ...string[]];
  conditions?: Conditions;
  /**
   * @minItems 1
   */
  fields?: [string, ...string[]];
  inverted?: boolean;
  reason?: string;
}
export interface DashboardCard {
  type: 'count';
  label: string;
  entity: string;
  conditions?: Conditions;
}
