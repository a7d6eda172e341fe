'use client';

import { motion } from 'framer-motion';

export default function About() {
  return (
    <>
      <motion.div initial={{ opacity: 0 }} animate={{ opacity: 1 }}>
        <h1>About us</h1>
      </motion.div>
    </>
  );
}
