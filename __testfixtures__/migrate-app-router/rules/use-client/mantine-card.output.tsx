'use client';

import { Card, Title } from '@mantine/core';

export default function TeamCard({ name }: { name: string }) {
  return (
    <Card withBorder shadow="md">
      <Title order={3}>{name}</Title>
    </Card>
  );
}
