/**
 * The dashboard: the manifest's cards the signed-in user may read, with counts
 * computed server-side through the data layer (see dashboardHandler).
 */
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, H2, H5, MessageBox, Text } from '@adminjs/design-system';

interface Card {
  module: string;
  label: string;
  count: number;
  href: string;
}

interface Empty {
  reason: 'no-role' | 'no-modules';
  message: string;
  admins: { name: string; email: string }[];
}

const api = new ApiClient();

/** No role, or no module: say so, and who can change it. */
const NothingHere: React.FC<{ empty: Empty }> = ({ empty }) => (
  <Box variant="white" p="xl" data-testid="dashboard-empty" data-reason={empty.reason}>
    <MessageBox message={empty.reason === 'no-role' ? 'You have no role yet' : 'No modules in this organization'} variant="info" mb="lg" />
    <Text mb="lg">{empty.message}</Text>
    {empty.admins.length > 0 && (
      <>
        <Text>Your organization&apos;s admin{empty.admins.length > 1 ? 's' : ''}:</Text>
        {empty.admins.map((a) => (
          <Text key={a.email}>
            {a.name} — <a href={`mailto:${a.email}`}>{a.email}</a>
          </Text>
        ))}
      </>
    )}
  </Box>
);

const Dashboard: React.FC = () => {
  const [cards, setCards] = useState<Card[] | null>(null);
  const [empty, setEmpty] = useState<Empty | null>(null);
  useEffect(() => {
    api.getDashboard().then((res) => {
      const data = res.data as { cards?: Card[]; empty?: Empty | null };
      setEmpty(data.empty ?? null);
      setCards(data.cards ?? []);
    });
  }, []);
  if (!cards) return <Box variant="grey"><Text>Loading…</Text></Box>;
  const modules = [...new Set(cards.map((c) => c.module))];
  return (
    <Box variant="grey">
      {empty && <NothingHere empty={empty} />}
      {!empty && cards.length === 0 && <Text>No dashboard cards for your role yet: the screens you may use are in the navigation.</Text>}
      {modules.map((module) => (
        <Box key={module} mb="xl">
          <H2>{module}</H2>
          <Box flex flexDirection="row" flexWrap="wrap">
            {cards.filter((c) => c.module === module).map((card) => (
              <Box key={card.label} as="a" href={card.href} variant="white" mr="lg" mb="lg" width={240} data-testid="dashboard-card">
                <H5>{card.label}</H5>
                <Text fontSize={32}>{card.count}</Text>
              </Box>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
};

export default Dashboard;
