/**
 * "Export" on a list: CSV and XLSX links that carry the list's current
 * filters and sort (the drawer keeps the list's query string). The server
 * applies the user's access again; these links only choose the format.
 */
import React from 'react';
import { useLocation } from 'react-router';
import type { ActionProps } from 'adminjs';
import { Box, Button, H3, Text } from '@adminjs/design-system';

const KEPT = /^(filters\.|sortBy$|direction$)/;

const ExportAction: React.FC<ActionProps> = ({ action }) => {
  const { search } = useLocation();
  const links = action.custom as { title: string; csv: string; xlsx: string };
  const kept = new URLSearchParams();
  new URLSearchParams(search).forEach((value, key) => {
    if (KEPT.test(key) && value !== '') kept.append(key, value);
  });
  const query = kept.toString() ? `?${kept.toString()}` : '';
  const filtered = [...kept.keys()].some((k) => k.startsWith('filters.'));
  return (
    <Box variant="grey" data-testid="ums-export">
      <H3>Export {links.title.toLowerCase()}</H3>
      <Text mb="lg">{filtered ? 'The records the list shows with its current filters, as far as you may see them.' : 'Every record you may see, with the columns you may see.'}</Text>
      <Box flex flexDirection="row">
        <Button as="a" href={`${links.csv}${query}`} variant="contained" mr="default" data-testid="ums-export-csv">
          CSV
        </Button>
        <Button as="a" href={`${links.xlsx}${query}`} variant="outlined" data-testid="ums-export-xlsx">
          Excel (XLSX)
        </Button>
      </Box>
    </Box>
  );
};

export default ExportAction;
