/**
 * The picker of a reference the manifest narrows (`where`): options come from the entity's `pick`
 * action (core/admin/pickers.ts), so only records that meet the condition and that the user may read
 * are offered. Otherwise as AdminJS's own reference picker: search as you type, clearable.
 */
import React, { useEffect, useState } from 'react';
import { ApiClient, useTranslation, type EditPropertyProps } from 'adminjs';
import { FormGroup, FormMessage, Label, SelectAsync } from '@adminjs/design-system';

interface Option {
  value: string;
  label: string;
}

const api = new ApiClient();

const ReferencePicker: React.FC<EditPropertyProps> = ({ property, record, onChange, resource }) => {
  const { translateProperty } = useTranslation();
  const selectedId = record?.params?.[property.path] as string | undefined;
  const [selected, setSelected] = useState<Option | null>(null);
  const load = async (q: string): Promise<Option[]> => {
    const res = await api.resourceAction({ resourceId: resource.id, actionName: 'pick', params: { field: property.path, q } });
    return ((res.data as { options?: { id: string; title: string }[] }).options ?? []).map((o) => ({ value: o.id, label: o.title }));
  };
  useEffect(() => {
    // The current value's title, as the record page shows it (populated by AdminJS).
    const populated = record?.populated?.[property.path] as { id?: string; title?: string } | undefined;
    setSelected(selectedId ? { value: selectedId, label: populated?.title ?? selectedId } : null);
  }, [selectedId]);
  const error = record?.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)} data-testid={`picker-${property.path}`}>
      <Label htmlFor={`picker-${property.path}`} required={property.isRequired}>{translateProperty(property.label, resource.id)}</Label>
      <SelectAsync
        inputId={`picker-${property.path}`}
        cacheOptions
        defaultOptions
        loadOptions={load}
        value={selected}
        isClearable
        onChange={(option: Option | null) => {
          setSelected(option);
          onChange(property.path, option ? option.value : null);
        }}
      />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default ReferencePicker;
