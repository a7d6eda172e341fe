'use client';

import { motion } from 'framer-motion';

export function Hero({ title }: { title: string }) {
  return (
    <motion.section initial={{ opacity: 0 }} animate={{ opacity: 1 }}>
      <h1>{title}</h1>
    </motion.section>
  );
}
