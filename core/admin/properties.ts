/** AdminJS properties derived from manifest fields (types, references, enums, read-only). */
import { BaseProperty, type PropertyType } from 'adminjs';
import type { FieldType, ResolvedEntity, ResolvedField } from '../manifest/index.js';

/** Every field type has an AdminJS type; the Record makes a new field type a compile error here. */
const ADMIN_TYPES: Record<FieldType, PropertyType> = {
  string: 'string', text: 'textarea', integer: 'number', decimal: 'float', money: 'currency', boolean: 'boolean', date: 'date', datetime: 'datetime', time: 'string',
  enum: 'string', email: 'string', phone: 'string', url: 'string', json: 'textarea', reference: 'reference', password: 'password', file: 'string', files: 'string',
};

const adminType = (f: ResolvedField): PropertyType => ADMIN_TYPES[f.type];

export class ManifestProperty extends BaseProperty {
  constructor(
    readonly field: ResolvedField | undefined,
    path: string,
    type: PropertyType,
    position: number,
    private readonly referenceId: string | null = null,
    private readonly options: { isId?: boolean; editable?: boolean; required?: boolean; sortable?: boolean } = {},
  ) {
    super({ path, type, isId: options.isId ?? false, isSortable: options.sortable ?? true, position });
  }

  override isEditable(): boolean {
    return this.options.editable ?? false;
  }

  override isRequired(): boolean {
    return this.options.required ?? false;
  }

  override reference(): string | null {
    return this.referenceId;
  }

  override availableValues(): string[] | null {
    return this.field?.values ?? null;
  }

  override isVisible(): boolean {
    return true;
  }
}

export function propertiesOf(entity: ResolvedEntity, resourceIdOf: (entityKey: string) => string): ManifestProperty[] {
  const props: ManifestProperty[] = [new ManifestProperty(undefined, 'id', 'uuid', 0, null, { isId: true })];
  entity.fields.forEach((f, i) => {
    props.push(
      new ManifestProperty(f, f.name, adminType(f), i + 1, f.type === 'reference' && f.target ? resourceIdOf(f.target) : null, {
        editable: !f.readOnly,
        required: f.required && f.type !== 'password',
        sortable: !['json', 'password', 'text'].includes(f.type),
      }),
    );
  });
  const n = entity.fields.length;
  props.push(new ManifestProperty(undefined, 'created_at', 'datetime', n + 1));
  props.push(new ManifestProperty(undefined, 'updated_at', 'datetime', n + 2));
  props.push(new ManifestProperty(undefined, 'version', 'number', n + 3, null, { sortable: false }));
  return props;
}
