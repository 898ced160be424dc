/**
 * The form field of a time value: the browser's time picker (it sends HH:MM, or HH:MM:SS when the
 * value has seconds). What it sends is checked on the server like any other input, so a value the
 * picker cannot make (typed into a browser without one) comes back as the field's error.
 */
import React from 'react';
import { useTranslation, type EditPropertyProps } from 'adminjs';
import { FormGroup, FormMessage, Input, Label } from '@adminjs/design-system';

const TimeInput: React.FC<EditPropertyProps> = ({ property, record, onChange, resource }) => {
  const { translateProperty } = useTranslation();
  const raw = record?.params?.[property.path];
  const error = record?.errors?.[property.path];
  const id = `time-${property.path}`;
  const value = raw === null || raw === undefined ? '' : String(raw);
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} required={property.isRequired}>
        {translateProperty(property.label, resource.id)}
      </Label>
      <Input id={id} name={property.path} type="time" step={value.length > 5 ? 1 : 60} value={value} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(property.path, e.target.value)} />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default TimeInput;
