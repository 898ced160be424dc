/**
 * The form field of a money value: a plain text input that sends what was typed, so "abc" reaches
 * the server and comes back as the field's error. AdminJS's currency input drops what it cannot
 * parse, and the form then said "Successfully updated" with the value silently gone.
 */
import React from 'react';
import { useTranslation, type EditPropertyProps } from 'adminjs';
import { FormGroup, FormMessage, Input, Label } from '@adminjs/design-system';

const MoneyInput: React.FC<EditPropertyProps> = ({ property, record, onChange, resource }) => {
  const { translateProperty } = useTranslation();
  const raw = record?.params?.[property.path];
  const currency = (property.custom as { umsFormat?: { currency?: string } } | undefined)?.umsFormat?.currency;
  const error = record?.errors?.[property.path];
  const id = `money-${property.path}`;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} required={property.isRequired}>
        {translateProperty(property.label, resource.id)}{currency ? ` (${currency})` : ''}
      </Label>
      <Input id={id} name={property.path} inputMode="decimal" autoComplete="off" value={raw === null || raw === undefined ? '' : String(raw)} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(property.path, e.target.value)} />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default MoneyInput;
